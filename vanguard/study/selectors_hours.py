"""Reads for the hours pages, scoped to the viewer: sessions, checklists, who is behind, my hours.

Every function costs a fixed number of queries whatever the size of the district.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Substr
from django.http import Http404

from vanguard.access import scope
from vanguard.access.models import Role
from vanguard.campaigns.models import Activity, Assignment, Campaign, ProgressCount
from vanguard.people.models import Member, Organization
from vanguard.study.models import HoursEntry, HoursExemption, HoursTotal, StudySession
from vanguard.study.models.hours import StudyKind

KIND = "study.hours"
ZERO = Decimal(0)
ONE_PLACE = Decimal("0.1")
RUNNERS = (Role.Kind.OFFICE, Role.Kind.SECRETARY)


def _decimal(value, default=ZERO) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return default
    return number if number.is_finite() and number >= 0 else default


@dataclass(frozen=True)
class Minimums:
    """What the plan's `study.hours` activity asks: `min_hours` organized, and per kind."""

    hours: Decimal
    by_kind: dict[str, Decimal] = field(default_factory=dict)

    @classmethod
    def of(cls, activity: Activity | None, campaign: Campaign | None = None) -> "Minimums":
        settings = (activity.settings or {}) if activity is not None else {}
        figures = (campaign.figures or {}) if campaign is not None else {}
        hours = _decimal(settings.get("min_hours", figures.get("study_hours_min", 0)))
        raw = settings.get("min_hours_by_kind") or {}
        by_kind = {k: _decimal(v) for k, v in raw.items()
                   if k in StudyKind.values and _decimal(v) > 0} if isinstance(raw, dict) else {}
        return cls(hours=hours, by_kind=by_kind)

    def shortfalls(self, organized, self_study, by_kind) -> list[tuple[str, Decimal, Decimal]]:
        """(kind label, hours had, hours needed) for each kind whose minimum is not met."""
        by_kind = by_kind or {}
        missing = []
        for kind, need in self.by_kind.items():
            have = _decimal(self_study if kind == StudyKind.SELF else by_kind.get(kind, 0))
            if have < need:
                missing.append((StudyKind(kind).label, have, need))
        return missing

    def met(self, organized, self_study, by_kind) -> bool:
        return _decimal(organized) >= self.hours and not self.shortfalls(
            organized, self_study, by_kind)

    @property
    def labelled(self) -> list[tuple[str, Decimal]]:
        return [(StudyKind(k).label, hours) for k, hours in self.by_kind.items()]

    def percent(self, organized) -> int:
        if self.hours <= 0:
            return 100
        return min(100, int(_decimal(organized) * 100 / self.hours))


# --- the plan's study page and its sessions -------------------------------------------------

def get_hours_activity_for(viewer, pk) -> Activity:
    """A plan's `study.hours` activity, if the viewer may read the plan's sessions."""
    activity = Activity.objects.select_related(
        "plan__organization", "plan__campaign", "phase").filter(pk=pk, kind=KIND).first()
    if activity is None or not viewer.has_perm("study.view_sessions", activity.plan):
        raise Http404
    return activity


def sessions_for(viewer, activity: Activity):
    """The sessions held in the plan's subtree for this step (its own plan's and any lower
    plan's copy), that the viewer may read, each with its number of people recorded."""
    plan_org = activity.plan.organization
    return (StudySession.objects
            .filter(plan_org.subtree_q("organization__"),
                    scope.related_filter(viewer, scope.READERS, "organization__"),
                    activity__plan__campaign_id=activity.plan.campaign_id,
                    activity__key=activity.key)
            .select_related("organization")
            .annotate(people=Count("entries"))
            .order_by("-held_on", "-id"))


def recording_organizations(viewer, activity: Activity):
    """Where in the plan's subtree the viewer may record sessions (office or secretary)."""
    return Organization.objects.filter(
        activity.plan.organization.subtree_q(),
        scope.subtree_filter(viewer, RUNNERS)).order_by("path")


def can_record_in(viewer, activity: Activity) -> bool:
    """Whether the viewer runs some part of the plan's subtree (no query: roles are cached)."""
    if scope.is_admin(viewer):
        return True
    plan_path = activity.plan.organization.path
    return any(p.startswith(plan_path) or plan_path.startswith(p)
               for p in scope.role_paths(viewer, RUNNERS))


def get_session_for(viewer, pk) -> StudySession:
    session = StudySession.objects.select_related(
        "organization", "activity__phase", "activity__plan__campaign",
        "activity__plan__organization").filter(pk=pk).first()
    if session is None or not viewer.has_perm("study.view_sessions", session):
        raise Http404
    return session


def session_checklist(session: StudySession):
    """The members of the session's organization, each with their line for it if any."""
    line = HoursEntry.objects.filter(session=session, person_id=OuterRef("person_id"))
    return (Member.objects.filter(session.organization.subtree_q("organization__"))
            .select_related("person", "organization")
            .annotate(entry_id=Subquery(line.values("id")[:1], output_field=IntegerField()),
                      entry_recorder=Subquery(line.values("recorded_by_id")[:1],
                                              output_field=IntegerField()))
            .order_by("organization__path", "person__name", "person_id"))


# --- which node a page is about ----------------------------------------------------------------

def node_for(viewer, activity: Activity, code: str, kinds=scope.READERS) -> Organization:
    """The organization a page is about: `code` if given, else the highest node in the plan's
    subtree where the viewer holds one of `kinds` (the plan's own if they hold one above it).
    404 when it lies outside the plan's subtree or the viewer has no such role there."""
    plan_org = activity.plan.organization
    if code:
        node = Organization.objects.filter(code=code[:32]).first()
        if node is None or not node.path.startswith(plan_org.path):
            raise Http404
        return node
    if scope.is_admin(viewer) or scope.holds(viewer, kinds, plan_org):
        return plan_org
    inside = [r.organization for r in scope.roles_of(viewer)
              if r.kind in kinds and r.organization
              and r.organization.path.startswith(plan_org.path)]
    if not inside:
        raise Http404
    return min(inside, key=lambda o: (o.depth, o.path))


# --- who is behind ----------------------------------------------------------------------------

def _tasks(campaign: Campaign, node: Organization):
    return Assignment.objects.filter(activity__plan__campaign=campaign, activity__kind=KIND,
                                     organization__path__startswith=node.path)


def member_hours(campaign: Campaign, node: Organization):
    """Each study-hours task in the subtree with the member's totals and exemption: one query."""
    total = HoursTotal.objects.filter(campaign=campaign, person_id=OuterRef("person_id"))
    exemption = HoursExemption.objects.filter(campaign=campaign, person_id=OuterRef("person_id"))
    return (_tasks(campaign, node)
            .select_related("person", "organization", "activity")
            .annotate(organized=Subquery(total.values("organized")[:1]),
                      self_study=Subquery(total.values("self_study")[:1]),
                      kinds=Subquery(total.values("by_kind")[:1]),
                      exemption_id=Subquery(exemption.values("id")[:1],
                                            output_field=IntegerField()),
                      exemption_reason=Subquery(exemption.values("reason")[:1]))
            .order_by("organization__path", "person__name", "person_id"))


def behind(campaign: Campaign, node: Organization):
    """Members still short of the minimum (their task is not done and not excused)."""
    return member_hours(campaign, node).filter(status=Assignment.Status.PENDING)


def exempt(campaign: Campaign, node: Organization):
    return member_hours(campaign, node).filter(status=Assignment.Status.EXCUSED)


@dataclass
class BehindRow:
    task: Assignment
    minimums: Minimums

    @property
    def person(self):
        return self.task.person

    @property
    def organized(self) -> Decimal:
        return _decimal(self.task.organized).quantize(ONE_PLACE)

    @property
    def self_study(self) -> Decimal:
        return _decimal(self.task.self_study).quantize(ONE_PLACE)

    @property
    def missing(self) -> Decimal:
        return max(ZERO, self.minimums.hours - self.organized)

    @property
    def percent(self) -> int:
        return self.minimums.percent(self.organized)

    @property
    def shortfalls(self):
        return self.minimums.shortfalls(self.organized, self.self_study, self._kinds())

    def _kinds(self) -> dict:
        kinds = self.task.kinds
        if isinstance(kinds, str):  # a JSON subquery comes back as text on some backends
            kinds = json.loads(kinds or "{}")
        return kinds or {}


def rows_of(tasks, campaign: Campaign) -> list[BehindRow]:
    return [BehindRow(task, Minimums.of(task.activity, campaign)) for task in tasks]


def member_in(organization: Organization, person_id: str) -> Member | None:
    """The member with this person id in the subtree, or None."""
    if not str(person_id).isdigit():
        return None
    return (Member.objects.select_related("person", "organization")
            .filter(organization.subtree_q("organization__"), person_id=int(person_id)).first())


@dataclass
class BranchCount:
    label: str
    code: str
    required: int = 0
    done: int = 0
    behind: int = 0
    exempt: int = 0


STEP = Organization.steplen


def behind_counts(campaign: Campaign, activity: Activity,
                  node: Organization) -> list[BranchCount]:
    """Per child of `node` (or for `node` itself at a branch): tasks required, done, behind
    and exempt. Read from the progress roll-up and the exemptions, each grouped by the path
    prefix one level down, plus the children's names: three queries whatever the size."""
    children = list(Organization.objects.get_children(node).only("code", "name", "path"))
    rows = {c.path: BranchCount(c.name, c.code) for c in children}
    own = BranchCount(node.name, node.code)  # members registered at the node itself
    prefix = Substr("organization__path", 1, len(node.path) + STEP)
    counted = (ProgressCount.objects.filter(campaign=campaign, activity_key=activity.key,
                                            organization__path__startswith=node.path)
               .annotate(prefix=prefix).values("prefix")
               .annotate(done=Sum("done"), required=Sum("required")).order_by())
    for g in counted:
        row = rows.get(g["prefix"], own)
        row.required += g["required"] or 0
        row.done += g["done"] or 0
        row.behind = row.required - row.done
    exempted = (HoursExemption.objects.filter(
        campaign=campaign, person__member__organization__path__startswith=node.path)
        .annotate(prefix=Substr("person__member__organization__path", 1,
                                len(node.path) + STEP))
        .values("prefix").annotate(n=Count("id")).order_by())
    for g in exempted:
        rows.get(g["prefix"], own).exempt += g["n"]
    result = list(rows.values())
    return result + [own] if own.required or own.exempt else result


# --- a member's own hours -------------------------------------------------------------------

def get_my_task(viewer, campaign_pk) -> Assignment:
    """The viewer's study-hours task in the campaign; 404 if they have none."""
    person = getattr(viewer, "person", None)
    task = (Assignment.objects.filter(person=person, activity__kind=KIND,
                                      activity__plan__campaign_id=campaign_pk)
            .select_related("activity__plan__campaign", "activity__phase", "person")
            .order_by("due_on", "id").first()) if person is not None else None
    if task is None:
        raise Http404
    return task


def my_total(person, campaign: Campaign) -> HoursTotal:
    return (HoursTotal.objects.filter(person=person, campaign=campaign).first()
            or HoursTotal(person=person, campaign=campaign))


def my_entries(person, campaign: Campaign):
    return (HoursEntry.objects.filter(person=person, campaign=campaign)
            .select_related("session").order_by("-studied_on", "-id"))


def get_entry_for(viewer, pk) -> HoursEntry:
    """A ledger line the viewer may see: their own, or one in the subtree they read."""
    entry = HoursEntry.objects.select_related("organization", "campaign", "session",
                                              "person").filter(pk=pk).first()
    person = getattr(viewer, "person", None)
    if entry is None or not (entry.person_id == getattr(person, "pk", None)
                             or viewer.has_perm("study.view_hours", entry)):
        raise Http404
    return entry


def my_exemption(person, campaign: Campaign) -> HoursExemption | None:
    return HoursExemption.objects.filter(campaign=campaign, person=person).first()

