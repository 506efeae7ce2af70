"""Every URL of the project, with every role: the answer the table next to it expects."""

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.url_table import ROLES, TABLE, area_modules
from vanguard.campaigns.models import Assignment
from vanguard.meetings import services as meetings


def url_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_has_a_row_in_the_table():
    assert url_names() - {r["name"] for r in TABLE} == set()


def test_every_row_names_every_role():
    for entry in TABLE:
        assert set(entry["expected"]) == set(ROLES), entry["name"]


@pytest.fixture
def world(launched, district):
    s1, s2 = district.schools[0], district.schools[-1]
    plan = launched.plans.get(organization=s1.committee)
    activity = plan.activities.get(key="mobilization_meeting")
    meeting = meetings.schedule_meeting(
        actor=district.users["office"], activity=activity, title="动员大会",
        held_at=dt.datetime.combine(activity.starts_on, dt.time(15),
                                    tzinfo=dt.timezone(dt.timedelta(hours=8))))
    world = {
        "branch": {"code": s1.branches[-1].code},
        "other_school": {"code": s2.branches[0].code},
        "campaign": {"pk": launched.pk},
        "plan": {"pk": plan.pk},
        "phase": {"pk": plan.phases.get(key="mobilize").pk},
        "activity": {"pk": activity.pk},
        "meeting": {"pk": meeting.pk},
        "task": {"pk": Assignment.objects.filter(person=s1.members[-1]).first().pk},
        "person": {"pk": s1.members[-1].pk},
        None: {},
    }
    for module in area_modules():
        if hasattr(module, "targets"):
            world.update(module.targets(launched, district))
    return world


def answer(response) -> int | str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says(role, world, district, client):
    if role != "anonymous":
        client.force_login(district.users[role])
    wrong = []
    for entry in TABLE:
        url = reverse(entry["name"], kwargs=world[entry["target"]]) + entry["query"]
        got = answer(client.get(url))
        if got != entry["expected"][role]:
            wrong.append(f"{entry['name']} {url}: expected {entry['expected'][role]}, got {got}")
    assert wrong == []
