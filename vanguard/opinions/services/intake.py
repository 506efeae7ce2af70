"""Opinion intake: the plan's intake record, and opinions from every channel.

Channels: the web form of a logged-in user (named or anonymous), the public opinion form
reached by the intake's link or printed QR code (always anonymous), and what staff type in
(symposium, individual talk, opinion box, paper forms, hotline).

An anonymous opinion given on the web writes NO audit entry. An audit row carries its
moment to the second and, for the logged-in form, who was logged in; either would tie the
opinion to a person or to a session, which the issue forbids (no account, no address, no
session, no time finer than the day). What stays is the opinion row itself (a random key,
the day, no giver) and its receipt hash. Named opinions, staff entries, confirmations,
symposia and the office's settings are audited as every write is.
"""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit, scope
from vanguard.access.models import Role
from vanguard.access.ratelimit import hit
from vanguard.campaigns.models import Activity, Campaign, Phase
from vanguard.core import clock
from vanguard.opinions.errors import OpinionError
from vanguard.opinions.models import (
    MAX_TEXT,
    STAFF_CHANNELS,
    Category,
    Channel,
    Intake,
    Opinion,
    SourceGroup,
    Symposium,
)
from vanguard.opinions.services import receipts
from vanguard.opinions.subjects import ResolvedSubject, resolve, school_top
from vanguard.people.models import Organization

MAX_NAME = 50
MAX_ATTENDEES = 300
MAX_ATTENDANCE = 10000
FORM_WINDOW_SECONDS = 10 * 60
# A form's one-time nonce lives this long: long enough to write an opinion at leisure.
NONCE_SECONDS = 6 * 3600
NONCE_PREFIX = "opinion-form-nonce:"


def ensure_intake(activity: Activity) -> Intake:
    """The activity's intake, made on first need with a fresh random form key."""
    intake = Intake.objects.filter(activity=activity).first()
    if intake is None:
        intake = Intake.objects.create(
            activity=activity, campaign_id=activity.plan.campaign_id,
            organization=school_top(activity.plan.organization),
            form_key=secrets.token_urlsafe(16)[:22])
    return intake


@dataclass(frozen=True)
class Given:
    """What a giver gets back: the opinion, and for an anonymous one the receipt code (the
    only time it exists outside the giver's hands)."""

    opinion: Opinion
    receipt: str = ""


# --- the one-time form nonce (a double click sends the form twice) ---------------------------

def new_form_nonce() -> str:
    """A random token for one form; the cache key is the token alone (nothing about who)."""
    nonce = secrets.token_urlsafe(24)
    cache.set(NONCE_PREFIX + nonce, 1, timeout=NONCE_SECONDS)
    return nonce


def use_form_nonce(nonce: str) -> bool:
    """Consume the nonce: True the first time, False when reused, unknown or expired.
    cache.delete reports whether the key was there, atomically (DEL in Redis)."""
    if not nonce or len(nonce) > 64 or not nonce.replace("-", "").replace("_", "").isalnum():
        return False
    return bool(cache.delete(NONCE_PREFIX + nonce))


# --- checks shared by every channel ------------------------------------------------------------

def _forbidden() -> OpinionError:
    return OpinionError(_("You are not allowed to do this here."), code="forbidden")


def accepting(intake: Intake) -> str:
    """Why the intake takes no opinions now ("" when it does)."""
    phase = intake.activity.phase
    if not intake.is_open or intake.campaign.state != Campaign.State.RUNNING:
        return _("This opinion intake is closed: it takes no new opinions.")
    if phase.state != Phase.State.OPEN and not _disclosed(intake):
        return _("Opinions are taken while the phase “%(phase)s” is open, and it is not open "
                 "now.") % {"phase": phase.name}
    return ""


def _disclosed(intake: Intake) -> bool:
    """After its phase, the intake stays open while the school's rectification is disclosed:
    the public comments on the published items through the same channels (phase 3)."""
    from vanguard.rectification.models import Disclosure

    return Disclosure.objects.filter(campaign_id=intake.campaign_id,
                                     organization_id=intake.organization_id,
                                     superseded_by__isnull=True).exists()


def _require_accepting(intake: Intake) -> None:
    reason = accepting(intake)
    if reason:
        raise OpinionError(reason, code="closed")


def date_window(intake: Intake) -> tuple[dt.date, dt.date]:
    """The days a staff-entered opinion may carry: from the phase's start (or the day it
    opened, if earlier) up to today."""
    phase = intake.activity.phase
    first = phase.starts_on
    if phase.opened_at is not None:
        first = min(first, clock.localdate_of(phase.opened_at))
    return first, clock.today()


def _check_date(intake: Intake, day: dt.date | None, *, what: str) -> dt.date:
    first, last = date_window(intake)
    if not isinstance(day, dt.date) or not first <= day <= last:
        raise OpinionError(_("The %(what)s must fall between %(first)s and %(last)s: the phase "
                             "up to today.") % {"what": what, "first": first, "last": last},
                           code="date")
    return day


def clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise OpinionError(_("Write the opinion: the text is empty."), code="empty")
    if len(text) > MAX_TEXT:
        raise OpinionError(_("The opinion is too long: at most %(max)d characters, and it has "
                             "%(n)d.") % {"max": MAX_TEXT, "n": len(text)}, code="too_long")
    return text


def _check_choices(category: str, source_group: str) -> None:
    if category not in Category.values:
        raise OpinionError(_("Choose a category from the list."), code="category")
    if source_group not in SourceGroup.values:
        raise OpinionError(_("Choose who is giving the opinion from the list."),
                           code="source_group")


def _prepared(intake: Intake, subject: str, category: str, text: str,
              source_group: str) -> tuple[ResolvedSubject, str]:
    _require_accepting(intake)
    _check_choices(category, source_group)
    text = clean_text(text)
    return resolve(subject, intake.organization), text


def _opinion(intake: Intake, resolved: ResolvedSubject, *, category, channel, source_group,
             text, received_on, **fields) -> Opinion:
    return Opinion.objects.create(
        intake=intake, campaign_id=intake.campaign_id, subject_kind=resolved.kind,
        subject_person=resolved.person, organization=resolved.organization,
        category=category, channel=channel, source_group=source_group, text=text,
        received_on=received_on, **fields)


def _audit_new(actor, opinion: Opinion, action: str) -> None:
    # Never the text: the audit log is read by the platform admin, not by the office.
    audit.record(actor=actor, action=action, target=opinion, changes={
        "channel": [None, opinion.channel], "status": [None, opinion.status],
        "anonymous": [None, opinion.anonymous], "on_paper": [None, opinion.on_paper]})


# --- the givers' own channels --------------------------------------------------------------------

def submit_opinion(*, actor, intake: Intake, subject: str, category: str, text: str,
                   source_group: str, anonymous: bool) -> Given:
    """The web form of a logged-in user. Named: the giver is kept for the office. Anonymous:
    nothing about the giver is kept, no audit entry; the receipt code is returned."""
    person = getattr(actor, "person", None) if getattr(actor, "is_authenticated", False) \
        else None
    if person is None or not actor.has_perm("opinions.give_opinion"):
        raise _forbidden()
    if person.school_id is None or person.school_id != intake.organization.school_id:
        raise OpinionError(_("You can give opinions only through your own school's intake."),
                           code="other_school")
    resolved, text = _prepared(intake, subject, category, text, source_group)
    if anonymous:
        code = receipts.new_code()
        digest = receipts.hash_code(code)  # slow: computed before the transaction opens
        with transaction.atomic():
            opinion = _opinion(intake, resolved, category=category, channel=Channel.WEB,
                               source_group=source_group, text=text,
                               received_on=clock.today(), anonymous=True, receipt_hash=digest)
        return Given(opinion, code)
    with transaction.atomic():
        opinion = _opinion(intake, resolved, category=category, channel=Channel.WEB,
                           source_group=source_group, text=text, received_on=clock.today(),
                           anonymous=False, giver=person, giver_name=person.name[:MAX_NAME])
        _audit_new(actor, opinion, "opinions.opinion.given")
    return Given(opinion)


def submit_public_opinion(*, intake: Intake, subject: str, category: str, text: str,
                          source_group: str) -> Given:
    """The public opinion form (no login): always anonymous, never audited; a flood guard
    counts the school's form, not the sender."""
    if not hit(f"opinion-form:{intake.form_key}", limit=settings.OPINION_FORM_LIMIT,
               seconds=FORM_WINDOW_SECONDS):
        raise OpinionError(_("This form is receiving too many opinions right now. Wait a few "
                             "minutes and send yours again."), code="busy")
    resolved, text = _prepared(intake, subject, category, text, source_group)
    code = receipts.new_code()
    digest = receipts.hash_code(code)
    with transaction.atomic():
        opinion = _opinion(intake, resolved, category=category, channel=Channel.FORM,
                           source_group=source_group, text=text, received_on=clock.today(),
                           anonymous=True, receipt_hash=digest)
    return Given(opinion, code)


# --- what staff type in -------------------------------------------------------------------------

def secretary_branches(actor, intake: Intake) -> list[Organization]:
    """The branches of the intake's school where the actor is secretary."""
    top = intake.organization
    return [r.organization for r in scope.roles_of(actor)
            if r.kind == Role.Kind.SECRETARY and r.organization is not None
            and r.organization.path.startswith(top.path)]


def can_enter(actor, intake: Intake) -> bool:
    """The office (or the admin) of the intake, or a secretary of one of its branches."""
    return actor.has_perm("opinions.enter_opinion", intake) or bool(
        secretary_branches(actor, intake))


def _clean_giver(anonymous: bool, giver_name: str) -> str:
    giver_name = (giver_name or "").strip()
    if anonymous and giver_name:
        raise OpinionError(_("An anonymous opinion has no name: clear the name, or untick "
                             "“anonymous”."), code="giver_name")
    if not anonymous and not giver_name:
        raise OpinionError(_("Write the giver's name, or tick “anonymous”."), code="giver_name")
    if len(giver_name) > MAX_NAME:
        raise OpinionError(_("The name may be at most %(max)d characters.") % {"max": MAX_NAME},
                           code="giver_name")
    return giver_name


def _check_symposium(actor, intake: Intake, channel: str, symposium: Symposium | None,
                     received_on) -> dt.date | None:
    if channel == Channel.SYMPOSIUM:
        if symposium is None or symposium.intake_id != intake.pk:
            raise OpinionError(_("Choose the symposium at which this was said (record the "
                                 "symposium first)."), code="symposium")
        if not actor.has_perm("opinions.enter_opinion", symposium.organization):
            raise _forbidden()
        return symposium.held_on  # what was said there is dated by the meeting
    if symposium is not None:
        raise OpinionError(_("Only opinions from a symposium are entered under one."),
                           code="symposium")
    return received_on


@transaction.atomic
def enter_opinion(*, actor, intake: Intake, channel: str, subject: str, category: str,
                  text: str, source_group: str, received_on: dt.date | None,
                  anonymous: bool = True, giver_name: str = "",
                  symposium: Symposium | None = None) -> Opinion:
    """An opinion typed in by staff from paper, a call, a talk or a symposium. Marked as
    typed in; when the office asks for a second check it counts only once confirmed.
    Under a symposium, the date is the symposium's."""
    if not can_enter(actor, intake):
        raise _forbidden()
    if channel not in STAFF_CHANNELS:
        raise OpinionError(_("Choose the channel from the list."), code="channel")
    received_on = _check_symposium(actor, intake, channel, symposium, received_on)
    resolved, text = _prepared(intake, subject, category, text, source_group)
    received_on = _check_date(intake, received_on, what=_("date received"))
    giver_name = _clean_giver(anonymous, giver_name)
    status = Opinion.Status.UNCONFIRMED if intake.second_check else Opinion.Status.RECEIVED
    opinion = _opinion(intake, resolved, category=category, channel=channel,
                       source_group=source_group, text=text, received_on=received_on,
                       anonymous=anonymous, giver_name=giver_name, symposium=symposium,
                       on_paper=True, entered_by=actor, status=status)
    _audit_new(actor, opinion, "opinions.opinion.entered")
    return opinion


@transaction.atomic
def confirm_opinion(*, actor, opinion: Opinion) -> Opinion:
    """The second person's check of a typed-in opinion: from then on it counts."""
    opinion = Opinion.objects.select_for_update(of=("self",)).select_related(
        "intake__organization").get(pk=opinion.pk)
    if not actor.has_perm("opinions.manage_intake", opinion.intake):
        raise _forbidden()
    if opinion.status != Opinion.Status.UNCONFIRMED:
        raise OpinionError(_("This opinion has already been confirmed."),
                           code="already_confirmed")
    if opinion.entered_by_id == actor.pk:
        raise OpinionError(_("You typed this opinion in, so you cannot also confirm it: another "
                             "person in the office must check it."), code="same_person")
    opinion.status, opinion.confirmed_by = Opinion.Status.RECEIVED, actor
    opinion.save(update_fields=["status", "confirmed_by"])
    audit.record(actor=actor, action="opinions.opinion.confirmed", target=opinion,
                 changes={"status": [Opinion.Status.UNCONFIRMED, Opinion.Status.RECEIVED]})
    return opinion


# --- symposia and the office's settings ---------------------------------------------------------

def _clean_attendance(attendance, attendees: str) -> str:
    if not isinstance(attendance, int) or not 1 <= attendance <= MAX_ATTENDANCE:
        raise OpinionError(_("Give the number attending (1 to %(max)d).")
                           % {"max": MAX_ATTENDANCE}, code="attendance")
    attendees = (attendees or "").strip()
    if not attendees or len(attendees) > MAX_ATTENDEES:
        raise OpinionError(_("Say who attended, as groups and numbers (at most %(max)d "
                             "characters).") % {"max": MAX_ATTENDEES}, code="attendees")
    return attendees


@transaction.atomic
def record_symposium(*, actor, intake: Intake, organization: Organization, held_on: dt.date,
                     attendance: int, attendees: str) -> Symposium:
    """A symposium held by the school (the office) or by one branch (its secretary)."""
    if organization is None or not organization.path.startswith(intake.organization.path):
        raise OpinionError(_("Choose an organization of this school."), code="organization")
    if organization.pk != intake.organization_id and \
            organization.kind != Organization.Kind.BRANCH:
        raise OpinionError(_("A symposium is held by the school or by one of its branches."),
                           code="organization")
    if not actor.has_perm("opinions.enter_opinion", organization):
        raise _forbidden()
    _require_accepting(intake)
    held_on = _check_date(intake, held_on, what=_("symposium's date"))
    attendees = _clean_attendance(attendance, attendees)
    symposium = Symposium.objects.create(intake=intake, organization=organization,
                                         held_on=held_on, attendance=attendance,
                                         attendees=attendees, recorded_by=actor)
    audit.record(actor=actor, action="opinions.symposium.recorded", target=symposium,
                 changes={"held_on": [None, str(held_on)], "attendance": [None, attendance],
                          "organization": [None, str(organization.pk)]})
    return symposium


def _set_flag(actor, intake: Intake, field: str, value: bool, action: str) -> Intake:
    if not actor.has_perm("opinions.manage_intake", intake):
        raise _forbidden()
    locked = Intake.objects.select_for_update(of=("self",)).get(pk=intake.pk)
    before = getattr(locked, field)
    if before != bool(value):
        setattr(locked, field, bool(value))
        locked.save(update_fields=[field, "updated_at"])
        audit.record(actor=actor, action=action, target=locked,
                     changes={field: [before, bool(value)]})
    setattr(intake, field, bool(value))  # the caller's copy follows
    return locked


@transaction.atomic
def set_second_check(*, actor, intake: Intake, on: bool) -> Intake:
    """Whether typed-in opinions wait for a second person's check before they count. Turning
    it off does not confirm what is already waiting."""
    return _set_flag(actor, intake, "second_check", on, "opinions.intake.second_check_set")


@transaction.atomic
def set_intake_open(*, actor, intake: Intake, is_open: bool) -> Intake:
    return _set_flag(actor, intake, "is_open", is_open, "opinions.intake.open_set")
