"""Writes for the special meetings: the branch's organizational-life meeting (专题组织生活会)
and the leadership team's democratic-life meeting (民主生活会) — scheduling, attendance
(only with a reviewed analysis), self-criticisms, criticisms, minutes, and the team's
material package sent to the superior, who acknowledges it."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.access.models import Role
from vanguard.analyses.models import SelfAnalysis
from vanguard.campaigns import audience
from vanguard.campaigns.models import Activity, Assignment, Notice, Notification
from vanguard.campaigns.services import notices, rollup
from vanguard.core import clock
from vanguard.meetings import minutes, services
from vanguard.meetings import package as packages
from vanguard.meetings import sign_in as codes
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Attendance, Criticism, MaterialPackage, Meeting
from vanguard.meetings.plain_text import to_plain_text
from vanguard.meetings.selectors_special import MEETING_KINDS, REVIEWED
from vanguard.people.models import Organization, Person

SPECIAL = tuple(MEETING_KINDS.values())
MAX_MINUTES = minutes.MAX_MINUTES
MAX_SUMMARY = 500


def _require(actor, obj) -> None:
    if not actor.has_perm("meetings.run_special_meeting", obj):
        raise MeetingError(_("You are not allowed to do this here."), code="forbidden")


def _locked_meeting(meeting: Meeting) -> Meeting:
    """The meeting row, locked, with what the checks read; refused if it is not special."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related(
        "organization", "activity__phase", "activity__plan__campaign").get(pk=meeting.pk)
    if meeting.kind not in SPECIAL:
        raise MeetingError(_("This is not a special meeting."), code="not_special")
    return meeting


def _writable(actor, meeting: Meeting) -> Meeting:
    """Checks shared by every record of the meeting: permission, open phase, and for a
    democratic-life meeting, a package not yet sent (what was sent must stay what it was)."""
    meeting = _locked_meeting(meeting)
    _require(actor, meeting)
    services._require_open_phase(
        meeting, _("The meeting's records can be changed only while the phase is open."))
    if MaterialPackage.objects.filter(meeting=meeting).exists():
        raise MeetingError(_("The material package has been sent to the superior; the "
                             "meeting's records can no longer be changed."), code="sent")
    return meeting


def is_ready(meeting: Meeting, person_id: int) -> bool:
    """A member takes part only with an analysis that passed review (or is past it)."""
    return SelfAnalysis.objects.filter(campaign_id=meeting.activity.plan.campaign_id,
                                       person_id=person_id, status__in=REVIEWED).exists()


def assignment_status(row: Attendance) -> str:
    """Done when present and the self-criticism is made; an absence is not made up."""
    if row.status == Attendance.Status.PRESENT and row.self_criticism_done:
        return Assignment.Status.DONE
    return Assignment.Status.PENDING


def _sync_assignment(row: Attendance) -> None:
    if row.assignment is not None:
        rollup.set_status(row.assignment, assignment_status(row))


def _place(activity: Activity, organization: Organization, kind: str) -> None:
    """An organizational-life meeting is a branch's of the plan; a democratic-life meeting
    is the school's top organization's (the plan's own organization)."""
    plan = activity.plan
    if kind == Meeting.Kind.ORG_LIFE:
        covered = Organization.objects.filter(audience.covered(plan, ""), pk=organization.pk,
                                              kind=Organization.Kind.BRANCH).exists()
        if not covered:
            raise MeetingError(_("An organizational-life meeting is held by one of the plan's "
                                 "branches."), code="not_branch")
    elif organization.pk != plan.organization_id or plan.organization.school_id is None:
        raise MeetingError(_("A democratic-life meeting is held by the school's leadership "
                             "team, at the school's top organization."), code="not_school")


def _checked_facts(activity, held_at, title, duration_minutes) -> str:
    if not activity.starts_on <= clock.localdate_of(held_at) <= activity.due_on:
        raise MeetingError(
            _("The meeting must be held between %(first)s and %(last)s, the step's dates.")
            % {"first": activity.starts_on, "last": activity.due_on}, code="outside_dates")
    title = (title or "").strip()
    if not title or len(title) > 120:
        raise MeetingError(_("Give the meeting a title of at most 120 characters."),
                           code="title")
    if not services.MIN_DURATION <= (duration_minutes or 0) <= services.MAX_DURATION:
        raise MeetingError(_("A meeting lasts between %(min)d and %(max)d minutes.")
                           % {"min": services.MIN_DURATION, "max": services.MAX_DURATION},
                           code="duration")
    return title


@transaction.atomic
def schedule_special_meeting(*, actor, activity: Activity, organization: Organization,
                             held_at: dt.datetime, title: str, place: str = "",
                             duration_minutes: int = 120, override_exam: bool = False,
                             override_reason: str = "") -> Meeting:
    """The branch's (or the team's) meeting; everyone of it with the task is expected."""
    kind = MEETING_KINDS.get(activity.kind)
    if kind is None:
        raise MeetingError(_("This step is not a special meeting."), code="not_special")
    _require(actor, organization)
    _place(activity, organization, kind)
    if Meeting.objects.filter(activity=activity, organization=organization).exists():
        raise MeetingError(_("This meeting is already scheduled."), code="exists")
    title = _checked_facts(activity, held_at, title, duration_minutes)
    override = services.exam_check(organization, held_at, override_exam, override_reason)
    meeting = Meeting.objects.create(
        kind=kind, activity=activity, organization=organization, title=title, held_at=held_at,
        place=(place or "").strip()[:120], duration_minutes=duration_minutes,
        # Never shown on these pages (no QR sign-in: the secretary records who is there,
        # checking each one's analysis), but a blank secret would make codes guessable.
        sign_in_secret=codes.new_secret())
    expected = activity.assignments.only("id", "person_id", "required")
    if kind == Meeting.Kind.ORG_LIFE:
        expected = expected.filter(organization=organization)
    Attendance.objects.bulk_create([
        Attendance(meeting=meeting, person_id=a.person_id, assignment=a,
                   invited_only=not a.required) for a in expected])
    audit.record(actor=actor, action="meetings.meeting.scheduled", target=meeting,
                 changes={"kind": [None, kind], "held_at": [None, str(held_at)],
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
def record_special_attendance(*, actor, meeting: Meeting, person_id: int, status: str,
                              absence_reason: str = "") -> Attendance:
    """Attendance as at any meeting, except that nobody without a reviewed analysis is
    marked present; leaving "present" clears a self-criticism recorded by mistake."""
    meeting = _writable(actor, meeting)
    row = _row(meeting, person_id)
    if status == Attendance.Status.PRESENT and not is_ready(meeting, person_id):
        raise MeetingError(
            _("%(name)s cannot take part yet: their self-analysis has not passed review.")
            % {"name": row.person.name}, code="not_ready")
    row = services.record_attendance(actor=actor, meeting=meeting, person_id=person_id,
                                     status=status, absence_reason=absence_reason)
    if row.status != Attendance.Status.PRESENT and row.self_criticism_done:
        row.self_criticism_done = False
        row.save(update_fields=["self_criticism_done", "updated_at"])
        audit.record(actor=actor, action="meetings.self_criticism.recorded", target=row,
                     changes={"self_criticism_done": [True, False]})
    _sync_assignment(row)
    return row


@transaction.atomic
def record_self_criticism(*, actor, meeting: Meeting, person_id: int,
                          done: bool = True) -> Attendance:
    meeting = _writable(actor, meeting)
    row = _row(meeting, person_id)
    if done and row.status != Attendance.Status.PRESENT:
        raise MeetingError(_("%(name)s is not recorded as present: record their attendance "
                             "first.") % {"name": row.person.name}, code="not_present")
    if row.self_criticism_done == done:
        return row
    row.self_criticism_done = done
    row.save(update_fields=["self_criticism_done", "updated_at"])
    _sync_assignment(row)
    audit.record(actor=actor, action="meetings.self_criticism.recorded", target=row,
                 changes={"self_criticism_done": [not done, done]})
    return row


def _participants(meeting: Meeting, critic_id, target_id) -> None:
    """Both must be present at this meeting; the message names who is not."""
    rows = {r.person_id: r for r in Attendance.objects.filter(
        meeting=meeting, person_id__in=[critic_id, target_id]).select_related("person")}
    missing = [rows[pid].person.name for pid in (critic_id, target_id)
               if pid in rows and rows[pid].status != Attendance.Status.PRESENT]
    if len(rows) < 2 or missing:
        text = _("A criticism is recorded only between participants present at this meeting.")
        if missing:
            text += " " + _("Not recorded as present: %(names)s.") % {
                "names": "、".join(missing)}
        raise MeetingError(text, code="not_participant")


@transaction.atomic
def record_criticism(*, actor, meeting: Meeting, critic_id: int, target_id: int, summary: str,
                     accepted: bool | None = None) -> Criticism:
    meeting = _writable(actor, meeting)
    if critic_id == target_id:
        raise MeetingError(_("A criticism is given to someone else; criticising oneself is the "
                             "self-criticism, recorded on the attendance list."), code="self")
    _participants(meeting, critic_id, target_id)
    if len(summary or "") > 4 * MAX_SUMMARY:
        raise MeetingError(_("The summary may be at most %(n)d characters.") % {
            "n": MAX_SUMMARY}, code="long_summary")
    summary = to_plain_text(summary)
    if not summary:
        raise MeetingError(_("Write a short summary of the criticism."), code="no_summary")
    if len(summary) > MAX_SUMMARY:
        raise MeetingError(_("The summary may be at most %(n)d characters.") % {
            "n": MAX_SUMMARY}, code="long_summary")
    criticism = Criticism.objects.create(meeting=meeting, critic_id=critic_id,
                                         target_id=target_id, summary=summary,
                                         accepted=accepted)
    audit.record(actor=actor, action="meetings.criticism.recorded", target=criticism,
                 changes={"critic": [None, critic_id], "target": [None, target_id],
                          "accepted": [None, accepted], "summary": [None, len(summary)]})
    return criticism


@transaction.atomic
def remove_criticism(*, actor, criticism: Criticism) -> None:
    """A criticism recorded by mistake is taken off (the audit log keeps that it was)."""
    _writable(actor, criticism.meeting)
    audit.record(actor=actor, action="meetings.criticism.removed", target=criticism,
                 changes={"critic": [criticism.critic_id, None],
                          "target": [criticism.target_id, None]})
    criticism.delete()


@transaction.atomic
def record_minutes(*, actor, meeting: Meeting, text: str) -> Meeting:
    """The minutes as plain text (what was said and decided), bounded."""
    return minutes.write_minutes(actor, _writable(actor, meeting), text)


def _superior_of(meeting: Meeting) -> Organization:
    """The superior by cadre-management authority: the parent of the school's top
    organization."""
    superior = Organization.objects.get_parent(meeting.organization)
    if superior is None:
        raise MeetingError(_("This organization has no superior to send the package to."),
                           code="no_superior")
    return superior


def _notify_superior(package: MaterialPackage, meeting: Meeting) -> None:
    """The superior's office staff who have a person get a notification with the list's
    address (office accounts without a person see the list in their navigation)."""
    people = Person.objects.filter(user__roles__kind=Role.Kind.OFFICE,
                                   user__roles__organization=package.superior).distinct()
    with translation.override(settings.LANGUAGE_CODE):
        text = _("%(org)s has sent the materials of its democratic-life meeting for "
                 "acknowledgement.") % {"org": meeting.organization.name}
    Notification.objects.bulk_create(
        [Notification(person=p, text=text[:300], url=reverse("meetings:packages"),
                      key=f"package:{package.pk}") for p in people], ignore_conflicts=True)


@transaction.atomic
def submit_package(*, actor, meeting: Meeting) -> MaterialPackage:
    """Send the democratic-life meeting's materials upward; from now on its records are
    frozen, so the archive the superior downloads is the one whose digest is stored."""
    meeting = _locked_meeting(meeting)
    if meeting.kind != Meeting.Kind.DEMOCRATIC_LIFE:
        raise MeetingError(_("Only a democratic-life meeting sends a material package."),
                           code="not_democratic_life")
    _require(actor, meeting)
    sent = MaterialPackage.objects.filter(meeting=meeting).first()
    if sent is not None:
        raise MeetingError(_("The material package was already sent on %(day)s; it is sent "
                             "once.") % {"day": localtime(sent.submitted_at).date()},
                           code="already_sent")
    services._require_open_phase(meeting, _("The package can be sent only while the phase "
                                            "is open."))
    if not meeting.minutes:
        raise MeetingError(_("Record the minutes before sending the package."),
                           code="no_minutes")
    superior = _superior_of(meeting)
    now = clock.now()
    built = packages.build_package(meeting, as_of=now)
    package = MaterialPackage.objects.create(meeting=meeting, superior=superior,
                                             sha256=built.sha256, submitted_by=actor,
                                             submitted_at=now)
    _notify_superior(package, meeting)
    audit.record(actor=actor, action="meetings.package.submitted", target=package,
                 changes={"superior": [None, superior.code], "sha256": [None, built.sha256]})
    return package


@transaction.atomic
def acknowledge_package(*, actor, package: MaterialPackage) -> MaterialPackage:
    """The superior's office confirms it received the materials; once."""
    package = MaterialPackage.objects.select_for_update(of=("self",)).select_related(
        "meeting__organization").get(pk=package.pk)
    if not actor.has_perm("meetings.acknowledge_package", package.meeting):
        raise MeetingError(_("Only the office of the superior organization acknowledges the "
                             "package."), code="forbidden")
    if package.acknowledged_at is not None:
        raise MeetingError(_("This package was already acknowledged on %(day)s.") % {
            "day": localtime(package.acknowledged_at).date()}, code="already_acknowledged")
    package.acknowledged_by, package.acknowledged_at = actor, clock.now()
    package.save(update_fields=["acknowledged_by", "acknowledged_at", "updated_at"])
    audit.record(actor=actor, action="meetings.package.acknowledged", target=package,
                 changes={"acknowledged_at": [None, str(package.acknowledged_at)]})
    return package


def notice_source(meeting: Meeting) -> str:
    return f"meetings.meeting:{meeting.pk}"


def notice_of(meeting: Meeting) -> Notice | None:
    return Notice.objects.filter(campaign_id=meeting.activity.plan.campaign_id,
                                 source=notice_source(meeting)).first()


@transaction.atomic
def publish_meeting_notice(*, actor, meeting: Meeting, title: str, body: str) -> Notice:
    """The notice to the public on how the democratic-life meeting went (通报)."""
    meeting = _locked_meeting(meeting)
    if meeting.kind != Meeting.Kind.DEMOCRATIC_LIFE:
        raise MeetingError(_("A notice is published for a democratic-life meeting."),
                           code="not_democratic_life")
    if not meeting.minutes:
        raise MeetingError(_("Record the minutes before publishing a notice on the meeting."),
                           code="no_minutes")
    return notices.publish_notice(actor=actor, campaign=meeting.activity.plan.campaign,
                                  organization=meeting.organization,
                                  source=notice_source(meeting), title=title, body=body)
