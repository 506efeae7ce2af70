"""Bad input at the special meetings: each refused with a clear message, nothing written."""

import datetime as dt

import pytest

from tests.meetings.special_support import (
    SHANGHAI,
    democratic_life,
    hold,
    org_life,
    reviewed,
    step,
)
from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Assignment, Notice
from vanguard.campaigns.services import notices
from vanguard.core.errors import VanguardError
from vanguard.meetings import services_special as services
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Attendance, Criticism, MaterialPackage, Meeting


@pytest.fixture
def b2_members(district):
    return district.schools[0].members[3:6]


@pytest.fixture
def branch_meeting(review_open, district, b2_members):
    for person in b2_members[:2]:
        reviewed(review_open, person)
    return hold(org_life(review_open, district), district.users["secretary"], b2_members[:2],
                minutes="")


@pytest.fixture
def team_meeting(review_open, district):
    leaders = district.schools[0].members[:2]
    for person in leaders:
        reviewed(review_open, person)
    return hold(democratic_life(review_open, district), district.users["office"], leaders)


def _nothing_written(before_audit: int) -> None:
    assert AuditEntry.objects.count() == before_audit


def test_criticism_of_oneself_is_refused(branch_meeting, district, b2_members):
    audit = AuditEntry.objects.count()
    with pytest.raises(MeetingError, match="self-criticism"):
        services.record_criticism(actor=district.users["secretary"], meeting=branch_meeting,
                                  critic_id=b2_members[0].pk, target_id=b2_members[0].pk,
                                  summary="自己批评自己")
    assert not Criticism.objects.exists()
    _nothing_written(audit)


def test_criticism_involving_someone_not_present_names_them(branch_meeting, district,
                                                            b2_members):
    audit = AuditEntry.objects.count()
    with pytest.raises(MeetingError, match=b2_members[2].name):
        services.record_criticism(actor=district.users["secretary"], meeting=branch_meeting,
                                  critic_id=b2_members[0].pk, target_id=b2_members[2].pk,
                                  summary="批评意见")
    assert not Criticism.objects.exists()
    _nothing_written(audit)


def test_criticism_between_people_not_on_the_meeting_list_is_refused(branch_meeting, district):
    outsiders = district.schools[0].members[:2]  # branch B1's: not at B2's meeting
    with pytest.raises(MeetingError, match="participants present at this meeting"):
        services.record_criticism(actor=district.users["secretary"], meeting=branch_meeting,
                                  critic_id=outsiders[0].pk, target_id=outsiders[1].pk,
                                  summary="批评意见")
    assert not Criticism.objects.exists()


def test_criticism_summary_over_its_bound_is_refused(branch_meeting, district, b2_members):
    with pytest.raises(MeetingError, match="at most 500"):
        services.record_criticism(actor=district.users["secretary"], meeting=branch_meeting,
                                  critic_id=b2_members[0].pk, target_id=b2_members[1].pk,
                                  summary="长" * 501)
    assert not Criticism.objects.exists()


def test_minutes_over_the_bound_are_refused_and_the_old_ones_kept(branch_meeting, district):
    secretary = district.users["secretary"]
    services.record_minutes(actor=secretary, meeting=branch_meeting, text="第一稿")
    audit = AuditEntry.objects.count()
    with pytest.raises(MeetingError, match="at most 20000"):
        services.record_minutes(actor=secretary, meeting=branch_meeting, text="记" * 20_001)
    assert Meeting.objects.get(pk=branch_meeting.pk).minutes == "第一稿"
    _nothing_written(audit)


def test_minutes_over_the_bound_on_the_page_keep_the_text_and_say_why(branch_meeting,
                                                                       district, client):
    client.force_login(district.users["secretary"])
    response = client.post(f"/meetings/special/{branch_meeting.pk}/minutes/",
                           {"minutes": "记" * 20_001})
    page = response.content.decode()
    assert response.status_code == 200
    assert "at most 20000 characters" in page and "记" * 100 in page
    assert Meeting.objects.get(pk=branch_meeting.pk).minutes == ""


def test_second_package_submission_is_refused(team_meeting, district):
    office = district.users["office"]
    services.submit_package(actor=office, meeting=team_meeting)
    audit = AuditEntry.objects.count()
    with pytest.raises(MeetingError, match="already sent"):
        services.submit_package(actor=office, meeting=team_meeting)
    assert MaterialPackage.objects.count() == 1
    _nothing_written(audit)


def test_package_without_minutes_is_refused(review_open, district):
    meeting = democratic_life(review_open, district)
    with pytest.raises(MeetingError, match="Record the minutes"):
        services.submit_package(actor=district.users["office"], meeting=meeting)
    assert not MaterialPackage.objects.exists()


@pytest.mark.parametrize("who", ["office", "other_office", "secretary", "leader", "supervisor"])
def test_only_the_superior_office_acknowledges(team_meeting, district, who):
    package = services.submit_package(actor=district.users["office"], meeting=team_meeting)
    with pytest.raises(MeetingError, match="Only the office of the superior"):
        services.acknowledge_package(actor=district.users[who], package=package)
    package.refresh_from_db()
    assert package.acknowledged_at is None and package.acknowledged_by is None


def test_acknowledging_twice_is_refused(team_meeting, district):
    package = services.submit_package(actor=district.users["office"], meeting=team_meeting)
    superior = district.users["district_office"]
    services.acknowledge_package(actor=superior, package=package)
    first = MaterialPackage.objects.get(pk=package.pk).acknowledged_at
    with pytest.raises(MeetingError, match="already acknowledged"):
        services.acknowledge_package(actor=superior, package=package)
    assert MaterialPackage.objects.get(pk=package.pk).acknowledged_at == first
    assert AuditEntry.objects.filter(action="meetings.package.acknowledged").count() == 1


def test_other_school_office_cannot_acknowledge_through_the_page(team_meeting, district,
                                                                 client):
    package = services.submit_package(actor=district.users["office"], meeting=team_meeting)
    client.force_login(district.users["other_office"])
    assert client.post(f"/meetings/packages/{package.pk}/acknowledge/").status_code == 404
    assert MaterialPackage.objects.get(pk=package.pk).acknowledged_at is None


@pytest.mark.parametrize("day", ["before", "after"])
def test_scheduling_outside_the_step_dates_is_refused(review_open, district, day):
    activity = step(review_open, "org_life_meeting")
    when = activity.starts_on - dt.timedelta(days=1) if day == "before" \
        else activity.due_on + dt.timedelta(days=1)
    with pytest.raises(MeetingError, match="between"):
        services.schedule_special_meeting(
            actor=district.users["secretary"], activity=activity,
            organization=district.schools[0].branches[-1], title="专题组织生活会",
            held_at=dt.datetime.combine(when, dt.time(15), tzinfo=SHANGHAI))
    assert not Meeting.objects.filter(kind=Meeting.Kind.ORG_LIFE).exists()


def test_marking_present_without_a_reviewed_analysis_names_the_member(review_open, district,
                                                                      b2_members):
    member = b2_members[2]
    reviewed(review_open, member, status="submitted")  # handed in, not yet reviewed
    meeting = org_life(review_open, district)
    audit = AuditEntry.objects.count()
    with pytest.raises(MeetingError, match=f"{member.name} cannot take part yet"):
        services.record_special_attendance(actor=district.users["secretary"], meeting=meeting,
                                           person_id=member.pk, status="present")
    assert Attendance.objects.get(meeting=meeting, person=member).status == "expected"
    assert Assignment.objects.get(activity=meeting.activity, person=member).status == "pending"
    _nothing_written(audit)


def test_marking_present_without_analysis_on_the_page_shows_the_message(review_open, district,
                                                                         b2_members, client):
    meeting = org_life(review_open, district)
    client.force_login(district.users["secretary"])
    response = client.post(f"/meetings/special/{meeting.pk}/attendance/",
                           {"person": b2_members[1].pk, "status": "present"}, follow=True)
    assert f"{b2_members[1].name} cannot take part yet" in response.content.decode()
    assert Attendance.objects.get(meeting=meeting, person=b2_members[1]).status == "expected"


def test_self_criticism_of_someone_not_present_is_refused(review_open, district, b2_members):
    meeting = org_life(review_open, district)
    with pytest.raises(MeetingError, match="not recorded as present"):
        services.record_self_criticism(actor=district.users["secretary"], meeting=meeting,
                                       person_id=b2_members[0].pk)
    assert not Attendance.objects.filter(self_criticism_done=True).exists()


def test_notice_over_its_bound_or_twice_is_refused(team_meeting, district):
    office = district.users["office"]
    with pytest.raises(VanguardError, match="at most 5000"):
        services.publish_meeting_notice(actor=office, meeting=team_meeting, title="通报",
                                        body="字" * 5001)
    assert not Notice.objects.exists()
    services.publish_meeting_notice(actor=office, meeting=team_meeting, title="通报", body="好")
    with pytest.raises(VanguardError, match="already published"):
        services.publish_meeting_notice(actor=office, meeting=team_meeting, title="通报二",
                                        body="再发")
    assert Notice.objects.get().title == "通报"


def test_notice_by_someone_without_the_permission_is_refused(team_meeting, district):
    for who in ("other_office", "leader", "supervisor", "secretary"):
        with pytest.raises(VanguardError, match="not allowed"):
            notices.publish_notice(actor=district.users[who],
                                   campaign=team_meeting.activity.plan.campaign,
                                   organization=team_meeting.organization,
                                   source=f"meetings.meeting:{team_meeting.pk}", title="通报",
                                   body="正文")
    assert not Notice.objects.exists()


def test_notice_with_a_malformed_source_is_refused(team_meeting, district):
    with pytest.raises(VanguardError, match="Unknown source"):
        notices.publish_notice(actor=district.users["office"],
                               campaign=team_meeting.activity.plan.campaign,
                               organization=team_meeting.organization, source="anything",
                               title="通报", body="正文")
    assert not Notice.objects.exists()
