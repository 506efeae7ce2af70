"""Writes for the follow-up meeting on rectification (整改专题组织生活会): one per branch,
scheduled by its secretary or the office within the step's dates; attendance; each member's
progress note; the minutes. A member's task is done when present with a progress note. The
special meetings' checks are reused, without their reviewed-analysis rule."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns import audience
from vanguard.campaigns.models import Activity, Assignment
from vanguard.campaigns.services import rollup
from vanguard.meetings import minutes, services
from vanguard.meetings import services_special as special
from vanguard.meetings import sign_in as codes
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Attendance, Meeting
from vanguard.meetings.plain_text import to_plain_text
from vanguard.people.models import Organization

FOLLOW_UP_KIND = "meetings.follow_up"
MAX_NOTE = 500
MAX_MINUTES = special.MAX_MINUTES


def assignment_status(row: Attendance) -> str:
    if row.status == Attendance.Status.PRESENT and row.progress_note:
        return Assignment.Status.DONE
    return Assignment.Status.PENDING


def _sync(row: Attendance) -> None:
    if row.assignment is not None:
        rollup.set_status(row.assignment, assignment_status(row))


def _writable(actor, meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related(
        "organization", "activity__phase", "activity__plan__campaign").get(pk=meeting.pk)
    if meeting.kind != Meeting.Kind.FOLLOW_UP:
        raise MeetingError(_("This is not a follow-up meeting on rectification."),
                           code="not_follow_up")
    special._require(actor, meeting)
    services._require_open_phase(
        meeting, _("The meeting's records can be changed only while the phase is open."))
    return meeting


@transaction.atomic
def schedule_follow_up(*, actor, activity: Activity, organization: Organization,
                       held_at: dt.datetime, title: str, place: str = "",
                       duration_minutes: int = 120, override_exam: bool = False,
                       override_reason: str = "") -> Meeting:
    """The branch's meeting; its members with the task are expected."""
    if activity.kind != FOLLOW_UP_KIND:
        raise MeetingError(_("This step is not the follow-up meeting on rectification."),
                           code="not_follow_up")
    special._require(actor, organization)
    covered = Organization.objects.filter(audience.covered(activity.plan, ""),
                                          pk=organization.pk,
                                          kind=Organization.Kind.BRANCH).exists()
    if not covered:
        raise MeetingError(_("The follow-up meeting is held by one of the plan's branches."),
                           code="not_branch")
    if Meeting.objects.filter(activity=activity, organization=organization).exists():
        raise MeetingError(_("This meeting is already scheduled."), code="exists")
    title = special._checked_facts(activity, held_at, title, duration_minutes)
    override = services.exam_check(organization, held_at, override_exam, override_reason)
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.FOLLOW_UP, activity=activity, organization=organization, title=title,
        held_at=held_at, place=(place or "").strip()[:120], duration_minutes=duration_minutes,
        sign_in_secret=codes.new_secret())
    expected = activity.assignments.filter(organization=organization).only(
        "id", "person_id", "required")
    Attendance.objects.bulk_create([
        Attendance(meeting=meeting, person_id=a.person_id, assignment=a,
                   invited_only=not a.required) for a in expected])
    audit.record(actor=actor, action="meetings.meeting.scheduled", target=meeting,
                 changes={"kind": [None, meeting.kind], "held_at": [None, str(held_at)],
                          "title": [None, title], "organization": [None, organization.code],
                          **services.exam_override_change(override)})
    return meeting


def _row(meeting: Meeting, person_id) -> Attendance:
    row = Attendance.objects.select_for_update(of=("self",)).select_related(
        "person", "assignment").filter(meeting=meeting, person_id=person_id).first()
    if row is None:
        raise MeetingError(_("This person is not on the meeting's list."), code="not_expected")
    return row


@transaction.atomic
def record_follow_up_attendance(*, actor, meeting: Meeting, person_id: int, status: str,
                                absence_reason: str = "") -> Attendance:
    """Attendance as at any meeting; leaving "present" clears a progress note."""
    meeting = _writable(actor, meeting)
    services.record_attendance(actor=actor, meeting=meeting, person_id=person_id,
                               status=status, absence_reason=absence_reason)
    row = _row(meeting, person_id)
    if row.status != Attendance.Status.PRESENT and row.progress_note:
        row.progress_note = ""
        row.save(update_fields=["progress_note", "updated_at"])
    _sync(row)
    return row


@transaction.atomic
def record_progress_note(*, actor, meeting: Meeting, person_id: int, note: str) -> Attendance:
    """What the member reported of their rectification, bounded; an empty note clears it."""
    meeting = _writable(actor, meeting)
    row = _row(meeting, person_id)
    if row.status != Attendance.Status.PRESENT:
        raise MeetingError(_("%(name)s is not recorded as present: record their attendance "
                             "first.") % {"name": row.person.name}, code="not_present")
    if len(note or "") > 4 * MAX_NOTE:
        raise MeetingError(_("The progress note may be at most %(n)d characters.")
                           % {"n": MAX_NOTE}, code="long_note")
    note = to_plain_text(note)
    if len(note) > MAX_NOTE:
        raise MeetingError(_("The progress note may be at most %(n)d characters.")
                           % {"n": MAX_NOTE}, code="long_note")
    before = row.progress_note
    if before == note:
        return row
    row.progress_note = note
    row.save(update_fields=["progress_note", "updated_at"])
    _sync(row)
    audit.record(actor=actor, action="meetings.progress_note.recorded", target=row,
                 changes={"progress_note": [len(before), len(note)]})
    return row


@transaction.atomic
def record_follow_up_minutes(*, actor, meeting: Meeting, text: str) -> Meeting:
    return minutes.write_minutes(actor, _writable(actor, meeting), text)
