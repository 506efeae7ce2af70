"""Writing the hours ledger: sessions and their attendance, self-study, removing a line, and
exemptions. Every write keeps the member's running totals (HoursTotal) and their study-hours
task in step, in the same transaction."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Activity, Assignment, Campaign, Phase
from vanguard.campaigns.services import rollup
from vanguard.core import clock
from vanguard.people.models import Member, Organization, Person
from vanguard.study.errors import StudyError
from vanguard.study.models import HoursEntry, HoursExemption, StudySession
from vanguard.study.models.hours import MAX_HOURS_A_DAY, StudyKind
from vanguard.study.selectors_hours import KIND
from vanguard.study.services import progress
from vanguard.study.services.hours_totals import (
    check_day_totals,
    lock_people,
    names_of,
    refresh_one,
    refresh_tasks,
    refresh_totals,
)

ONE_PLACE = Decimal("0.1")
TITLE_MAX = HoursEntry._meta.get_field("title").max_length
PLACE_MAX = StudySession._meta.get_field("place").max_length
SPEAKER_MAX = StudySession._meta.get_field("speaker").max_length
REASON_MIN = 5
REASON_MAX = HoursExemption._meta.get_field("reason").max_length
ATTENDANCE_MAX = 5000
SESSION_KINDS = [k for k in StudyKind.values if k != StudyKind.SELF]


def require(actor, perm: str, obj=None) -> None:
    if actor is None:  # the platform itself (an operator's command) acts with full authority
        return
    if not actor.has_perm(perm, obj):
        raise StudyError(_("You are not allowed to do this here."), code="forbidden")


def check_hours(value) -> Decimal:
    """Hours as the ledger keeps them: more than 0, at most 24, to one decimal place."""
    try:
        hours = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise StudyError(_("“%(value)s” is not a number of hours.") % {"value": value},
                         code="hours_not_number") from None
    if not hours.is_finite():
        raise StudyError(_("“%(value)s” is not a number of hours.") % {"value": value},
                         code="hours_not_number")
    if hours <= 0:
        raise StudyError(_("Hours must be more than 0."), code="hours_not_positive")
    if hours > MAX_HOURS_A_DAY:
        raise StudyError(_("%(hours)s hours is more than a day has: at most 24.")
                         % {"hours": hours}, code="hours_too_many")
    if hours != hours.quantize(ONE_PLACE):
        raise StudyError(_("Hours are counted to one decimal place, like 2.5; %(hours)s has "
                           "more.") % {"hours": hours}, code="hours_decimals")
    return hours.quantize(ONE_PLACE)


def check_title(title: str) -> str:
    title = (title or "").strip()
    if not title or len(title) > TITLE_MAX:
        raise StudyError(_("Give the activity a title of at most %(max)d characters.")
                         % {"max": TITLE_MAX}, code="title")
    return title


def _bounded(text: str, limit: int, label: str) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise StudyError(_("%(field)s may be at most %(max)d characters.")
                         % {"field": label, "max": limit}, code="too_long")
    return text


def _is_day(value) -> bool:
    # A datetime is a date too, but does not compare with one.
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _running(campaign: Campaign) -> None:
    if campaign.state != Campaign.State.RUNNING:
        raise StudyError(_("The campaign is closed: its hours can no longer be changed."),
                         code="campaign_closed")


# --- sessions and attendance ------------------------------------------------------------------

@transaction.atomic
def record_session(*, actor, activity: Activity, organization: Organization, kind: str,
                   title: str, held_on: dt.date, hours, place: str = "",
                   speaker: str = "") -> StudySession:
    """An organized session of `organization` (the plan's organization or one below it)."""
    require(actor, "study.record_session", organization)
    if activity.kind != KIND:
        raise StudyError(_("Sessions are recorded for the plan's organized-study step only."),
                         code="wrong_kind")
    phase = activity.phase
    if phase.state != Phase.State.OPEN:
        raise StudyError(_("Sessions can be recorded only while the phase is open."),
                         code="phase_not_open")
    if not organization.path.startswith(activity.plan.organization.path):
        raise StudyError(_("%(org)s is not part of %(plan_org)s, whose plan this is.")
                         % {"org": organization.name,
                            "plan_org": activity.plan.organization.name}, code="outside_plan")
    if kind not in SESSION_KINDS:
        raise StudyError(_("Choose the kind of session."), code="kind")
    title = check_title(title)
    if not _is_day(held_on) or not phase.starts_on <= held_on <= phase.ends_on:
        raise StudyError(_("The session must be held within the phase, %(first)s to %(last)s.")
                         % {"first": phase.starts_on, "last": phase.ends_on},
                         code="outside_phase")
    hours = check_hours(hours)
    place = _bounded(place, PLACE_MAX, _("The place"))
    speaker = _bounded(speaker, SPEAKER_MAX, _("The speaker"))
    session = StudySession.objects.create(
        activity=activity, organization=organization, kind=kind, title=title, held_on=held_on,
        hours=hours, place=place, speaker=speaker)
    audit.record(actor=actor, action="study.session.recorded", target=session, changes={
        "organization": [None, organization.code], "kind": [None, kind], "title": [None, title],
        "held_on": [None, str(held_on)], "hours": [None, str(hours)]})
    return session


def _person_ids(values) -> list[int]:
    try:
        ids = sorted({int(v) for v in values})
    except (TypeError, ValueError):
        raise StudyError(_("Unknown person."), code="unknown_person") from None
    if not ids:
        raise StudyError(_("Tick at least one member."), code="nobody")
    if len(ids) > ATTENDANCE_MAX:
        raise StudyError(_("At most %(max)d people can be recorded at once.")
                         % {"max": ATTENDANCE_MAX}, code="too_many")
    return ids


@transaction.atomic
def record_session_attendance(*, actor, session: StudySession, person_ids) -> list[HoursEntry]:
    """The session's hours on the ledger of each listed member of its organization's subtree."""
    require(actor, "study.record_session", session)
    session = StudySession.objects.select_related(
        "organization", "activity__phase", "activity__plan__campaign").get(pk=session.pk)
    if session.activity.phase.state != Phase.State.OPEN:
        raise StudyError(_("Hours can be recorded only while the phase is open."),
                         code="phase_not_open")
    campaign = session.activity.plan.campaign
    _running(campaign)
    ids = _person_ids(person_ids)
    branch_of = dict(Member.objects.filter(
        session.organization.subtree_q("organization__"), person_id__in=ids)
        .values_list("person_id", "organization_id"))
    outside = [i for i in ids if i not in branch_of]
    if outside:
        raise StudyError(_("Not members of %(org)s: %(names)s. Nothing was recorded.")
                         % {"org": session.organization.name, "names": names_of(outside)},
                         code="outside_organization")
    lock_people(ids)
    again = list(HoursEntry.objects.filter(session=session, person_id__in=ids)
                 .values_list("person_id", flat=True))
    if again:
        raise StudyError(_("Already recorded for this session: %(names)s. Nothing was "
                           "recorded.") % {"names": names_of(again)}, code="already_recorded")
    check_day_totals({(i, session.held_on): session.hours for i in ids})
    entries = HoursEntry.objects.bulk_create([
        HoursEntry(campaign=campaign, person_id=i, organization_id=branch_of[i], session=session,
                   kind=session.kind, title=session.title, studied_on=session.held_on,
                   hours=session.hours, source=HoursEntry.Source.SESSION,
                   recorded_by=_user(actor))
        for i in ids], batch_size=1000)
    refresh_tasks(campaign, refresh_totals(campaign, ids))
    audit.record(actor=actor, action="study.hours.recorded", target=session, changes={
        "people": [None, ids], "hours": [None, str(session.hours)]})
    return entries


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# --- self-study -------------------------------------------------------------------------------

@transaction.atomic
def log_self_study(*, actor, campaign: Campaign, title: str, studied_on: dt.date,
                   hours) -> HoursEntry:
    """The member's own study, on their own ledger; it counts apart from organized study."""
    require(actor, "study.log_self_study")
    person = getattr(actor, "person", None)
    if person is None:
        raise StudyError(_("You are not allowed to do this here."), code="forbidden")
    _running(campaign)
    member = Member.objects.filter(person=person).select_related("organization").first()
    if member is None or not member.organization.path.startswith(campaign.organization.path):
        raise StudyError(_("Only members taking part in the campaign log study hours."),
                         code="not_member")
    title = check_title(title)
    if not _is_day(studied_on) or not campaign.starts_on <= studied_on <= campaign.ends_on:
        raise StudyError(_("The date must lie within the campaign, %(first)s to %(last)s.")
                         % {"first": campaign.starts_on, "last": campaign.ends_on},
                         code="outside_campaign")
    if studied_on > clock.today():
        raise StudyError(_("%(date)s lies in the future: log study once it is done.")
                         % {"date": studied_on}, code="future")
    hours = check_hours(hours)
    lock_people([person.pk])
    check_day_totals({(person.pk, studied_on): hours})
    entry = HoursEntry.objects.create(
        campaign=campaign, person=person, organization=member.organization,
        kind=StudyKind.SELF, title=title, studied_on=studied_on, hours=hours,
        source=HoursEntry.Source.SELF, recorded_by=_user(actor))
    refresh_one(campaign, person)
    audit.record(actor=actor, action="study.self_study.logged", target=entry, changes={
        "title": [None, title], "studied_on": [None, str(studied_on)],
        "hours": [None, str(hours)]})
    return entry


@transaction.atomic
def remove_entry(*, actor, entry: HoursEntry) -> None:
    """Take a line off the ledger (its recorder, or the office); totals follow."""
    entry = HoursEntry.objects.select_for_update(of=("self",)).select_related(
        "campaign", "person", "organization").get(pk=entry.pk)
    require(actor, "study.remove_entry", entry)
    _running(entry.campaign)
    lock_people([entry.person_id])
    audit.record(actor=actor, action="study.hours.removed", target=entry, changes={
        "person": [entry.person_id, None], "title": [entry.title, None],
        "studied_on": [str(entry.studied_on), None], "hours": [str(entry.hours), None],
        "source": [entry.source, None]})
    entry.delete()
    refresh_one(entry.campaign, entry.person)


# --- exemptions -------------------------------------------------------------------------------

def _task_and_branch(campaign: Campaign, person: Person) -> tuple[Assignment | None,
                                                                 Organization | None]:
    task = progress.assignment_for(person, campaign, KIND)
    member = Member.objects.filter(person=person).select_related("organization").first()
    if member is not None:
        return task, member.organization
    return task, task.organization if task is not None else None


@transaction.atomic
def grant_exemption(*, actor, campaign: Campaign, person: Person,
                    reason: str) -> HoursExemption:
    """Excuse a member from the hours minimum, with the reason on record."""
    task, branch = _task_and_branch(campaign, person)
    if branch is None:
        raise StudyError(_("%(name)s has no study-hours task in this campaign.")
                         % {"name": person.name}, code="no_task")
    require(actor, "study.grant_exemption", branch)
    _running(campaign)
    if task is None:
        raise StudyError(_("%(name)s has no study-hours task in this campaign.")
                         % {"name": person.name}, code="no_task")
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN or len(reason) > REASON_MAX:
        raise StudyError(_("Give the reason for the exemption in %(min)d to %(max)d "
                           "characters.") % {"min": REASON_MIN, "max": REASON_MAX},
                         code="reason")
    if HoursExemption.objects.filter(campaign=campaign, person=person).exists():
        raise StudyError(_("%(name)s is already exempt.") % {"name": person.name},
                         code="already_exempt")
    exemption = HoursExemption.objects.create(campaign=campaign, person=person, reason=reason,
                                              granted_by=_user(actor))
    before = task.status
    rollup.set_status(task, Assignment.Status.EXCUSED)
    audit.record(actor=actor, action="study.exemption.granted", target=exemption, changes={
        "person": [None, person.pk], "reason": [None, reason],
        "task_status": [before, task.status]})
    return exemption


@transaction.atomic
def revoke_exemption(*, actor, exemption: HoursExemption) -> None:
    """Withdraw an exemption: the member's task is judged by their hours again."""
    exemption = HoursExemption.objects.select_related("campaign", "person").get(pk=exemption.pk)
    campaign, person = exemption.campaign, exemption.person
    task, branch = _task_and_branch(campaign, person)
    require(actor, "study.grant_exemption", branch)
    _running(campaign)
    audit.record(actor=actor, action="study.exemption.revoked", target=exemption, changes={
        "person": [person.pk, None], "reason": [exemption.reason, None]})
    exemption.delete()
    if task is not None and task.status == Assignment.Status.EXCUSED:
        rollup.set_status(task, Assignment.Status.PENDING)  # judged by the hours again below
    refresh_one(campaign, person)
