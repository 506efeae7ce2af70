"""The mobilization meeting: members expected, activists invited, attendance becomes progress."""

import datetime as dt

import pytest

from tests.builders import make_user
from vanguard.access.models import AuditEntry
from vanguard.campaigns import registry
from vanguard.campaigns.models import Assignment
from vanguard.meetings import services
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Attendance

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def test_everyone_assigned_is_on_the_list_activists_as_invited(meeting, district):
    s1 = district.schools[0]
    rows = Attendance.objects.filter(meeting=meeting)
    assert rows.filter(invited_only=False).count() == len(s1.members)
    assert set(rows.filter(invited_only=True).values_list("person_id", flat=True)) == \
        {p.pk for p in s1.activists}


def test_present_marks_the_task_done_and_moves_progress(meeting, activity, district):
    member = district.schools[0].members[0]
    kind = registry.get(activity.kind)
    assert kind.progress(activity, activity.plan.organization)[0] == 0
    services.record_attendance(actor=district.users["office"], meeting=meeting,
                               person_id=member.pk, status="present")
    task = Assignment.objects.get(activity=activity, person=member)
    assert task.status == Assignment.Status.DONE and kind.is_done(task)
    assert kind.progress(activity, activity.plan.organization) == (
        1, len(district.schools[0].members))


def test_absence_needs_a_reason_and_leaves_a_make_up_to_do(meeting, activity, district):
    member = district.schools[0].members[1]
    with pytest.raises(MeetingError, match="reason"):
        services.record_attendance(actor=district.users["office"], meeting=meeting,
                                   person_id=member.pk, status="absent")
    assert Attendance.objects.get(meeting=meeting, person=member).status == "expected"
    services.record_attendance(actor=district.users["office"], meeting=meeting,
                               person_id=member.pk, status="absent", absence_reason="病假")
    # Absent is not excused: the task waits for the make-up, and so does the gate.
    assert Assignment.objects.get(activity=activity, person=member).status == "pending"
    done, required = registry.get(activity.kind).progress(activity, activity.plan.organization)
    assert (done, required) == (0, len(district.schools[0].members))
    assert AuditEntry.objects.filter(action="meetings.attendance.recorded").count() == 1
    services.set_makeup_material(actor=district.users["office"], meeting=meeting,
                                 text="讲话录像：https://video.example.cn/dongyuan")
    services.confirm_makeup(actor=_user_of(member), attendance=Attendance.objects.get(
        meeting=meeting, person=member))
    assert Assignment.objects.get(activity=activity, person=member).status == "done"
    assert registry.get(activity.kind).progress(activity, activity.plan.organization) == (
        1, len(district.schools[0].members))


def _user_of(person):
    return make_user(f"u{person.pk}", person=person)


def test_meeting_outside_the_steps_dates_is_refused(activity, district):
    with pytest.raises(MeetingError, match="between"):
        services.schedule_meeting(
            actor=district.users["office"], activity=activity, title="动员大会",
            held_at=dt.datetime.combine(activity.due_on + dt.timedelta(days=1), dt.time(9),
                                        tzinfo=SHANGHAI))


def test_a_second_meeting_for_the_same_step_is_refused(meeting, activity, district):
    with pytest.raises(MeetingError, match="already"):
        services.schedule_meeting(actor=district.users["office"], activity=activity,
                                  title="again", held_at=meeting.held_at)


def test_someone_not_on_the_list_cannot_be_marked(meeting, district):
    stranger = district.schools[-1].members[0]
    with pytest.raises(MeetingError, match="not on the meeting's list"):
        services.record_attendance(actor=district.users["office"], meeting=meeting,
                                   person_id=stranger.pk, status="present")


@pytest.mark.parametrize("role", ["supervisor", "other_office", "other_secretary", "member"])
def test_roles_outside_the_school_office_cannot_record(role, meeting, district):
    member = district.schools[0].members[0]
    with pytest.raises(MeetingError, match="not allowed"):
        services.record_attendance(actor=district.users[role], meeting=meeting,
                                   person_id=member.pk, status="present")
    assert Attendance.objects.get(meeting=meeting, person=member).status == "expected"
