"""Coverage of every member (确保教育覆盖面): the school's attempts to reach a member
(组织找党员) and where each member takes part in a campaign.

Rules (docs/coverage.md):
- Only who runs the member's branch writes (office, secretary, admin:
  `oversight.record_contact` on the member's branch); supervisors and leaders read.
- A campaign that is closed takes no more records; the member must be in its tree.
- An attempt's date is not in the future and lies inside the campaign's period.
- "Back at the school" needs nothing more; "where they live" needs the place, and may carry
  the report the member sent to the school (a file checked by its bytes like rectification
  evidence, kept privately) and the day it was received; "elsewhere" needs the reason.
- Marking a member "elsewhere" excuses their pending tasks of the campaign (status excused,
  the reason in the task's note, the roll-up moved with it); leaving "elsewhere" (another
  mode, or the record removed) sets exactly those tasks — excused with that note — back to
  pending. Tasks excused for another reason (an hours exemption …) are not touched.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Assignment, Campaign
from vanguard.campaigns.services import rollup
from vanguard.core import clock
from vanguard.core.errors import VanguardError
from vanguard.oversight.models import ContactAttempt, Participation
from vanguard.people.models import Member
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.services import evidence as evidence_checks

MAX_NOTES = 500
MAX_PLACE = 200
MAX_REASON = 2000
MIN_REASON = 2
Mode = Participation.Mode


class CoverageError(VanguardError):
    pass


# --- shared checks ----------------------------------------------------------------------------


def may_record(user, member: Member) -> bool:
    return bool(user and user.has_perm("oversight.record_contact", member.organization))


def _require(actor, member: Member) -> None:
    if not may_record(actor, member):
        raise CoverageError(_("You are not allowed to record this for this member."),
                            code="forbidden")


def _check_campaign(campaign: Campaign, member: Member) -> None:
    if campaign.state == Campaign.State.CLOSED:
        raise CoverageError(_("The campaign is closed; its records can no longer change."),
                            code="closed")
    if not member.organization.path.startswith(campaign.organization.path):
        raise CoverageError(_("%(name)s is not a member of an organization in this campaign.")
                            % {"name": member.person.name}, code="not_in_campaign")


def _locked_member(member: Member) -> Member:
    """The member row locked: writes about one member happen one after the other."""
    return (Member.objects.select_for_update().select_related("person", "organization")
            .get(pk=member.pk))


def _date(value, label: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise CoverageError(_("Give the %(what)s as a date.") % {"what": label}, code="date")
    return value


def _within_campaign(day: dt.date, campaign: Campaign, label: str) -> None:
    if day > clock.today():
        raise CoverageError(_("The %(what)s cannot be in the future.") % {"what": label},
                            code="future")
    if day < campaign.starts_on or day > campaign.ends_on:
        raise CoverageError(
            _("The %(what)s must lie inside the campaign (%(start)s to %(end)s).")
            % {"what": label, "start": campaign.starts_on, "end": campaign.ends_on},
            code="outside")


# --- contact attempts (组织找党员) ---------------------------------------------------------------


@transaction.atomic
def record_contact_attempt(*, actor, campaign: Campaign, member: Member, made_on, channel: str,
                           result: str, notes: str = "") -> ContactAttempt:
    """One attempt to reach a member: the date, how, and whether they were reached."""
    _require(actor, member)
    member = _locked_member(member)
    _check_campaign(campaign, member)
    label = _("date of the attempt")
    made_on = _date(made_on, label)
    _within_campaign(made_on, campaign, label)
    if channel not in ContactAttempt.Channel.values:
        raise CoverageError(_("Choose how the member was contacted."), code="channel")
    if result not in ContactAttempt.Result.values:
        raise CoverageError(_("Choose the result of the attempt."), code="result")
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise CoverageError(_("The notes may be at most %(n)d characters.") % {"n": MAX_NOTES},
                            code="notes")
    attempt = ContactAttempt.objects.create(
        campaign=campaign, member=member, made_on=made_on, channel=channel, result=result,
        notes=notes, recorded_by=actor if getattr(actor, "is_authenticated", False) else None)
    audit.record(actor=actor, action="oversight.contact.recorded", target=attempt, changes={
        "member": [None, member.pk], "made_on": [None, str(made_on)],
        "channel": [None, channel], "result": [None, result]})
    return attempt


# --- where a member takes part ------------------------------------------------------------------


def _check_report(upload):
    """The report file's bytes, checked as rectification evidence is (type by name and by
    signature, size under RECTIFICATION_EVIDENCE_MAX_BYTES, not empty)."""
    try:
        return evidence_checks.check_file(upload)
    except RectificationError as exc:
        raise CoverageError(exc.text, code=exc.code or "file") from None


def _tasks(campaign: Campaign, member: Member, status: str):
    return list(Assignment.objects.filter(activity__plan__campaign=campaign,
                                          person_id=member.person_id, status=status)
                .order_by("id"))


def _note(reason: str) -> str:
    return reason[: Assignment._meta.get_field("note").max_length]


def excuse_tasks(campaign: Campaign, member: Member, reason: str) -> int:
    """The member's pending tasks of the campaign excused, the reason in their note; the
    roll-up moves with each (rollup.set_status)."""
    tasks = _tasks(campaign, member, Assignment.Status.PENDING)
    for task in tasks:
        rollup.set_status(task, Assignment.Status.EXCUSED)
    Assignment.objects.filter(pk__in=[t.pk for t in tasks]).update(note=_note(reason))
    return len(tasks)


def restore_tasks(campaign: Campaign, member: Member, reason: str) -> int:
    """The tasks `excuse_tasks` excused for `reason` back to pending (their own work marks
    them done again); tasks excused for anything else stay as they are."""
    tasks = [t for t in _tasks(campaign, member, Assignment.Status.EXCUSED)
             if t.note == _note(reason)]
    for task in tasks:
        rollup.set_status(task, Assignment.Status.PENDING)
    Assignment.objects.filter(pk__in=[t.pk for t in tasks]).update(note="")
    return len(tasks)


def _drop_file_after_commit(file_field) -> None:
    name, storage = file_field.name, file_field.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def set_participation(*, actor, campaign: Campaign, member: Member, mode: str, place: str = "",
                      reason: str = "", upload=None, report_received_on=None) -> Participation:
    """Record (or change) where the member takes part in the campaign. See the module's rules.
    A new report file replaces the one kept before; leaving "where they live" drops it."""
    _require(actor, member)
    member = _locked_member(member)
    _check_campaign(campaign, member)
    if mode not in Mode.values:
        raise CoverageError(_("Choose where the member takes part."), code="mode")
    place, reason = (place or "").strip(), (reason or "").strip()
    if len(place) > MAX_PLACE:
        raise CoverageError(_("The place may be at most %(n)d characters.") % {"n": MAX_PLACE},
                            code="place")
    if mode == Mode.WHERE_LIVING and not place:
        raise CoverageError(_("Give the place where the member lives and takes part."),
                            code="place")
    if mode == Mode.ELSEWHERE and not (MIN_REASON <= len(reason) <= MAX_REASON):
        raise CoverageError(_("Give the reason the member takes part elsewhere (long sick "
                              "leave, abroad …) in %(min)d to %(max)d characters.")
                            % {"min": MIN_REASON, "max": MAX_REASON}, code="reason")
    if mode != Mode.ELSEWHERE:
        reason = ""
    if mode != Mode.WHERE_LIVING and (upload or report_received_on):
        raise CoverageError(_("A report to the school is kept only for a member taking part "
                              "where they live."), code="report_mode")
    label = _("day the report was received")
    if report_received_on is not None:
        report_received_on = _date(report_received_on, label)
        _within_campaign(report_received_on, campaign, label)
    checked = _check_report(upload) if upload else None
    if checked is not None and report_received_on is None:
        report_received_on = clock.today()

    participation = (Participation.objects.select_for_update()
                     .filter(campaign=campaign, member=member).first())
    created = participation is None
    if created:
        participation = Participation(campaign=campaign, member=member)
    before = {"mode": participation.mode or None, "place": participation.place or None,
              "reason": participation.reason or None,
              "report": participation.report_name or None,
              "report_received_on": str(participation.report_received_on or "") or None}
    old_reason = participation.reason if participation.mode == Mode.ELSEWHERE else None
    restored = restore_tasks(campaign, member, old_reason) if old_reason else 0
    excused = excuse_tasks(campaign, member, reason) if mode == Mode.ELSEWHERE else 0

    old_file = participation.report_file if participation.report_file else None
    participation.mode, participation.place, participation.reason = mode, place, reason
    if mode == Mode.WHERE_LIVING:
        if report_received_on is not None:
            participation.report_received_on = report_received_on
    else:
        participation.report_received_on = None
    keep_file = mode == Mode.WHERE_LIVING and checked is None
    if not keep_file:
        participation.report_name = checked.name if checked else ""
        participation.report_file = ""
    participation.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    audit.record(actor=actor, action=("oversight.participation.recorded" if created
                                      else "oversight.participation.changed"),
                 target=member, changes={
                     "campaign": [None, campaign.pk],
                     "mode": [before["mode"], mode], "place": [before["place"], place],
                     "reason": [before["reason"], reason],
                     "report": [before["report"], participation.report_name or None],
                     "sha256": [None, checked.sha256 if checked else None],
                     "report_received_on": [before["report_received_on"],
                                            str(participation.report_received_on or "")
                                            or None],
                     "tasks_excused": excused, "tasks_restored": restored})
    # The file is written last (as rectification evidence): a failure rolls back everything.
    if checked is not None:
        participation.report_file.save(checked.name, ContentFile(checked.content), save=False)
    try:
        participation.save()
    except Exception:
        if checked is not None and participation.report_file:
            participation.report_file.delete(save=False)
        raise
    if old_file is not None and not keep_file:
        _drop_file_after_commit(old_file)
    return participation


@transaction.atomic
def remove_participation(*, actor, participation: Participation) -> None:
    """The member takes part with their branch again: the record goes; if they were
    "elsewhere", the tasks excused for it are pending again."""
    member = participation.member
    _require(actor, member)
    member = _locked_member(member)
    participation = (Participation.objects.select_for_update().select_related("campaign")
                     .filter(pk=participation.pk).first())
    if participation is None:
        raise CoverageError(_("This record is already removed."), code="gone")
    campaign = participation.campaign
    _check_campaign(campaign, member)
    restored = (restore_tasks(campaign, member, participation.reason)
                if participation.mode == Mode.ELSEWHERE else 0)
    audit.record(actor=actor, action="oversight.participation.removed", target=member,
                 changes={"campaign": [campaign.pk, None], "mode": [participation.mode, None],
                          "place": [participation.place, None],
                          "reason": [participation.reason, None],
                          "report": [participation.report_name or None, None],
                          "tasks_restored": restored})
    if participation.report_file:
        _drop_file_after_commit(participation.report_file)
    participation.delete()
