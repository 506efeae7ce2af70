"""The follow-up meeting on rectification: one per branch, scheduled by its secretary or the
office within the step's dates; a member's task is done when present with a progress note;
bad input is refused with nothing written; the gate shows branches with minutes."""

import datetime as dt

import pytest

from tests.meetings.special_support import at_start, step
from vanguard.campaigns.gates import evaluate_gate
from vanguard.campaigns.models import Assignment
from vanguard.meetings import services_follow_up as services
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Attendance, Meeting

pytestmark = pytest.mark.django_db


def schedule(plan, district, branch=None, actor="secretary", **kwargs):
    activity = step(plan, "follow_up_meeting")
    values = {"held_at": at_start(activity), "title": "整改专题组织生活会", "place": "会议室"}
    values.update(kwargs)
    return services.schedule_follow_up(
        actor=district.users[actor], activity=activity,
        organization=branch or district.schools[0].branches[-1], **values)


def task(plan, person):
    return Assignment.objects.get(activity=step(plan, "follow_up_meeting"), person=person)


def test_secretary_schedules_their_branch_meeting_with_its_members_expected(rectify_open,
                                                                           district):
    meeting = schedule(rectify_open, district)
    assert meeting.kind == Meeting.Kind.FOLLOW_UP
    assert {r.person_id for r in meeting.attendance.all()} == {
        p.pk for p in district.schools[0].members[3:]}


def test_secretary_cannot_schedule_another_branch_meeting(rectify_open, district):
    with pytest.raises(MeetingError) as refused:
        schedule(rectify_open, district, branch=district.schools[0].branches[0])
    assert refused.value.code == "forbidden"
    assert not Meeting.objects.exists()


def test_meeting_outside_the_step_dates_is_refused(rectify_open, district):
    activity = step(rectify_open, "follow_up_meeting")
    with pytest.raises(MeetingError) as refused:
        schedule(rectify_open, district,
                 held_at=at_start(activity) - dt.timedelta(days=1))
    assert refused.value.code == "outside_dates"
    assert not Meeting.objects.exists()


def test_the_school_top_is_not_a_branch_for_this_meeting(rectify_open, district):
    with pytest.raises(MeetingError) as refused:
        schedule(rectify_open, district, branch=rectify_open.organization, actor="office")
    assert refused.value.code == "not_branch"


def test_present_with_a_progress_note_completes_the_task(rectify_open, district):
    secretary = district.users["secretary"]
    member = district.users["member"].person
    meeting = schedule(rectify_open, district)
    services.record_follow_up_attendance(actor=secretary, meeting=meeting, person_id=member.pk,
                                         status="present")
    assert task(rectify_open, member).status == "pending"
    services.record_progress_note(actor=secretary, meeting=meeting, person_id=member.pk,
                                  note="作业批改已按时完成，备课计划正在落实。")
    assert task(rectify_open, member).status == "done"
    services.record_follow_up_attendance(actor=secretary, meeting=meeting, person_id=member.pk,
                                         status="absent", absence_reason="外出培训")
    row = Attendance.objects.get(meeting=meeting, person=member)
    assert row.progress_note == "" and task(rectify_open, member).status == "pending"


def test_progress_note_needs_presence_and_a_bound(rectify_open, district):
    secretary = district.users["secretary"]
    member = district.users["member"].person
    meeting = schedule(rectify_open, district)
    with pytest.raises(MeetingError) as refused:
        services.record_progress_note(actor=secretary, meeting=meeting, person_id=member.pk,
                                      note="进展")
    assert refused.value.code == "not_present"
    services.record_follow_up_attendance(actor=secretary, meeting=meeting, person_id=member.pk,
                                         status="present")
    with pytest.raises(MeetingError) as refused:
        services.record_progress_note(actor=secretary, meeting=meeting, person_id=member.pk,
                                      note="字" * 501)
    assert refused.value.code == "long_note" and "500" in refused.value.text
    assert Attendance.objects.get(meeting=meeting, person=member).progress_note == ""


def test_another_secretary_cannot_record_at_the_meeting(rectify_open, district):
    meeting = schedule(rectify_open, district)
    member = district.users["member"].person
    with pytest.raises(MeetingError):
        services.record_follow_up_attendance(actor=district.users["other_secretary"],
                                             meeting=meeting, person_id=member.pk,
                                             status="present")
    assert Attendance.objects.get(meeting=meeting, person=member).status == "expected"


def test_empty_minutes_are_refused(rectify_open, district):
    meeting = schedule(rectify_open, district)
    with pytest.raises(MeetingError) as refused:
        services.record_follow_up_minutes(actor=district.users["secretary"], meeting=meeting,
                                          text="<p> </p>")
    assert refused.value.code == "no_minutes"


def gate_fact(plan):
    phase = plan.phases.get(key="rectify")
    return next(r for r in evaluate_gate(phase) if r.activity_key == "follow_up_meeting"
                and r.label == "Branches that held the meeting, with minutes")


def test_gate_counts_branches_that_held_the_meeting_with_minutes(rectify_open, district):
    assert (gate_fact(rectify_open).done, gate_fact(rectify_open).required) == (0, 2)
    meeting = schedule(rectify_open, district)
    assert gate_fact(rectify_open).done == 0
    services.record_follow_up_minutes(actor=district.users["secretary"], meeting=meeting,
                                      text="会上党员逐一交流了个人整改情况。")
    assert gate_fact(rectify_open).done == 1


def test_gate_check_counts_members_present_with_progress(rectify_open, district):
    phase = rectify_open.phases.get(key="rectify")
    check = next(r for r in evaluate_gate(phase) if r.activity_key == "follow_up_meeting"
                 and r.label.startswith("党员参加整改专题组织生活会"))
    assert (check.done, check.required) == (0, 6)
    secretary = district.users["secretary"]
    meeting = schedule(rectify_open, district)
    for person in district.schools[0].members[3:]:
        services.record_follow_up_attendance(actor=secretary, meeting=meeting,
                                             person_id=person.pk, status="present")
        services.record_progress_note(actor=secretary, meeting=meeting, person_id=person.pk,
                                      note="整改进展顺利。")
    check = next(r for r in evaluate_gate(phase) if r.activity_key == "follow_up_meeting"
                 and r.label.startswith("党员参加整改专题组织生活会"))
    assert check.done == 3


def test_pages_show_the_meeting_to_its_readers_only(rectify_open, district, client):
    meeting = schedule(rectify_open, district)
    client.force_login(district.users["secretary"])
    page = client.get(f"/meetings/follow-up/{meeting.pk}/").content.decode()
    assert 'data-testid="follow-up-attendance"' in page and 'name="note"' not in page
    client.force_login(district.users["other_secretary"])
    assert client.get(f"/meetings/follow-up/{meeting.pk}/").status_code == 404
    client.force_login(district.users["other_office"])
    assert client.get(f"/meetings/follow-up/{meeting.pk}/").status_code == 404


def test_progress_note_posted_on_the_page_saves(rectify_open, district, client):
    meeting = schedule(rectify_open, district)
    member = district.users["member"].person
    client.force_login(district.users["secretary"])
    client.post(f"/meetings/follow-up/{meeting.pk}/attendance/",
                {"person": member.pk, "status": "present", "absence_reason": ""})
    client.post(f"/meetings/follow-up/{meeting.pk}/progress/",
                {"person": member.pk, "note": "已完成两项整改。"})
    assert Attendance.objects.get(meeting=meeting, person=member).progress_note == \
        "已完成两项整改。"
    response = client.post(f"/meetings/follow-up/{meeting.pk}/progress/",
                           {"person": member.pk, "note": "字" * 501}, follow=True)
    assert "at most 500 characters" in response.content.decode()


def test_task_panel_shows_the_meeting_and_the_progress_reported(rectify_open, district):
    from vanguard.meetings.task_panels_follow_up import follow_up_panel

    member = district.users["member"].person
    assert "has not been scheduled yet" in follow_up_panel(task(rectify_open, member), None)
    meeting = schedule(rectify_open, district)
    secretary = district.users["secretary"]
    services.record_follow_up_attendance(actor=secretary, meeting=meeting, person_id=member.pk,
                                         status="present")
    services.record_progress_note(actor=secretary, meeting=meeting, person_id=member.pk,
                                  note="整改进展顺利。")
    panel = follow_up_panel(task(rectify_open, member), None)
    assert "整改专题组织生活会" in panel and "progress reported" in panel
