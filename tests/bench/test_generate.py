"""The benchmark's data generator at its smallest scale: the counts the issue states, rows that
hold together (keys, the roll-up, the hours totals), on whichever database the suite runs."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client, override_settings
from django.urls import reverse

from bench.generate import generate
from bench.scales import SCALES
from vanguard.access.models import Role, User
from vanguard.campaigns.models import Assignment, Campaign, Phase, Plan, ProgressCount
from vanguard.campaigns.services import rollup
from vanguard.meetings.models import Attendance
from vanguard.people.models import Member, Organization, Person, School
from vanguard.study.models import HoursEntry, HoursTotal

SCHOOL = SCALES["school"]
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def school_scale(django_db_setup, django_db_blocker):
    """Generated once for the module inside a transaction that is rolled back at its end;
    each test runs in a savepoint within it. fast=False keeps foreign keys checked, so that
    `check_constraints` below proves them."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), \
            transaction.atomic():
        yield generate("school", seed=7, fast=False)
        transaction.set_rollback(True)


@pytest.fixture
def generated(school_scale, db):
    return school_scale


def test_school_scale_has_the_stated_schools_branches_members_and_public(generated):
    assert School.objects.count() == 1
    assert Organization.objects.filter(kind=Organization.Kind.BRANCH).count() == 4
    assert Member.objects.count() == 80
    assert Person.objects.filter(member__isnull=True).count() == 200


def test_every_generated_key_points_at_a_row(generated):
    connection.check_constraints()


def test_the_tree_is_one_treebeard_accepts(generated):
    root = Organization.objects.get(depth=1)
    school_top = Organization.objects.get_children(root).get()
    branches = Organization.objects.get_children(school_top)
    assert [b.code for b in branches] == [f"S0001-B{i}" for i in range(1, 5)]
    assert school_top.numchild == 4 and root.numchild == 1
    assert Organization.objects.find_problems() == ([], [], [], [], [])


def test_every_member_has_an_account_and_every_unit_its_roles(generated):
    assert Person.objects.filter(member__isnull=False, user__isnull=True).count() == 0
    kinds = dict(Role.objects.values_list("kind").annotate(n=Count("id")))
    assert kinds[Role.Kind.MEMBER] == 80
    assert kinds[Role.Kind.SECRETARY] == 4 + 1  # each branch, and the school's first
    assert kinds[Role.Kind.OFFICE] == 1 + 1  # the school and the district
    assert not User.objects.filter(must_change_password=True).exists()


def test_the_campaign_is_in_its_first_phase_with_the_plan_approved(generated):
    campaign = Campaign.objects.get()
    plan = Plan.objects.get(derived_from__isnull=False)
    assert plan.status == Plan.Status.APPROVED
    assert list(plan.phases.filter(state=Phase.State.OPEN).values_list("key", flat=True)) == [
        "mobilize"]
    assert campaign.plans.count() == 2


def test_tasks_have_a_mix_of_done_and_pending_and_the_roll_up_matches(generated):
    statuses = set(Assignment.objects.filter(activity__phase__key="mobilize")
                   .values_list("status", flat=True))
    assert {"done", "pending"} <= statuses
    assert ProgressCount.objects.exists()
    assert rollup.differences(Campaign.objects.get()) == []


def test_each_meeting_task_has_its_attendance(generated):
    meeting_tasks = Assignment.objects.filter(activity__key="mobilization_meeting")
    assert Attendance.objects.count() == meeting_tasks.count() == 80 + SCHOOL.activists_per_school


def test_hours_ledger_is_about_33_lines_a_member_and_the_totals_add_up(generated):
    lines = HoursEntry.objects.count()
    assert 25 * 80 < lines < 40 * 80
    total = HoursTotal.objects.order_by("person_id").first()
    organized = sum(e.hours for e in HoursEntry.objects.filter(person_id=total.person_id)
                    .exclude(kind="self"))
    assert total.organized == organized
    study = Assignment.objects.get(person_id=total.person_id, activity__key="organized_study")
    assert (study.status == "done") == (total.organized >= 40) or study.status == "excused"


def test_a_generated_member_sees_their_tasks(generated, client: Client):
    member = Role.objects.filter(kind=Role.Kind.MEMBER).order_by("id").last().user
    client.force_login(member)
    response = client.get(reverse("campaigns:my_tasks"))
    assert response.status_code == 200
    assert response.content.count(b"list-group-item") >= 5


def test_bench_data_command_refuses_a_database_with_a_tree(generated):
    with pytest.raises(CommandError, match="already holds"):
        call_command("bench-data", "--scale", "school", stdout=io.StringIO())
