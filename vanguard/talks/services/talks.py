"""Writes of talks (谈心): recording one (by a party, or for a party by whoever runs their
unit), confirming it (the other party only), withdrawing an unconfirmed one, and the
office's refresh of the required pairs after roster changes.

Each write moves the pair's state (missing → waiting → done) and the parties' `talks.talks`
tasks (through the roll-up) in the same transaction, and leaves one audit entry.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Activity, Campaign, Phase
from vanguard.core import clock
from vanguard.people.models import Leader, Member, Organization, Person
from vanguard.talks.activities import TALKS_KIND
from vanguard.talks.errors import TalkError
from vanguard.talks.models import MAX_PLACE, MAX_SUMMARY, Rule, Talk, TalkPair
from vanguard.talks.services import pairs


def _text(value: str, *, limit: int, empty: str, long: str, code: str) -> str:
    value = (value or "").strip()
    if not value:
        raise TalkError(empty, code=f"{code}_empty")
    if len(value) > limit:
        raise TalkError(long % {"n": limit}, code=f"{code}_long")
    return value


def home_organization(person: Person) -> Organization | None:
    """Where a person belongs in the tree: a member's branch, else their school's highest
    organization (a department head or a teacher who is not a member)."""
    member = Member.objects.filter(person=person).select_related("organization").first()
    if member is not None:
        return member.organization
    if person.school_id is None:
        return None
    return Organization.objects.filter(school_id=person.school_id).order_by("depth", "path") \
        .first()


def talks_activity(campaign: Campaign, organization: Organization) -> Activity | None:
    """The talks step of the plan `organization` follows (the deepest plan above it)."""
    step = Organization.steplen
    paths = [organization.path[:end] for end in range(step, len(organization.path) + 1, step)]
    return (Activity.objects.filter(plan__campaign=campaign, kind=TALKS_KIND,
                                    plan__organization__path__in=paths)
            .select_related("phase", "plan__organization")
            .order_by("-plan__organization__depth").first())


def talk_window(activity: Activity) -> tuple[dt.date, dt.date]:
    """The days a talk may be dated: the step's phase, up to today. A phase the office
    opened ahead of its date (the one before closed early) runs from the day it opened."""
    phase = activity.phase
    first = phase.starts_on
    if phase.opened_at is not None:
        first = min(first, clock.localdate_of(phase.opened_at))
    return first, min(phase.ends_on, clock.today())


def _recommended_rule(campaign: Campaign, one: Person, other: Person) -> str:
    """The plan's recommended kind of talk for two people not in a required pair."""
    ids = {one.pk, other.pk}
    if Leader.objects.filter(person_id__in=ids, is_principal=True,
                             team__school_id=one.school_id).exists():
        return Rule.PRINCIPAL_OTHERS
    members = Member.objects.filter(person_id__in=ids).count()
    if members == 2:
        return Rule.MEMBER_MEMBER
    if members == 1:
        return Rule.MEMBER_OTHERS
    raise TalkError(_("The plan's talks are with a member or the principal leader: a talk "
                      "between two people who are neither is not recorded here."),
                    code="not_a_talk")


def _party(actor, on_behalf_of: Person | None) -> Person:
    """The party the talk is recorded for: the actor's own person, or someone whose unit
    the actor runs."""
    own = getattr(getattr(actor, "person", None), "pk", None)
    if on_behalf_of is None or on_behalf_of.pk == own:
        person = getattr(actor, "person", None) if actor.is_authenticated else None
        if person is None or not actor.has_perm("talks.record_talk"):
            raise TalkError(_("Your account has no person: record the talk for one of the "
                              "two people instead."), code="no_person")
        return person
    home = home_organization(on_behalf_of)
    if home is None or not actor.has_perm("talks.record_talk", home) \
            or not actor.has_perm("talks.record_for", home):
        raise TalkError(_("%(name)s is not in a unit you run: you cannot record a talk for "
                          "them.") % {"name": on_behalf_of.name}, code="out_of_scope")
    return on_behalf_of


def _check_partner(party: Person, partner: Person) -> None:
    if partner.pk == party.pk:
        raise TalkError(_("Choose the person the talk was with, not the same person."),
                        code="same_person")
    if party.school_id is None or partner.school_id != party.school_id:
        raise TalkError(_("%(name)s is not in the same school: talks are between people of "
                          "one school.") % {"name": partner.name}, code="partner_school")


def _check_date(held_on, activity: Activity) -> None:
    if not isinstance(held_on, dt.date):
        raise TalkError(_("Give the date of the talk."), code="date_missing")
    if held_on > clock.today():
        raise TalkError(_("The talk cannot be dated in the future."), code="future")
    first, last = talk_window(activity)
    if not first <= held_on <= last:
        raise TalkError(_("The talk must be dated inside the phase %(phase)s (%(first)s to "
                          "%(last)s).") % {"phase": activity.phase.name, "first": first,
                                          "last": activity.phase.ends_on},
                        code="outside_phase")


def _talks_step(campaign: Campaign, organization: Organization | None) -> Activity:
    if campaign.state != Campaign.State.RUNNING:
        raise TalkError(_("The campaign is closed."), code="campaign_closed")
    activity = talks_activity(campaign, organization) if organization else None
    if activity is None:
        raise TalkError(_("This campaign has no talks step for this unit."), code="no_step")
    if activity.phase.state != Phase.State.OPEN:
        raise TalkError(_("The phase of the talks (%(phase)s) is not open: talks are "
                          "recorded while it runs.") % {"phase": activity.phase.name},
                        code="phase_not_open")
    return activity


def _check_not_twice(campaign: Campaign, a: int, b: int, held_on) -> None:
    same = Talk.objects.filter(campaign=campaign, person_a_id=a, person_b_id=b)
    if same.filter(confirmed_at__isnull=True).exists():
        raise TalkError(_("A talk between these two is already waiting for confirmation."),
                        code="waiting")
    if same.filter(held_on=held_on).exists():
        raise TalkError(_("This talk is already recorded."), code="duplicate")


def _move_pair(talk: Talk) -> TalkPair | None:
    """The required pair follows its best talk: waiting, or done once confirmed."""
    pair = TalkPair.objects.select_for_update().filter(
        campaign_id=talk.campaign_id, person_a_id=talk.person_a_id,
        person_b_id=talk.person_b_id).first()
    if pair is None or pair.state == TalkPair.State.DONE:
        return pair
    pair.talk, pair.state = talk, pairs.state_of(talk)
    pair.save(update_fields=["talk", "state"])
    return pair


@transaction.atomic
def record_talk(*, actor, campaign: Campaign, partner: Person, held_on, place: str,
                summary: str, problem_settled: bool = False,
                on_behalf_of: Person | None = None) -> Talk:
    """A talk between the actor (or `on_behalf_of`) and `partner`. It counts once the
    partner confirms it, or at once when the partner has no account to confirm with."""
    party = _party(actor, on_behalf_of)
    _check_partner(party, partner)
    place = _text(place, limit=MAX_PLACE, code="place", empty=_("Give the place of the talk."),
                  long=_("The place may be at most %(n)d characters."))
    summary = _text(summary, limit=MAX_SUMMARY, code="summary",
                    empty=_("Write a short summary of the talk."),
                    long=_("The summary may be at most %(n)d characters."))
    a, b = sorted((party.pk, partner.pk))
    pair = TalkPair.objects.filter(campaign=campaign, person_a_id=a, person_b_id=b) \
        .select_related("organization").first()
    organization = pair.organization if pair else home_organization(party)
    activity = _talks_step(campaign, organization)
    _check_date(held_on, activity)
    rule = pair.rule if pair else _recommended_rule(campaign, party, partner)
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()  # one at a time
    _check_not_twice(campaign, a, b, held_on)
    talk = Talk.objects.create(
        campaign=campaign, organization=organization, person_a_id=a, person_b_id=b,
        rule=rule, held_on=held_on, place=place, summary=summary,
        problem_settled=bool(problem_settled), recorded_by=party, entered_by=actor,
        confirmed_at=None if partner.user_id else clock.now())
    _move_pair(talk)
    pairs.sync_tasks(campaign.pk, (a, b))
    audit.record(actor=actor, action="talks.talk.recorded", target=talk, changes={
        "pair": [None, f"{a}-{b}"], "rule": [None, rule], "held_on": [None, str(held_on)],
        "recorded_for": [None, party.pk], "confirmed": [None, talk.confirmed_at is not None]})
    return talk


def _locked(talk: Talk) -> Talk:
    return Talk.objects.select_for_update(of=("self",)).select_related(
        "campaign", "recorded_by").get(pk=talk.pk)


@transaction.atomic
def confirm_talk(*, actor, talk: Talk) -> Talk:
    """The other party confirms: the pair is done from now on."""
    if not actor.has_perm("talks.record_talk"):
        raise TalkError(_("You are not allowed to do this here."), code="forbidden")
    talk = _locked(talk)
    me = getattr(getattr(actor, "person", None), "pk", None)
    if me not in (talk.person_a_id, talk.person_b_id):
        raise TalkError(_("Only the other party of the talk can confirm it."), code="not_party")
    if talk.confirmed_at is not None:
        raise TalkError(_("This talk is already confirmed."), code="already_confirmed")
    # Whoever typed the talk in (for themselves, or "for" someone whose partner they are)
    # cannot be the one who confirms it: the confirmation is the other person's word.
    if me == talk.recorded_by_id or talk.entered_by_id == actor.pk:
        raise TalkError(_("You recorded this talk: the other party confirms it."),
                        code="own_talk")
    if talk.campaign.state != Campaign.State.RUNNING:
        raise TalkError(_("The campaign is closed."), code="campaign_closed")
    talk.confirmed_at = clock.now()
    talk.save(update_fields=["confirmed_at", "updated_at"])
    _move_pair(talk)
    pairs.sync_tasks(talk.campaign_id, (talk.person_a_id, talk.person_b_id))
    audit.record(actor=actor, action="talks.talk.confirmed", target=talk,
                 changes={"confirmed_at": [None, str(talk.confirmed_at)]})
    return talk


def may_withdraw(user, talk: Talk) -> bool:
    """The recorder, or whoever entered it for them, until the other party confirms."""
    if talk.confirmed_at is not None or not getattr(user, "is_authenticated", False):
        return False
    own = getattr(getattr(user, "person", None), "pk", None)
    return own == talk.recorded_by_id or talk.entered_by_id == user.pk


@transaction.atomic
def withdraw_talk(*, actor, talk: Talk) -> None:
    """Take back an unconfirmed talk (a wrong partner or date): the pair is missing again."""
    talk = _locked(talk)
    if talk.confirmed_at is not None:
        raise TalkError(_("This talk is confirmed and can no longer be withdrawn."),
                        code="confirmed")
    if not may_withdraw(actor, talk):
        raise TalkError(_("Only whoever recorded the talk can withdraw it."), code="not_recorder")
    TalkPair.objects.filter(talk=talk).update(talk=None, state=TalkPair.State.MISSING)
    audit.record(actor=actor, action="talks.talk.withdrawn", target=talk, changes={
        "pair": [f"{talk.person_a_id}-{talk.person_b_id}", None],
        "held_on": [str(talk.held_on), None]})
    people = (talk.person_a_id, talk.person_b_id)
    talk.delete()
    pairs.sync_tasks(talk.campaign_id, people)


@transaction.atomic
def refresh_talk_pairs(*, actor, activity: Activity) -> dict[str, int]:
    """The office's refresh after roster changes: new pairs appear, pairs no longer
    required go unless a talk covers them, and the tasks follow."""
    activity = Activity.objects.select_related("plan__organization", "plan__campaign",
                                               "phase").get(pk=activity.pk)
    if not actor.has_perm("talks.refresh_pairs", activity.plan.organization):
        raise TalkError(_("You are not allowed to do this here."), code="forbidden")
    if activity.kind != TALKS_KIND:
        raise TalkError(_("This step is not the talks step."), code="wrong_kind")
    if activity.plan.campaign.state != Campaign.State.RUNNING:
        raise TalkError(_("The campaign is closed."), code="campaign_closed")
    before = TalkPair.objects.filter(activity=activity).count()
    tasks = pairs.refresh_pairs(activity)
    after = TalkPair.objects.filter(activity=activity).count()
    audit.record(actor=actor, action="talks.pairs.refreshed", target=activity,
                 changes={"pairs": [before, after], "tasks_added": [None, tasks]})
    return {"before": before, "after": after, "tasks": tasks}
