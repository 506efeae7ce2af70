"""The special organizational-life meeting: one per branch, only members with a reviewed
analysis take part, self-criticisms and criticisms recorded, minutes, tasks done."""

import pytest

from tests.meetings.special_support import hold, org_life, reviewed, step
from vanguard.access.models import AuditEntry
from vanguard.campaigns import registry
from vanguard.campaigns.models import Assignment
from vanguard.meetings import services_special as services
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Attendance, Meeting


@pytest.fixture
def b2(district):
    return district.schools[0].branches[-1]


@pytest.fixture
def b2_members(district):
    return district.schools[0].members[3:6]


def test_branch_secretary_schedules_their_branch_meeting_with_its_members(
        review_open, district, b2, b2_members):
    meeting = org_life(review_open, district)
    assert meeting.kind == Meeting.Kind.ORG_LIFE and meeting.organization == b2
    listed = set(Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    assert listed == {p.pk for p in b2_members}
    assert AuditEntry.objects.filter(action="meetings.meeting.scheduled").count() == 1


def test_office_schedules_each_branch_its_own_meeting(review_open, district):
    s1 = district.schools[0]
    first = org_life(review_open, district, s1.branches[0], actor="office")
    second = org_life(review_open, district, s1.branches[1], actor="office")
    assert {first.organization, second.organization} == set(s1.branches)
    assert Attendance.objects.filter(meeting=first).count() == 3


def test_secretary_cannot_schedule_another_branch(review_open, district):
    with pytest.raises(MeetingError, match="not allowed"):
        org_life(review_open, district, district.schools[0].branches[0])
    assert not Meeting.objects.filter(kind=Meeting.Kind.ORG_LIFE).exists()


def test_a_second_meeting_for_the_branch_is_refused(review_open, district):
    org_life(review_open, district)
    with pytest.raises(MeetingError, match="already scheduled"):
        org_life(review_open, district)
    assert Meeting.objects.filter(kind=Meeting.Kind.ORG_LIFE).count() == 1


def test_page_data_lists_members_without_a_reviewed_analysis(review_open, district, b2_members):
    from vanguard.meetings import selectors_special

    reviewed(review_open, b2_members[0])
    meeting = org_life(review_open, district)
    rows = {r.person_id: r.ready for r in selectors_special.special_attendance(meeting)}
    assert rows == {b2_members[0].pk: True, b2_members[1].pk: False, b2_members[2].pk: False}


@pytest.mark.parametrize("status", ["approved", "revising", "final"])
def test_reviewed_revising_and_final_analyses_let_a_member_take_part(
        review_open, district, b2_members, status):
    reviewed(review_open, b2_members[0], status=status)
    meeting = org_life(review_open, district)
    row = services.record_special_attendance(actor=district.users["secretary"],
                                             meeting=meeting, person_id=b2_members[0].pk,
                                             status="present")
    assert row.status == "present"


def test_present_without_self_criticism_leaves_the_task_to_do(review_open, district,
                                                              b2_members):
    member = b2_members[0]
    reviewed(review_open, member)
    meeting = org_life(review_open, district)
    secretary = district.users["secretary"]
    services.record_special_attendance(actor=secretary, meeting=meeting, person_id=member.pk,
                                       status="present")
    task = Assignment.objects.get(activity=meeting.activity, person=member)
    assert task.status == Assignment.Status.PENDING
    services.record_self_criticism(actor=secretary, meeting=meeting, person_id=member.pk)
    task.refresh_from_db()
    assert task.status == Assignment.Status.DONE
    assert registry.get(meeting.activity.kind).progress(
        meeting.activity, review_open.organization)[0] == 1


def test_marking_absent_clears_the_self_criticism_and_reopens_the_task(
        review_open, district, b2_members):
    member = b2_members[0]
    reviewed(review_open, member)
    meeting = hold(org_life(review_open, district), district.users["secretary"], [member],
                   minutes="")
    services.record_special_attendance(actor=district.users["secretary"], meeting=meeting,
                                       person_id=member.pk, status="absent",
                                       absence_reason="出差")
    row = Attendance.objects.get(meeting=meeting, person=member)
    assert (row.status, row.self_criticism_done) == ("absent", False)
    assert Assignment.objects.get(activity=meeting.activity, person=member).status == "pending"


def test_criticism_between_present_members_is_recorded_with_its_outcome(
        review_open, district, b2_members):
    for person in b2_members[:2]:
        reviewed(review_open, person)
    meeting = hold(org_life(review_open, district), district.users["secretary"],
                   b2_members[:2], minutes="")
    criticism = services.record_criticism(
        actor=district.users["secretary"], meeting=meeting, critic_id=b2_members[0].pk,
        target_id=b2_members[1].pk, summary="<b>联系群众</b>不够<script>x()</script>",
        accepted=True)
    assert (criticism.summary, criticism.accepted) == ("联系群众不够", True)
    entry = AuditEntry.objects.get(action="meetings.criticism.recorded")
    assert entry.changes["summary"] == [None, len("联系群众不够")]


def test_minutes_are_kept_as_plain_text_with_the_time(review_open, district):
    meeting = org_life(review_open, district)
    services.record_minutes(actor=district.users["secretary"], meeting=meeting,
                            text="<p>会议由书记主持</p><script>alert(1)</script><p>逐一发言</p>")
    meeting.refresh_from_db()
    assert meeting.minutes == "会议由书记主持\n逐一发言"
    assert meeting.minutes_recorded_at is not None


def test_member_task_panel_tells_them_to_finish_the_analysis_then_to_revise(
        review_open, district, b2_members, rf):
    member = b2_members[2]
    activity = step(review_open, "org_life_meeting")
    task = Assignment.objects.get(activity=activity, person=member)
    kind = registry.get(activity.kind)
    request = rf.get("/")
    assert "not been scheduled" in kind.task_panel(task, request)
    meeting = org_life(review_open, district)
    assert 'data-testid="not-ready"' in kind.task_panel(task, request)
    reviewed(review_open, member)
    hold(meeting, district.users["secretary"], [member])
    panel = kind.task_panel(task, request)
    assert 'data-testid="revise-note"' in panel and "self-criticism made" in panel
