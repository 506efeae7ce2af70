"""Supervision groups (督导组): sending, changing and recalling a group, the supervisor roles
that follow from it, its visits, findings (answered by the school, closed by the group) and
good practices shared with every school.

A group is *at work* while it is not recalled (`closed_at`) and its period has not ended.
While at work each member's account holds Role "supervisor" at the top organization of each
covered school, with source "supervision:<group id>"; changes, recall and the end of the
period take back only roles of that source (a hand-granted role is never touched). The daily
task `vanguard.oversight.tasks.end_supervision_periods` recalls groups whose period is over.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.access.models import Role
from vanguard.campaigns.models import Campaign, Plan
from vanguard.core import clock
from vanguard.core.errors import VanguardError
from vanguard.oversight.models import SupervisionGroup
from vanguard.people.models import Organization, Person, School

SOURCE = "supervision:"
MAX_NAME = 100
MAX_TEXT = 4000
MAX_PURPOSE = 2000
MAX_NOTES = 8000
MAX_CLOSING_NOTE = 2000
MAX_TITLE = 120
MAX_PRACTICE = 8000
# A group's period: at most this long, ending at the latest this many days after the campaign
# (the plan's consolidation period, 巩固整改成果, when the template does not give its own).
MAX_PERIOD_DAYS = 366
DEFAULT_AFTER_CAMPAIGN_DAYS = 90


class SupervisionError(VanguardError):
    """Bad input or a refused action on a supervision group; nothing has been written."""


def source_of(group: SupervisionGroup) -> str:
    return f"{SOURCE}{group.pk}"


def is_at_work(group: SupervisionGroup, today: dt.date | None = None) -> bool:
    return group.closed_at is None and group.ends_on >= (today or clock.today())


def _require(actor, perm: str, obj, message: str) -> None:
    if not actor.has_perm(perm, obj):
        raise SupervisionError(message, code="forbidden")


def _text(value: str, label: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise SupervisionError(_("Fill in %(field)s.") % {"field": label}, code="empty")
    if len(value) > limit:
        raise SupervisionError(_("%(field)s may be at most %(max)d characters.")
                               % {"field": label, "max": limit}, code="too_long")
    return value


def top_organizations(school_ids) -> dict[int, Organization]:
    """{school id: the school's own top organization (its committee)}: one query."""
    tops: dict[int, Organization] = {}
    for org in Organization.objects.filter(school_id__in=list(school_ids)).order_by(
            "school_id", "depth", "path"):
        tops.setdefault(org.school_id, org)
    return tops


# --- the group -------------------------------------------------------------------------------

def _check_period(campaign: Campaign, starts_on, ends_on) -> None:
    if starts_on is None or ends_on is None:
        raise SupervisionError(_("Give the first and the last day of the group's period."),
                               code="period")
    if ends_on < starts_on:
        raise SupervisionError(_("The period must end on or after the day it starts."),
                               code="period")
    if ends_on < clock.today():
        raise SupervisionError(_("The period has already ended: choose a last day from today "
                                 "on."), code="period")
    if starts_on < campaign.starts_on:
        raise SupervisionError(_("The period cannot start before the campaign (%(day)s).")
                               % {"day": campaign.starts_on}, code="period")
    after = (campaign.figures or {}).get("consolidation_days", DEFAULT_AFTER_CAMPAIGN_DAYS)
    try:
        after = max(0, int(after))
    except (TypeError, ValueError):
        after = DEFAULT_AFTER_CAMPAIGN_DAYS
    latest = campaign.ends_on + dt.timedelta(days=after)
    if ends_on > latest:
        raise SupervisionError(_("The period must end by %(day)s (the end of the campaign and "
                                 "its consolidation period).") % {"day": latest}, code="period")
    if (ends_on - starts_on).days >= MAX_PERIOD_DAYS:
        raise SupervisionError(_("A group is sent for at most a year."), code="period")


def _check_schools(campaign: Campaign, organization: Organization, schools) -> list[School]:
    schools = list({s.pk: s for s in schools}.values())
    if not schools:
        raise SupervisionError(_("Choose at least one school for the group."), code="schools")
    tops = top_organizations(s.pk for s in schools)
    in_campaign = set(Plan.objects.filter(campaign=campaign, organization__school__in=schools)
                      .values_list("organization__school_id", flat=True))
    for school in schools:
        top = tops.get(school.pk)
        if top is None or not top.path.startswith(organization.path) or top == organization:
            raise SupervisionError(_("%(school)s is not below %(org)s: a group covers only "
                                     "schools of the level that sends it.")
                                   % {"school": school.name, "org": organization.name},
                                   code="school_outside")
        if school.pk not in in_campaign:
            raise SupervisionError(_("%(school)s has no plan in this campaign.")
                                   % {"school": school.name}, code="school_not_in_campaign")
    return schools


def _check_members(organization: Organization, members, leader) -> list[Person]:
    members = list({p.pk: p for p in [*members, *([leader] if leader else [])]}.values())
    if not members:
        raise SupervisionError(_("Choose at least one member for the group."), code="members")
    for person in members:
        if person.user_id is None:
            raise SupervisionError(_("%(name)s has no account: only people who can sign in can "
                                     "be members of a group.") % {"name": person.name},
                                   code="member_no_account")
    return members


def _check_sender(actor, campaign: Campaign, organization: Organization) -> None:
    _require(actor, "oversight.send_supervision_group", organization,
             _("Only the office of the sending organization sends or changes its groups."))
    if not organization.path.startswith(campaign.organization.path):
        raise SupervisionError(_("%(org)s does not take part in this campaign.")
                               % {"org": organization.name}, code="sender_outside")


@transaction.atomic
def send_group(*, actor, campaign: Campaign, organization: Organization, name: str,
               members, schools, starts_on, ends_on, leader: Person | None = None
               ) -> SupervisionGroup:
    """Send a group from `organization` to `schools` for a period; its members get the
    supervisor role at each school while it is at work."""
    _check_sender(actor, campaign, organization)
    name = _text(name, _("the group's name"), MAX_NAME)
    _check_period(campaign, starts_on, ends_on)
    schools = _check_schools(campaign, organization, schools)
    members = _check_members(organization, members, leader)
    group = SupervisionGroup.objects.create(
        campaign=campaign, organization=organization, name=name, leader=leader,
        starts_on=starts_on, ends_on=ends_on)
    group.members.set(members)
    group.schools.set(schools)
    granted, taken = sync_roles_for_users({p.user_id for p in members})
    audit.record(actor=actor, action="oversight.supervision_group.sent", target=group, changes={
        "name": [None, name], "organization": [None, organization.code],
        "members": [None, sorted(p.pk for p in members)],
        "schools": [None, sorted(s.code for s in schools)],
        "starts_on": [None, str(starts_on)], "ends_on": [None, str(ends_on)],
        "leader": [None, leader.pk if leader else None],
        "roles_granted": [None, granted], "roles_taken_back": [None, taken]})
    return group


def _locked(group: SupervisionGroup) -> SupervisionGroup:
    return SupervisionGroup.objects.select_for_update(of=("self",)).select_related(
        "campaign", "organization").get(pk=group.pk)


@transaction.atomic
def change_group(*, actor, group: SupervisionGroup, name: str, members, schools, starts_on,
                 ends_on, leader: Person | None = None) -> SupervisionGroup:
    """Change a group's name, members, schools or period; roles follow."""
    group = _locked(group)
    _check_sender(actor, group.campaign, group.organization)
    if group.closed_at is not None:
        raise SupervisionError(_("This group has been recalled; send a new group instead."),
                               code="recalled")
    name = _text(name, _("the group's name"), MAX_NAME)
    if (starts_on, ends_on) != (group.starts_on, group.ends_on):
        _check_period(group.campaign, starts_on, ends_on)
    schools = _check_schools(group.campaign, group.organization, schools)
    members = _check_members(group.organization, members, leader)
    old_members = {p.pk: p.user_id for p in group.members.all()}
    old_schools = sorted(group.schools.values_list("code", flat=True))
    before = {"name": group.name, "starts_on": str(group.starts_on),
              "ends_on": str(group.ends_on), "leader": group.leader_id}
    group.name, group.leader, group.starts_on, group.ends_on = name, leader, starts_on, ends_on
    group.save(update_fields=["name", "leader", "starts_on", "ends_on", "updated_at"])
    group.members.set(members)
    group.schools.set(schools)
    users = {u for u in old_members.values() if u} | {p.user_id for p in members}
    granted, taken = sync_roles_for_users(users)
    changes = audit.field_diff(before, {"name": name, "starts_on": str(starts_on),
                                        "ends_on": str(ends_on),
                                        "leader": leader.pk if leader else None})
    new_members = sorted(p.pk for p in members)
    if sorted(old_members) != new_members:
        changes["members"] = [sorted(old_members), new_members]
    new_schools = sorted(s.code for s in schools)
    if old_schools != new_schools:
        changes["schools"] = [old_schools, new_schools]
    changes["roles_granted"], changes["roles_taken_back"] = [None, granted], [None, taken]
    audit.record(actor=actor, action="oversight.supervision_group.changed", target=group,
                 changes=changes)
    return group


@transaction.atomic
def recall_group(*, actor, group: SupervisionGroup) -> SupervisionGroup:
    """Recall the group: its members lose the roles it gave them (and only those)."""
    group = _locked(group)
    _check_sender(actor, group.campaign, group.organization)
    if group.closed_at is not None:
        raise SupervisionError(_("This group has already been recalled."), code="recalled")
    return _end(group, actor=actor, action="oversight.supervision_group.recalled")


def _end(group: SupervisionGroup, *, actor, action: str) -> SupervisionGroup:
    group.closed_at = clock.now()
    group.save(update_fields=["closed_at", "updated_at"])
    granted, taken = sync_roles_for_users(set(group.members.exclude(user=None)
                                              .values_list("user_id", flat=True)))
    audit.record(actor=actor, action=action, target=group, changes={
        "closed_at": [None, str(group.closed_at)], "roles_taken_back": [None, taken],
        "roles_granted": [None, granted]})
    return group


def end_past_periods(today: dt.date | None = None) -> int:
    """Recall every group whose period ended before `today` (the daily task): each in its own
    transaction, audited as done by the system."""
    today = today or clock.today()
    ended = 0
    for pk in SupervisionGroup.objects.filter(closed_at__isnull=True, ends_on__lt=today) \
            .values_list("pk", flat=True):
        with transaction.atomic():
            group = SupervisionGroup.objects.select_for_update().filter(
                pk=pk, closed_at__isnull=True).first()
            if group is not None:
                _end(group, actor=None, action="oversight.supervision_group.period_ended")
                ended += 1
    return ended


def sync_roles_for_users(user_ids, today: dt.date | None = None) -> tuple[int, int]:
    """Make the supervision roles of these users match the groups at work: (granted, taken
    back). A (user, school) pair wanted by several groups keeps one role, whose source is one
    of them; a role granted by hand or by a leading group is never changed or removed, and
    never duplicated (Role is unique per user, kind and organization)."""
    user_ids = {u for u in user_ids if u}
    if not user_ids:
        return 0, 0
    today = today or clock.today()
    groups = (SupervisionGroup.objects.filter(closed_at__isnull=True, ends_on__gte=today,
                                              members__user_id__in=user_ids)
              .distinct().prefetch_related("members", "schools"))
    wanted_pairs: dict[tuple[int, int], set[str]] = {}
    school_ids = set()
    per_group = []
    for group in groups:
        ids = [s.pk for s in group.schools.all()]
        school_ids.update(ids)
        users = [p.user_id for p in group.members.all() if p.user_id in user_ids]
        per_group.append((source_of(group), ids, users))
    tops = top_organizations(school_ids)
    for source, ids, users in per_group:
        for user_id in users:
            for school_id in ids:
                if school_id in tops:
                    wanted_pairs.setdefault((user_id, tops[school_id].pk), set()).add(source)
    existing = {(r.user_id, r.organization_id): r for r in Role.objects.filter(
        user_id__in=user_ids, kind=Role.Kind.SUPERVISOR)}
    taken = 0
    for key, role in existing.items():
        if not role.source.startswith(SOURCE):
            continue  # granted by hand or by another record: not ours to touch
        sources = wanted_pairs.get(key)
        if not sources:
            role.delete()
            taken += 1
        elif role.source not in sources:
            role.source = min(sources)
            role.save(update_fields=["source"])
    new = [Role(user_id=user_id, organization_id=org_id, kind=Role.Kind.SUPERVISOR,
                source=min(sources))
           for (user_id, org_id), sources in wanted_pairs.items()
           if (user_id, org_id) not in existing]
    Role.objects.bulk_create(new)
    return len(new), taken
