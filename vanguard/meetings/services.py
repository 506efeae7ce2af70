"""Writes for meetings: schedule one for an activity, record who came (by the office or by the
member's own QR sign-in), and the make-up an absent member owes."""

import datetime as dt

from django.db import transaction
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Activity, Assignment, Phase
from vanguard.campaigns.services import calendar, rollup
from vanguard.core import clock
from vanguard.meetings import sign_in as codes
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Attendance, Meeting
from vanguard.meetings.plain_text import to_plain_text

# An absent member owes a make-up (the recording, the speech): the task stays to do until
# they confirm it, then it is done (`assignment_status`). Nobody is excused by absence.
ASSIGNMENT_STATUS = {
    Attendance.Status.PRESENT: Assignment.Status.DONE,
    Attendance.Status.ABSENT: Assignment.Status.PENDING,
    Attendance.Status.EXPECTED: Assignment.Status.PENDING,
}
MIN_DURATION, MAX_DURATION = 15, 600
MAX_MATERIAL = 20_000


def assignment_status(row: Attendance) -> str:
    if row.status == Attendance.Status.ABSENT and row.makeup_done_at is not None:
        return Assignment.Status.DONE
    return ASSIGNMENT_STATUS[row.status]


def _require(actor, perm, obj):
    if not actor.has_perm(perm, obj):
        raise MeetingError(_("You are not allowed to do this here."), code="forbidden")


def _require_open_phase(meeting: Meeting, text: str):
    if meeting.activity.phase.state != Phase.State.OPEN:
        raise MeetingError(text, code="phase_not_open")


def _sync_assignment(row: Attendance) -> None:
    # Through the roll-up, so progress pages and gates see the change at once.
    if row.assignment is not None:
        rollup.set_status(row.assignment, assignment_status(row))


def _locked_row(meeting: Meeting, person_id) -> Attendance | None:
    return Attendance.objects.select_for_update(of=("self",)).filter(
        meeting=meeting, person_id=person_id).select_related("assignment").first()


@transaction.atomic
def schedule_meeting(*, actor, activity: Activity, held_at: dt.datetime, title: str,
                     place: str = "", speaker: str = "",
                     duration_minutes: int = 120, override_exam: bool = False,
                     override_reason: str = "") -> Meeting:
    """A meeting for the activity at its plan's organization; everyone assigned is expected.
    A day in an exam period of the school calendar needs the override and a reason."""
    organization = activity.plan.organization
    _require(actor, "meetings.record_attendance", organization)
    if Meeting.objects.filter(activity=activity, organization=organization).exists():
        raise MeetingError(_("This meeting is already scheduled."), code="exists")
    if not activity.starts_on <= clock.localdate_of(held_at) <= activity.due_on:
        raise MeetingError(
            _("The meeting must be held between %(first)s and %(last)s, the step's dates.")
            % {"first": activity.starts_on, "last": activity.due_on}, code="outside_dates")
    title = title.strip()
    if not title or len(title) > 120:
        raise MeetingError(_("Give the meeting a title of at most 120 characters."),
                           code="title")
    if not MIN_DURATION <= (duration_minutes or 0) <= MAX_DURATION:
        raise MeetingError(_("A meeting lasts between %(min)d and %(max)d minutes.")
                           % {"min": MIN_DURATION, "max": MAX_DURATION}, code="duration")
    override = exam_check(organization, held_at, override_exam, override_reason)
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.MOBILIZATION, activity=activity, organization=organization,
        title=title, held_at=held_at, place=place.strip()[:120], speaker=speaker.strip()[:60],
        duration_minutes=duration_minutes, sign_in_secret=codes.new_secret())
    Attendance.objects.bulk_create([
        Attendance(meeting=meeting, person_id=a.person_id, assignment=a,
                   invited_only=not a.required)
        for a in activity.assignments.only("id", "person_id", "required")
    ])
    audit.record(actor=actor, action="meetings.meeting.scheduled", target=meeting,
                 changes={"held_at": [None, str(held_at)], "title": [None, title],
                          "duration_minutes": [None, duration_minutes],
                          **exam_override_change(override)})
    return meeting


def exam_check(organization, held_at: dt.datetime, override: bool, reason: str) -> dict | None:
    """The school calendar's exam-period check for a meeting's day (refused as MeetingError)."""
    return calendar.check_exam_dates(organization, [clock.localdate_of(held_at)],
                                     override=override, reason=reason, error=MeetingError)


def exam_override_change(override: dict | None) -> dict:
    return {"exam_override": [None, override]} if override else {}


def ensure_sign_in_secret(meeting: Meeting) -> Meeting:
    """Meetings scheduled before QR sign-in existed get their secret on first use. The
    conditional update keeps two first requests from making two secrets."""
    if not meeting.sign_in_secret:
        Meeting.objects.filter(pk=meeting.pk, sign_in_secret="").update(
            sign_in_secret=codes.new_secret())
        meeting.sign_in_secret = Meeting.objects.values_list(
            "sign_in_secret", flat=True).get(pk=meeting.pk)
    return meeting


@transaction.atomic
def record_attendance(*, actor, meeting: Meeting, person_id: int, status: str,
                      absence_reason: str = "") -> Attendance:
    _require(actor, "meetings.record_attendance", meeting)
    _require_open_phase(meeting, _("Attendance can be recorded only while the phase is open."))
    if status not in Attendance.Status.values:
        raise MeetingError(_("Unknown attendance status."), code="status")
    absence_reason = absence_reason.strip()
    if status == Attendance.Status.ABSENT and not absence_reason:
        raise MeetingError(_("Give the reason for the absence."), code="no_reason")
    if len(absence_reason) > 200:
        raise MeetingError(_("The reason may be at most 200 characters."), code="long_reason")
    row = _locked_row(meeting, person_id)
    if row is None:
        raise MeetingError(_("This person is not on the meeting's list."), code="not_expected")
    before = {"status": row.status, "absence_reason": row.absence_reason}
    row.status = status
    row.absence_reason = absence_reason if status == Attendance.Status.ABSENT else ""
    row.save(update_fields=["status", "absence_reason", "updated_at"])
    _sync_assignment(row)
    audit.record(actor=actor, action="meetings.attendance.recorded", target=row,
                 changes=audit.field_diff(before, {"status": row.status,
                                                   "absence_reason": row.absence_reason}))
    return row


@transaction.atomic
def sign_in(*, actor, meeting: Meeting, code: str, now: dt.datetime | None = None) -> Attendance:
    """The member's own sign-in with the code of the QR code on the meeting's screen.

    Refused (MeetingError, nothing written) for someone not on the list, a second sign-in,
    outside the window (half an hour before the start to the end), and for a code that is
    older than the previous minute's or is not this meeting's. `now` is for tests.
    """
    now = now or clock.now()
    person_id = getattr(getattr(actor, "person", None), "pk", None)
    row = _locked_row(meeting, person_id) if person_id else None
    if row is None:
        raise MeetingError(_("You are not on this meeting's list. If you should be, tell the "
                             "office running the meeting."), code="not_expected")
    if row.status == Attendance.Status.PRESENT:
        if row.signed_in_at is None:
            text = _("You are already recorded as present. Nothing was changed.")
        else:
            text = _("You are already signed in (at %(time)s). Nothing was changed.") % {
                "time": localtime(row.signed_in_at).strftime("%H:%M")}
        raise MeetingError(text, code="already_signed_in")
    if not codes.well_formed(code):
        raise MeetingError(_("This code is not this meeting's. Scan the code on the screen of "
                             "the meeting you are at."), code="wrong_code")
    window = codes.window_of(meeting)
    if now not in window:
        raise MeetingError(
            _("Sign-in for this meeting is open from %(opens)s to %(closes)s.")
            % {"opens": localtime(window.opens).strftime("%Y-%m-%d %H:%M"),
               "closes": localtime(window.closes).strftime("%H:%M")},
            code="outside_window")
    verdict = codes.check(meeting, code, now)
    if verdict == codes.Verdict.EXPIRED:
        raise MeetingError(_("This code has expired: the code on the screen changes every "
                             "minute. Scan it again."), code="expired")
    if verdict != codes.Verdict.VALID:
        raise MeetingError(_("This code is not this meeting's. Scan the code on the screen of "
                             "the meeting you are at."), code="wrong_code")
    _require_open_phase(meeting, _("Sign-in is possible only while the phase is open."))
    before = {"status": row.status, "absence_reason": row.absence_reason}
    row.status = Attendance.Status.PRESENT
    row.absence_reason = ""
    row.signed_in_at = now
    row.save(update_fields=["status", "absence_reason", "signed_in_at", "updated_at"])
    _sync_assignment(row)
    audit.record(actor=actor, action="meetings.attendance.signed_in", target=row,
                 changes={**audit.field_diff(before, {"status": row.status,
                                                      "absence_reason": row.absence_reason}),
                          "signed_in_at": [None, str(now)]})
    return row


@transaction.atomic
def set_makeup_material(*, actor, meeting: Meeting, text: str) -> Meeting:
    """What absentees study to make up: kept as plain text, links as their address."""
    _require(actor, "meetings.record_attendance", meeting)
    if len(text or "") > 4 * MAX_MATERIAL:
        raise MeetingError(_("The make-up material may be at most %(n)d characters.")
                           % {"n": MAX_MATERIAL}, code="long_material")
    material = to_plain_text(text)
    if len(material) > MAX_MATERIAL:
        raise MeetingError(_("The make-up material may be at most %(n)d characters.")
                           % {"n": MAX_MATERIAL}, code="long_material")
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    before = meeting.makeup_material
    meeting.makeup_material = material
    meeting.save(update_fields=["makeup_material", "updated_at"])
    audit.record(actor=actor, action="meetings.makeup_material.set", target=meeting,
                 changes={"makeup_material": [len(before), len(material)]})
    return meeting


@transaction.atomic
def confirm_makeup(*, actor, attendance: Attendance, now: dt.datetime | None = None
                   ) -> Attendance:
    """The absent member confirms they studied the make-up material: the task is done."""
    row = Attendance.objects.select_for_update(of=("self",)).select_related(
        "assignment", "meeting__activity__phase").get(pk=attendance.pk)
    if getattr(getattr(actor, "person", None), "pk", None) != row.person_id:
        raise MeetingError(_("You are not allowed to do this here."), code="forbidden")
    if row.status != Attendance.Status.ABSENT:
        raise MeetingError(_("A make-up is owed only for a recorded absence."),
                           code="not_absent")
    if row.makeup_done_at is not None:
        raise MeetingError(_("You have already confirmed this make-up."), code="already_done")
    if not row.meeting.makeup_material:
        raise MeetingError(_("The office has not posted the make-up material yet."),
                           code="no_material")
    _require_open_phase(row.meeting, _("This step's phase is not open, so the make-up cannot "
                                       "be confirmed."))
    row.makeup_done_at = now or clock.now()
    row.save(update_fields=["makeup_done_at", "updated_at"])
    _sync_assignment(row)
    audit.record(actor=actor, action="meetings.makeup.confirmed", target=row,
                 changes={"makeup_done_at": [None, str(row.makeup_done_at)]})
    return row
