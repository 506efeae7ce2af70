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

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.access.models import Role
from vanguard.campaigns.models import Campaign, Notification, Plan
from vanguard.core import clock
from vanguard.core.errors import VanguardError
from vanguard.oversight.models import Finding, GoodPractice, SupervisionGroup, Visit
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


# --- visits ----------------------------------------------------------------------------------

def _working(actor, group: SupervisionGroup) -> None:
    _require(actor, "oversight.record_finding", group,
             _("Only a member of this group, while it is at work, records its visits, findings "
               "and good practices."))
    if group.ends_on < clock.today():
        raise SupervisionError(_("The group's period has ended: nothing more can be recorded "
                                 "for it."), code="period_ended")


def _covered(group: SupervisionGroup, school: School | None) -> School:
    if school is None or not group.schools.filter(pk=school.pk).exists():
        raise SupervisionError(_("%(school)s is not one of the schools this group covers: "
                                 "nothing was recorded.")
                               % {"school": getattr(school, "name", _("This school"))},
                               code="school_outside_group")
    return school


@transaction.atomic
def plan_visit(*, actor, group: SupervisionGroup, school: School, planned_on: dt.date,
               purpose: str) -> Visit:
    _working(actor, group)
    _covered(group, school)
    purpose = _text(purpose, _("the purpose"), MAX_PURPOSE)
    if planned_on is None or not group.starts_on <= planned_on <= group.ends_on:
        raise SupervisionError(_("Plan the visit inside the group's period (%(start)s to "
                                 "%(end)s).") % {"start": group.starts_on, "end": group.ends_on},
                               code="visit_date")
    visit = Visit.objects.create(group=group, school=school, planned_on=planned_on,
                                 purpose=purpose)
    audit.record(actor=actor, action="oversight.visit.planned", target=visit, changes={
        "school": [None, school.code], "planned_on": [None, str(planned_on)]})
    return visit


@transaction.atomic
def mark_visit_held(*, actor, visit: Visit, held_on: dt.date, notes: str) -> Visit:
    visit = Visit.objects.select_for_update(of=("self",)).select_related("group").get(
        pk=visit.pk)
    _working(actor, visit.group)
    notes = _text(notes, _("the notes"), MAX_NOTES, required=False)
    if held_on is None or held_on > clock.today():
        raise SupervisionError(_("A visit is marked held on a day that has come."),
                               code="visit_date")
    if held_on < visit.group.starts_on:
        raise SupervisionError(_("The visit cannot have been held before the group's period."),
                               code="visit_date")
    before = {"held_on": str(visit.held_on) if visit.held_on else None, "notes": visit.notes}
    visit.held_on, visit.notes = held_on, notes
    visit.save(update_fields=["held_on", "notes", "updated_at"])
    audit.record(actor=actor, action="oversight.visit.held", target=visit,
                 changes=audit.field_diff(before, {"held_on": str(held_on), "notes": notes}))
    return visit


# --- findings --------------------------------------------------------------------------------

def school_office_people(school_ids):
    """People (with an account) holding the office role at an organization of these schools."""
    return Person.objects.filter(user__roles__kind=Role.Kind.OFFICE,
                                 user__roles__organization__school_id__in=list(school_ids)
                                 ).distinct()


def _notify_offices(school_ids, text: str, url: str, key: str) -> None:
    def send():
        Notification.objects.bulk_create(
            [Notification(person=p, text=text[:300], url=url, key=key)
             for p in school_office_people(school_ids)], ignore_conflicts=True)

    transaction.on_commit(send)


@transaction.atomic
def record_finding(*, actor, group: SupervisionGroup, school: School, problem: str,
                   severity: str, recommendation: str, due_on: dt.date,
                   visit: Visit | None = None) -> Finding:
    """A problem found at a school the group covers; the school's office hears of it."""
    _working(actor, group)
    _covered(group, school)
    problem = _text(problem, _("the problem"), MAX_TEXT)
    recommendation = _text(recommendation, _("the recommendation"), MAX_TEXT)
    if severity not in Finding.Severity.values:
        raise SupervisionError(_("Choose the severity."), code="severity")
    if due_on is None or due_on < clock.today():
        raise SupervisionError(_("The answer's due date must be today or later."),
                               code="due_on")
    if visit is not None and (visit.group_id != group.pk or visit.school_id != school.pk):
        raise SupervisionError(_("That visit is not this group's visit to this school."),
                               code="visit")
    finding = Finding.objects.create(group=group, school=school, visit=visit, problem=problem,
                                     severity=severity, recommendation=recommendation,
                                     due_on=due_on, recorded_by=actor)
    audit.record(actor=actor, action="oversight.finding.recorded", target=finding, changes={
        "school": [None, school.code], "severity": [None, severity],
        "due_on": [None, str(due_on)], "visit": [None, visit.pk if visit else None]})
    with translation.override(settings.LANGUAGE_CODE):
        text = _("The supervision group %(group)s recorded a finding at %(school)s: answer it "
                 "by %(day)s.") % {"group": group.name, "school": school.name, "day": due_on}
    _notify_offices([school.pk], text, reverse("oversight:supervision_finding",
                                               args=[finding.pk]), f"finding:{finding.pk}")
    return finding


def _locked_finding(finding: Finding) -> Finding:
    return Finding.objects.select_for_update(of=("self",)).select_related(
        "group", "school").get(pk=finding.pk)


@transaction.atomic
def answer_finding(*, actor, finding: Finding, answer: str) -> Finding:
    """The school's office or secretary answers (again, until the group closes it)."""
    finding = _locked_finding(finding)
    _require(actor, "oversight.answer_finding", finding,
             _("Only the office or a secretary of the school answers its findings."))
    if finding.status == Finding.Status.CLOSED:
        raise SupervisionError(_("This finding is closed."), code="closed")
    answer = _text(answer, _("the answer"), MAX_TEXT)
    before = {"status": finding.status, "answer": finding.answer}
    finding.answer, finding.status = answer, Finding.Status.ANSWERED
    finding.answered_at, finding.answered_by = clock.now(), actor
    finding.save(update_fields=["answer", "status", "answered_at", "answered_by", "updated_at"])
    audit.record(actor=actor, action="oversight.finding.answered", target=finding,
                 changes=audit.field_diff(before, {"status": finding.status, "answer": answer}))
    return finding


@transaction.atomic
def close_finding(*, actor, finding: Finding, note: str = "") -> Finding:
    """The group closes a finding: once the school has answered, or with a note saying why
    it closes unanswered."""
    finding = _locked_finding(finding)
    _require(actor, "oversight.close_finding", finding,
             _("Only a member of the group that recorded the finding closes it."))
    if finding.status == Finding.Status.CLOSED:
        raise SupervisionError(_("This finding is already closed."), code="closed")
    note = _text(note, _("the closing note"), MAX_CLOSING_NOTE, required=False)
    if finding.status != Finding.Status.ANSWERED and not note:
        raise SupervisionError(_("The school has not answered yet: write a note saying why the "
                                 "finding closes without an answer."), code="unanswered")
    before = finding.status
    finding.status, finding.closing_note = Finding.Status.CLOSED, note
    finding.closed_at, finding.closed_by = clock.now(), actor
    finding.save(update_fields=["status", "closing_note", "closed_at", "closed_by",
                                "updated_at"])
    audit.record(actor=actor, action="oversight.finding.closed", target=finding,
                 changes={"status": [before, finding.status], "closing_note": [None, note]})
    return finding


# --- good practices --------------------------------------------------------------------------

@transaction.atomic
def record_good_practice(*, actor, group: SupervisionGroup, school: School, title: str,
                         text: str) -> GoodPractice:
    _working(actor, group)
    _covered(group, school)
    title = _text(title, _("the title"), MAX_TITLE)
    text = _text(text, _("the text"), MAX_PRACTICE)
    practice = GoodPractice.objects.create(group=group, school=school, title=title, text=text,
                                           recorded_by=actor)
    audit.record(actor=actor, action="oversight.good_practice.recorded", target=practice,
                 changes={"school": [None, school.code], "title": [None, title]})
    return practice


@transaction.atomic
def share_good_practice(*, actor, practice: GoodPractice) -> GoodPractice:
    """Share a good practice with every school of the campaign below the sending level: their
    offices get a notification (推广经验)."""
    practice = GoodPractice.objects.select_for_update(of=("self",)).select_related(
        "group__organization", "group__campaign", "school").get(pk=practice.pk)
    group = practice.group
    if not (actor.has_perm("oversight.record_finding", group)
            or actor.has_perm("oversight.send_supervision_group", group.organization)):
        raise SupervisionError(_("Only a member of the group or the office that sent it shares "
                                 "its good practices."), code="forbidden")
    if practice.shared_at is not None:
        raise SupervisionError(_("This good practice has already been shared."),
                               code="shared")
    practice.shared_at = clock.now()
    practice.save(update_fields=["shared_at", "updated_at"])
    school_ids = set(Plan.objects.filter(
        campaign=group.campaign, organization__school__isnull=False,
        organization__path__startswith=group.organization.path,
    ).values_list("organization__school_id", flat=True))
    audit.record(actor=actor, action="oversight.good_practice.shared", target=practice,
                 changes={"shared_at": [None, str(practice.shared_at)],
                          "schools": [None, len(school_ids)]})
    with translation.override(settings.LANGUAGE_CODE):
        text = _("A good practice to learn from (%(school)s): %(title)s") % {
            "school": practice.school.name, "title": practice.title}
    _notify_offices(school_ids, text, reverse("oversight:supervision_practice",
                                              args=[practice.pk]), f"practice:{practice.pk}")
    return practice
