"""Writes for meetings: schedule one for an activity, and record who came."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Activity, Assignment, Phase
from vanguard.campaigns.services import rollup
from vanguard.core import clock
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Attendance, Meeting

ASSIGNMENT_STATUS = {
    Attendance.Status.PRESENT: Assignment.Status.DONE,
    Attendance.Status.ABSENT: Assignment.Status.EXCUSED,
    Attendance.Status.EXPECTED: Assignment.Status.PENDING,
}


def _require(actor, perm, obj):
    if not actor.has_perm(perm, obj):
        raise MeetingError(_("You are not allowed to do this here."), code="forbidden")


@transaction.atomic
def schedule_meeting(*, actor, activity: Activity, held_at: dt.datetime, title: str,
                     place: str = "", speaker: str = "") -> Meeting:
    """A meeting for the activity at its plan's organization; everyone assigned is expected."""
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
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.MOBILIZATION, activity=activity, organization=organization,
        title=title, held_at=held_at, place=place.strip()[:120], speaker=speaker.strip()[:60])
    Attendance.objects.bulk_create([
        Attendance(meeting=meeting, person_id=a.person_id, assignment=a,
                   invited_only=not a.required)
        for a in activity.assignments.only("id", "person_id", "required")
    ])
    audit.record(actor=actor, action="meetings.meeting.scheduled", target=meeting,
                 changes={"held_at": [None, str(held_at)], "title": [None, title]})
    return meeting


@transaction.atomic
def record_attendance(*, actor, meeting: Meeting, person_id: int, status: str,
                      absence_reason: str = "") -> Attendance:
    _require(actor, "meetings.record_attendance", meeting)
    if meeting.activity.phase.state != Phase.State.OPEN:
        raise MeetingError(_("Attendance can be recorded only while the phase is open."),
                           code="phase_not_open")
    if status not in Attendance.Status.values:
        raise MeetingError(_("Unknown attendance status."), code="status")
    absence_reason = absence_reason.strip()
    if status == Attendance.Status.ABSENT and not absence_reason:
        raise MeetingError(_("Give the reason for the absence."), code="no_reason")
    if len(absence_reason) > 200:
        raise MeetingError(_("The reason may be at most 200 characters."), code="long_reason")
    row = Attendance.objects.select_for_update(of=("self",)).filter(
        meeting=meeting, person_id=person_id) \
        .select_related("assignment").first()
    if row is None:
        raise MeetingError(_("This person is not on the meeting's list."), code="not_expected")
    before = {"status": row.status, "absence_reason": row.absence_reason}
    row.status = status
    row.absence_reason = absence_reason if status == Attendance.Status.ABSENT else ""
    row.save(update_fields=["status", "absence_reason", "updated_at"])
    if row.assignment is not None:
        # Through the roll-up, so progress pages and gates see the change at once.
        rollup.set_status(row.assignment, ASSIGNMENT_STATUS[status])
    audit.record(actor=actor, action="meetings.attendance.recorded", target=row,
                 changes=audit.field_diff(before, {"status": row.status,
                                                   "absence_reason": row.absence_reason}))
    return row
