"""Every list and dashboard page costs a fixed number of queries, however big the district.

Each page is measured in a small district and in a bigger one (twice the schools, more
branches and members): the counts must be equal, and under a ceiling a little above the
measurement. The bigger district is built once for the module, measured, and rolled back;
the small one is built for each test.
"""

import datetime as dt
import re
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import build_district, make_user
from vanguard.access.models import Role
from vanguard.campaigns import services
from vanguard.core import clock
from vanguard.meetings import services as meetings

SMALL = {"schools": 2, "branches": 2, "members_per_branch": 3}
LARGE = {"schools": 4, "branches": 3, "members_per_branch": 8}


@dataclass
class World:
    users: dict
    campaign: int
    plan: int
    phase: int
    meeting: int


def build_world(size: dict) -> World:
    """A district of `size`, the seed campaign launched and every school plan approved (as
    the `launched` fixture does), and S1's mobilization meeting scheduled."""
    district = build_district(**size)
    offices = {district.users["office"].roles.get().organization_id: district.users["office"],
               district.users["other_office"].roles.get().organization_id:
                   district.users["other_office"]}
    for school in district.schools:  # schools beyond S1 and S2 get an office of their own
        if school.committee.pk not in offices:
            offices[school.committee.pk] = make_user(
                f"office_{school.school.code}", roles=[(Role.Kind.OFFICE, school.committee)])
    district_office = district.users["district_office"]
    campaign = services.launch_campaign(actor=district_office,
                                        template_key="advanced-nature-2005",
                                        organization=district.root, starts_on=clock.today())
    for plan in campaign.plans.exclude(organization=district.root):
        services.submit_plan(actor=offices[plan.organization_id], plan=plan)
        services.approve_plan(actor=district_office, plan=plan)
    plan = campaign.plans.get(organization=district.schools[0].committee)
    activity = plan.activities.get(key="mobilization_meeting")
    meeting = meetings.schedule_meeting(
        actor=district.users["office"], activity=activity, title="动员大会",
        held_at=dt.datetime.combine(activity.starts_on, dt.time(15),
                                    tzinfo=dt.timezone(dt.timedelta(hours=8))))
    return World(users=district.users, campaign=campaign.pk, plan=plan.pk,
                 phase=plan.phases.get(key="mobilize").pk, meeting=meeting.pk)


def with_opinions(world: World) -> int:
    """S1's opinions, made on first need: three about each member (two sorted, one waiting,
    one of them named), all of the "member" user's sorted and released. Returns the pk of
    that member's feedback, whose page lists as many opinions as the district is big."""
    if getattr(world, "member_feedback", None) is None:
        from tests.opinions.opinion_rows import add_opinion, token_of
        from vanguard.campaigns.models import Plan
        from vanguard.opinions.models import Opinion
        from vanguard.opinions.services import feedback
        from vanguard.opinions.services.intake import ensure_intake
        from vanguard.people.models import Member

        plan = Plan.objects.select_related("organization", "campaign").get(pk=world.plan)
        intake = ensure_intake(plan.activities.get(key="opinion_intake"))
        mine = world.users["member"].person
        for member in Member.objects.filter(organization__path__startswith=plan.organization.path):
            for n in range(3):
                waiting = n == 2 and member.person_id != mine.pk
                add_opinion(intake, token_of(member.person), summary="" if waiting else "摘要",
                            status=Opinion.Status.RECEIVED if waiting else Opinion.Status.SORTED,
                            anonymous=n != 1, giver_name="" if n != 1 else "王老师")
        world.member_feedback = feedback.release_feedback(
            actor=world.users["office"], campaign=plan.campaign,
            subject_token_or_resolved=token_of(mine)).pk
    return world.member_feedback


def with_rectification(world: World) -> int:
    """S1's rectification, made on first need with the ORM: a plan with two items for every
    member of S1 (as many as the district is big), and the follow-up meeting of the "member"
    user's branch. Returns the pk of that member's plan."""
    if getattr(world, "member_plan", None) is None:
        import datetime as dt

        from vanguard.campaigns.models import Plan
        from vanguard.meetings import services_follow_up
        from vanguard.people.models import Member
        from vanguard.rectification.models import Item, Owner, RectificationPlan

        plan = Plan.objects.select_related("organization", "campaign").get(pk=world.plan)
        step = plan.activities.get(key="rectification_plan")
        for member in Member.objects.filter(organization__path__startswith=plan.organization.path):
            rectification_plan = RectificationPlan.objects.create(
                campaign=plan.campaign, activity=step, owner_kind=Owner.MEMBER,
                person_id=member.person_id, organization_id=member.organization_id)
            Item.objects.bulk_create([Item(
                plan=rectification_plan, campaign=plan.campaign,
                organization_id=member.organization_id, order=n, problem=f"问题{n}",
                responsible_name="张老师", measures="措施", deadline=plan.campaign.ends_on)
                for n in (1, 2)])
        mine = world.users["member"].person
        world.member_plan = RectificationPlan.objects.get(person=mine).pk
        follow_up = plan.activities.get(key="follow_up_meeting")
        world.follow_up = services_follow_up.schedule_follow_up(
            actor=world.users["office"], activity=follow_up,
            organization=mine.member.organization, title="整改专题组织生活会",
            held_at=dt.datetime.combine(follow_up.starts_on, dt.time(15),
                                        tzinfo=dt.timezone(dt.timedelta(hours=8)))).pk
    return world.member_plan


def rectified(world: World, url: str | None) -> str | None:
    with_rectification(world)
    return url


def seeded(world: World, url: str) -> str:
    with_opinions(world)
    return url


# page: (viewer, url, ceiling). Each ceiling is the count measured (the same on SQLite and
# PostgreSQL) plus 3; the session, the user, the roles and the session's save are in every
# page's count.
PAGES = {
    "campaigns:list": ("district_office", lambda w: reverse("campaigns:list"), 12),
    "campaigns:detail": ("district_office",
                         lambda w: reverse("campaigns:detail", args=[w.campaign]), 12),
    "campaigns:progress district": (
        "district_office", lambda w: reverse("campaigns:progress", args=[w.campaign]) + "?org=D",
        16),
    "campaigns:progress school": (
        "district_office",
        lambda w: reverse("campaigns:progress", args=[w.campaign]) + "?org=S1-C", 17),
    "campaigns:progress branch": (
        "district_office",
        lambda w: reverse("campaigns:progress", args=[w.campaign]) + "?org=S1-B1", 16),
    "campaigns:plan": ("office", lambda w: reverse("campaigns:plan", args=[w.plan]), 14),
    # The gate: one aggregate per check, and for each failing check two more (how many are
    # missing, and the first names): a cost per check of the template, not per member.
    "campaigns:phase": ("office", lambda w: reverse("campaigns:phase", args=[w.phase]), 29),
    # The phase 1 tasks each show the member's own figures (hours, readings, notes …): a
    # query or two per task of the template, never per record.
    "campaigns:my_tasks": ("member", lambda w: reverse("campaigns:my_tasks"), 17),
    "people:organizations": ("district_office", lambda w: reverse("people:organizations"), 10),
    "people:organization": ("district_office",
                            lambda w: reverse("people:organization", args=["D"]), 15),
    "meetings:detail": ("office", lambda w: reverse("meetings:detail", args=[w.meeting]), 13),
    "access:audit": ("admin", lambda w: reverse("access:audit"), 12),
    "analyses:progress": ("office", lambda w: reverse("analyses:progress", args=[w.campaign])
                          + "?org=S1-C", 15),
    "analyses:queue": ("secretary", lambda w: reverse("analyses:queue", args=[w.campaign]), 14),
    "analyses:mine": ("member", lambda w: reverse("analyses:mine", args=[w.campaign]), 15),
    # Talks: the member's own page, and coverage at each level (one aggregate per table,
    # names paged at a school or branch).
    "talks:my_talks": ("member", lambda w: reverse("talks:my_talks", args=[w.campaign]), 15),
    "talks:coverage district": (
        "district_office", lambda w: reverse("talks:coverage", args=[w.campaign]) + "?org=D",
        16),
    "talks:coverage school": (
        "district_office",
        lambda w: reverse("talks:coverage", args=[w.campaign]) + "?org=S1-C", 20),
    # The secretary's branch (the last one of S1): the one whose members have pairs.
    "talks:coverage branch": (
        "district_office",
        lambda w: reverse("talks:coverage", args=[w.campaign])
        + f"?org={w.users['secretary'].roles.get().organization.code}", 18),
    # Opinions (with as many opinions as S1 has members): the office's sorting list and
    # release page, the member's feedback list and one feedback.
    "opinions:sorting": ("office", lambda w: seeded(w, reverse("opinions:sorting",
                                                               args=[w.campaign])), 15),
    "opinions:release": ("office", lambda w: seeded(w, reverse("opinions:release",
                                                               args=[w.campaign])), 17),
    "opinions:my_feedback": ("member", lambda w: seeded(w, reverse("opinions:my_feedback",
                                                                   args=[w.campaign])), 15),
    "opinions:feedback": ("member", lambda w: reverse("opinions:feedback",
                                                      args=[with_opinions(w)]), 13),
    # Rectification (a plan of two items for each of S1's members): the plans and the ledger
    # the office reads, one plan, and the follow-up meeting's list of a branch.
    "rectification:plans": ("office", lambda w: rectified(w, reverse(
        "rectification:plans", args=[w.campaign])), 17),
    "rectification:plan_detail": ("office", lambda w: reverse(
        "rectification:plan_detail", args=[with_rectification(w)]), 17),
    "rectification:ledger": ("office", lambda w: rectified(w, reverse(
        "rectification:ledger", args=[w.campaign])), 13),
    "meetings:follow_up_detail": ("office", lambda w: rectified(w, None) or reverse(
        "meetings:follow_up_detail", args=[w.follow_up]), 12),
}


def measure(client: Client, world: World, page: str, guard=None) -> list[str]:
    """The SQL of one request for `page`, after a first request has warmed the session."""
    viewer, url, _ = PAGES[page]
    client.force_login(world.users[viewer])
    target = url(world)
    assert client.get(target).status_code == 200, target
    with guard or nullcontext(), CaptureQueriesContext(connection) as queries:
        assert client.get(target).status_code == 200, target
    return [q["sql"] for q in queries.captured_queries]


@pytest.fixture(scope="module")
def large(django_db_setup, django_db_blocker) -> dict[str, list[str]]:
    """Every page's SQL in the bigger district, built once and rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world(LARGE)
        measured = {page: measure(Client(), world, page) for page in PAGES}
        transaction.set_rollback(True)
    return measured


@pytest.fixture
def small_world(db) -> World:
    return build_world(SMALL)


def shape(sql: str) -> str:
    """The query with its values blanked, so that repeats of one query compare equal."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


def grown(small: list[str], large: list[str]) -> list[str]:
    more = Counter(map(shape, large)) - Counter(map(shape, small))
    return [f"{n} more x {sql[:300]}" for sql, n in more.items()]


@pytest.mark.parametrize("page", list(PAGES))
def test_page_costs_the_same_queries_at_both_sizes(page, small_world, large, client,
                                                  django_assert_max_num_queries):
    small = measure(client, small_world, page, django_assert_max_num_queries(PAGES[page][2]))
    assert len(large[page]) == len(small), "\n".join(grown(small, large[page]))
