"""Scope from the denied side, through the services: a refused write raises and writes nothing.

Who is who (tests/builders.py): the district office and the supervisor sit at the root; the
office runs school S1, the other office school S2; the secretary runs branch S1-B2 (where the
member is), the other secretary branch S1-B1; the leader sits on S1's committee.
"""

import datetime as dt

import pytest

from vanguard.access.models import AuditEntry
from vanguard.campaigns import services
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Activity, Assignment, Campaign, Phase, Plan
from vanguard.core import clock
from vanguard.meetings import services as meetings
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Attendance, Meeting

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def snapshot() -> dict:
    """Every row a campaign or meeting service may write, with the fields it may change."""
    return {
        "campaigns": list(Campaign.objects.values_list("pk", "state").order_by("pk")),
        "plans": list(Plan.objects.values_list(
            "pk", "status", "version", "title", "preamble", "return_reason").order_by("pk")),
        "phases": list(Phase.objects.values_list(
            "pk", "state", "starts_on", "ends_on", "override_reason").order_by("pk")),
        "activities": list(Activity.objects.values_list(
            "pk", "starts_on", "due_on").order_by("pk")),
        "assignments": list(Assignment.objects.values_list(
            "pk", "status", "note").order_by("pk")),
        "meetings": list(Meeting.objects.values_list("pk", "held_at").order_by("pk")),
        "attendance": list(Attendance.objects.values_list(
            "pk", "status", "absence_reason").order_by("pk")),
        "audit": list(AuditEntry.objects.values_list("pk", flat=True).order_by("pk")),
    }


def assert_refused(error_class, call):
    before = snapshot()
    with pytest.raises(error_class) as refused:
        call()
    assert refused.value.code == "forbidden"
    assert snapshot() == before


@pytest.fixture
def drafted(district):
    """The campaign launched, each school's plan still a draft."""
    return services.launch_campaign(
        actor=district.users["district_office"], template_key="advanced-nature-2005",
        organization=district.root, starts_on=clock.today())


@pytest.fixture
def s1_draft(drafted, district):
    return drafted.plans.get(organization=district.schools[0].committee)


@pytest.fixture
def s1_plan(launched, plain_task_step, district):
    return launched.plans.get(organization=district.schools[0].committee)


@pytest.fixture
def s1_meeting(s1_plan, district):
    activity = s1_plan.activities.get(key="mobilization_meeting")
    return meetings.schedule_meeting(
        actor=district.users["office"], activity=activity, title="动员大会",
        held_at=dt.datetime.combine(activity.starts_on, dt.time(15), tzinfo=SHANGHAI))


def task_of(person, plan) -> Assignment:
    return Assignment.objects.get(person=person, activity__plan=plan,
                                  activity__key="self_analysis")


# --- plans ---------------------------------------------------------------------------------


def test_office_of_another_school_cannot_submit_s1_plan(district, s1_draft):
    assert_refused(CampaignError, lambda: services.submit_plan(
        actor=district.users["other_office"], plan=s1_draft))


def test_office_of_another_school_cannot_edit_s1_plan(district, s1_draft):
    assert_refused(CampaignError, lambda: services.update_plan(
        actor=district.users["other_office"], plan=s1_draft, version=s1_draft.version,
        title="另一所学校改的标题", preamble="", phase_dates={}, activity_dates={}))


def test_office_of_another_school_cannot_add_a_step_to_s1_plan(district, s1_draft):
    phase = s1_draft.phases.get(key="mobilize")
    assert_refused(CampaignError, lambda: services.add_activity(
        actor=district.users["other_office"], plan=s1_draft, phase=phase,
        kind="campaigns.task", name="外校加的步骤", starts_on=phase.starts_on,
        due_on=phase.starts_on))


@pytest.mark.parametrize("role", ["secretary", "leader", "supervisor", "member"])
def test_only_an_office_submits_a_plan(district, s1_draft, role):
    assert_refused(CampaignError, lambda: services.submit_plan(
        actor=district.users[role], plan=s1_draft))


def test_school_office_submits_its_own_draft(district, s1_draft):
    plan = services.submit_plan(actor=district.users["office"], plan=s1_draft)
    assert plan.status == Plan.Status.SUBMITTED


def test_school_office_cannot_approve_its_own_plan(district, s1_draft):
    office = district.users["office"]
    services.submit_plan(actor=office, plan=s1_draft)
    assert_refused(CampaignError, lambda: services.approve_plan(actor=office, plan=s1_draft))
    assert_refused(CampaignError, lambda: services.return_plan(
        actor=office, plan=s1_draft, reason="自己退回自己的方案"))


def test_office_of_another_school_cannot_decide_s1_plan(district, s1_draft):
    services.submit_plan(actor=district.users["office"], plan=s1_draft)
    assert_refused(CampaignError, lambda: services.approve_plan(
        actor=district.users["other_office"], plan=s1_draft))


def test_supervisor_cannot_approve_a_plan(district, s1_draft):
    services.submit_plan(actor=district.users["office"], plan=s1_draft)
    assert_refused(CampaignError, lambda: services.approve_plan(
        actor=district.users["supervisor"], plan=s1_draft))


def test_only_the_office_above_approves(district, s1_draft):
    services.submit_plan(actor=district.users["office"], plan=s1_draft)
    plan = services.approve_plan(actor=district.users["district_office"], plan=s1_draft)
    assert plan.status == Plan.Status.APPROVED


# --- phases --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["supervisor", "leader", "secretary", "other_office"])
def test_who_may_not_close_s1_phase(district, s1_plan, role):
    phase = s1_plan.phases.get(key="mobilize")
    assert phase.state == Phase.State.OPEN
    assert_refused(CampaignError, lambda: services.close_phase(
        actor=district.users[role], phase=phase, override_reason="督导组认为可以结束了"))


# --- attendance ----------------------------------------------------------------------------


def test_supervisor_cannot_record_attendance(district, s1_meeting):
    assert_refused(MeetingError, lambda: meetings.record_attendance(
        actor=district.users["supervisor"], meeting=s1_meeting,
        person_id=district.schools[0].members[-1].pk, status="present"))


def test_branch_secretary_cannot_record_attendance_at_the_school_meeting(district, s1_meeting):
    # The member is in the secretary's own branch; the meeting is the school committee's.
    assert_refused(MeetingError, lambda: meetings.record_attendance(
        actor=district.users["secretary"], meeting=s1_meeting,
        person_id=district.schools[0].members[-1].pk, status="present"))


def test_office_of_another_school_cannot_record_attendance(district, s1_meeting):
    assert_refused(MeetingError, lambda: meetings.record_attendance(
        actor=district.users["other_office"], meeting=s1_meeting,
        person_id=district.schools[0].members[-1].pk, status="present"))


@pytest.mark.parametrize("role", ["supervisor", "secretary", "leader", "other_office"])
def test_who_may_not_schedule_the_school_meeting(district, s1_plan, role):
    activity = s1_plan.activities.get(key="mobilization_meeting")
    assert_refused(MeetingError, lambda: meetings.schedule_meeting(
        actor=district.users[role], activity=activity, title="动员大会",
        held_at=dt.datetime.combine(activity.starts_on, dt.time(9), tzinfo=SHANGHAI)))


def test_school_office_records_attendance_at_its_meeting(district, s1_meeting):
    row = meetings.record_attendance(
        actor=district.users["office"], meeting=s1_meeting,
        person_id=district.schools[0].members[-1].pk, status="present")
    assert row.status == Attendance.Status.PRESENT


# --- tasks ---------------------------------------------------------------------------------


def test_supervisor_cannot_complete_another_persons_task(district, s1_plan):
    task = task_of(district.schools[0].members[-1], s1_plan)
    assert_refused(CampaignError, lambda: services.complete_task(
        actor=district.users["supervisor"], assignment=task))


def test_member_cannot_complete_another_members_task(district, s1_plan):
    task = task_of(district.schools[0].members[0], s1_plan)
    assert_refused(CampaignError, lambda: services.complete_task(
        actor=district.users["member"], assignment=task))


def test_secretary_cannot_complete_a_task_for_a_member_of_another_branch(district, s1_plan):
    # members[0] is in S1-B1; the secretary runs S1-B2.
    task = task_of(district.schools[0].members[0], s1_plan)
    assert_refused(CampaignError, lambda: services.complete_task(
        actor=district.users["secretary"], assignment=task))


def test_office_of_another_school_cannot_complete_a_task_in_s1(district, s1_plan):
    task = task_of(district.schools[0].members[-1], s1_plan)
    assert_refused(CampaignError, lambda: services.complete_task(
        actor=district.users["other_office"], assignment=task))


def test_secretary_completes_a_task_for_a_member_of_the_own_branch(district, s1_plan,
                                                                   review_open):
    task = task_of(district.schools[0].members[-1], s1_plan)
    done = services.complete_task(actor=district.users["secretary"], assignment=task)
    assert done.status == Assignment.Status.DONE
