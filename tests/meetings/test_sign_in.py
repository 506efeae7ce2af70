"""QR sign-in through the service: the one way in, and every refusal, each writing nothing.

The time is passed in (`now=`): the meeting is at 15:00 and lasts 120 minutes, so sign-in is
open from 14:30 to 17:00.
"""

import datetime as dt

import pytest

from tests.builders import make_user
from tests.meetings.conftest import SHANGHAI, code_at, minutes_from_start
from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Assignment, Phase
from vanguard.meetings import services
from vanguard.meetings import sign_in as codes
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Attendance, Meeting


@pytest.fixture
def member(district):
    return district.users["member"]


def row_of(meeting, user) -> Attendance:
    return Attendance.objects.select_related("assignment").get(meeting=meeting,
                                                               person=user.person)


def snapshot(meeting) -> list:
    return [list(Attendance.objects.filter(meeting=meeting).order_by("pk").values_list(
                "status", "signed_in_at", "absence_reason")),
            list(Assignment.objects.filter(activity=meeting.activity).order_by("pk")
                 .values_list("status", flat=True)),
            AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()]


def refused(meeting, user, code, now, expected_code):
    before = snapshot(meeting)
    with pytest.raises(MeetingError) as error:
        services.sign_in(actor=user, meeting=meeting, code=code, now=now)
    assert error.value.code == expected_code
    assert snapshot(meeting) == before
    return error.value.text


def test_the_current_code_signs_the_member_in_and_does_the_task(meeting, member):
    now = minutes_from_start(meeting, -5)
    services.sign_in(actor=member, meeting=meeting, code=code_at(meeting, now), now=now)
    row = row_of(meeting, member)
    assert (row.status, row.signed_in_at) == (Attendance.Status.PRESENT, now)
    assert row.assignment.status == Assignment.Status.DONE
    entry = AuditEntry.objects.filter(action="meetings.attendance.signed_in").get()
    assert entry.actor == member and entry.target_id == str(row.pk)


def test_the_previous_minutes_code_is_still_accepted(meeting, member):
    now = minutes_from_start(meeting, 10)
    code = code_at(meeting, now - dt.timedelta(minutes=1))
    services.sign_in(actor=member, meeting=meeting, code=code, now=now)
    assert row_of(meeting, member).status == Attendance.Status.PRESENT


def test_an_older_code_of_this_meeting_is_refused_as_expired(meeting, member):
    now = minutes_from_start(meeting, 10)
    text = refused(meeting, member, code_at(meeting, now - dt.timedelta(minutes=2)), now,
                   "expired")
    assert "expired" in text


def test_a_code_of_another_meeting_is_refused(meeting, member, launched, district):
    plan = launched.plans.get(organization=district.schools[-1].committee)
    activity = plan.activities.get(key="mobilization_meeting")
    other = services.schedule_meeting(actor=district.users["other_office"], activity=activity,
                                      title="S2 动员大会", held_at=meeting.held_at)
    now = minutes_from_start(meeting, 1)
    text = refused(meeting, member, code_at(other, now), now, "wrong_code")
    assert "not this meeting's" in text


@pytest.mark.parametrize("code", ["", "1234", "abcdefgh", "123456789", " "])
def test_a_missing_or_malformed_code_is_refused(meeting, member, code):
    refused(meeting, member, code, minutes_from_start(meeting, 1), "wrong_code")


@pytest.mark.parametrize("minutes", [-31, -120, 121, 60 * 24])
def test_outside_the_window_even_a_fresh_code_is_refused(meeting, member, minutes):
    now = minutes_from_start(meeting, minutes)
    text = refused(meeting, member, code_at(meeting, now), now, "outside_window")
    assert "14:30" in text and "17:00" in text


@pytest.mark.parametrize("minutes", [-30, 0, 120])
def test_the_window_runs_from_half_an_hour_before_to_the_end(meeting, member, minutes):
    now = minutes_from_start(meeting, minutes)
    services.sign_in(actor=member, meeting=meeting, code=code_at(meeting, now), now=now)
    assert row_of(meeting, member).status == Attendance.Status.PRESENT


def test_the_window_follows_the_meetings_length(meeting, member):
    Meeting.objects.filter(pk=meeting.pk).update(duration_minutes=45)
    meeting.refresh_from_db()
    now = minutes_from_start(meeting, 50)
    refused(meeting, member, code_at(meeting, now), now, "outside_window")


def test_someone_not_on_the_list_is_refused(meeting, district):
    stranger = make_user("s2member", person=district.schools[-1].members[0])
    now = minutes_from_start(meeting, 0)
    text = refused(meeting, stranger, code_at(meeting, now), now, "not_expected")
    assert "not on this meeting's list" in text


def test_an_account_without_a_person_is_not_on_the_list(meeting, district):
    now = minutes_from_start(meeting, 0)
    refused(meeting, district.users["office"], code_at(meeting, now), now, "not_expected")


def test_a_second_sign_in_says_so_and_changes_nothing(meeting, member):
    first = minutes_from_start(meeting, -3)
    services.sign_in(actor=member, meeting=meeting, code=code_at(meeting, first), now=first)
    again = minutes_from_start(meeting, 20)
    text = refused(meeting, member, code_at(meeting, again), again, "already_signed_in")
    assert "14:57" in text
    assert row_of(meeting, member).signed_in_at == first


def test_present_as_recorded_by_the_office_counts_as_signed_in(meeting, member, district):
    services.record_attendance(actor=district.users["office"], meeting=meeting,
                               person_id=member.person.pk, status="present")
    now = minutes_from_start(meeting, 0)
    text = refused(meeting, member, code_at(meeting, now), now, "already_signed_in")
    assert "already recorded as present" in text


def test_a_member_recorded_absent_who_arrives_late_signs_in(meeting, member, district):
    services.record_attendance(actor=district.users["office"], meeting=meeting,
                               person_id=member.person.pk, status="absent",
                               absence_reason="堵车")
    now = minutes_from_start(meeting, 40)
    services.sign_in(actor=member, meeting=meeting, code=code_at(meeting, now), now=now)
    row = row_of(meeting, member)
    assert (row.status, row.absence_reason) == (Attendance.Status.PRESENT, "")
    assert row.assignment.status == Assignment.Status.DONE


def test_sign_in_is_refused_once_the_phase_is_closed(meeting, member):
    Phase.objects.filter(pk=meeting.activity.phase_id).update(state=Phase.State.CLOSED)
    meeting = Meeting.objects.select_related("activity__phase").get(pk=meeting.pk)
    now = minutes_from_start(meeting, 0)
    refused(meeting, member, code_at(meeting, now), now, "phase_not_open")


def test_codes_have_eight_digits_and_change_every_minute(meeting):
    moment = dt.datetime(2026, 9, 1, 15, 0, tzinfo=SHANGHAI)
    minute = codes.minute_of(moment)
    seen = {codes.code_for(meeting, minute + i) for i in range(60)}
    assert all(len(c) == 8 and c.isdigit() for c in seen)
    assert len(seen) == 60
    assert codes.minute_of(moment + dt.timedelta(seconds=59)) == minute


def test_scheduling_makes_a_secret_and_an_older_meeting_gets_one_on_first_use(meeting):
    assert len(meeting.sign_in_secret) == 64
    Meeting.objects.filter(pk=meeting.pk).update(sign_in_secret="")
    older = Meeting.objects.get(pk=meeting.pk)
    services.ensure_sign_in_secret(older)
    assert len(older.sign_in_secret) == 64
    assert Meeting.objects.get(pk=meeting.pk).sign_in_secret == older.sign_in_secret
    assert older.sign_in_secret != meeting.sign_in_secret


def test_without_a_secret_no_code_is_accepted(meeting, member):
    Meeting.objects.filter(pk=meeting.pk).update(sign_in_secret="")
    meeting.refresh_from_db()
    refused(meeting, member, "00000000", minutes_from_start(meeting, 0), "wrong_code")
