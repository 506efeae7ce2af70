"""Reads for campaign pages, already scoped to the viewer, each page a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Substr
from django.http import Http404

from vanguard.access import scope
from vanguard.campaigns.models import (
    Activity,
    Assignment,
    Campaign,
    Phase,
    Plan,
    ProgressCount,
)
from vanguard.people.models import Organization

STEP = Organization.steplen


def campaigns_for(viewer):
    """Campaigns with a plan in the viewer's scope or above it (the plan their unit follows)."""
    in_scope = Plan.objects.filter(
        scope.related_filter(viewer, scope.READERS, "organization__"), campaign=OuterRef("pk"))
    return Campaign.objects.filter(Exists(in_scope)).select_related("organization", "template")


def get_campaign_for(viewer, pk) -> Campaign:
    campaign = campaigns_for(viewer).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def plans_for(viewer, campaign):
    return campaign.plans.filter(
        scope.related_filter(viewer, scope.READERS, "organization__")
    ).select_related("organization", "batch", "derived_from__organization")


def get_plan_for(viewer, pk) -> Plan:
    """The plan, if its organization is in scope, or if the viewer is the office above it."""
    plan = Plan.objects.select_related("campaign", "organization", "batch",
                                       "derived_from__organization").filter(pk=pk).first()
    if plan is None or not viewer.has_perm("campaigns.view_plan", plan):
        raise Http404
    return plan


def get_phase_for(viewer, pk) -> Phase:
    phase = Phase.objects.select_related("plan__campaign", "plan__organization").filter(
        pk=pk).first()
    if phase is None or not viewer.has_perm("campaigns.view_plan", phase.plan):
        raise Http404
    return phase


def plan_outline(plan: Plan) -> list[tuple[Phase, list[Activity]]]:
    """Phases and tracks with their activities: two queries."""
    by_phase = defaultdict(list)
    for activity in plan.activities.order_by("order", "id"):
        by_phase[activity.phase_id].append(activity)
    return [(phase, by_phase[phase.pk]) for phase in plan.phases.order_by("kind", "order")]


def tasks_for(viewer):
    """The viewer's own assignments, with what the page shows: one query.

    The campaign's template source (the whole YAML) and the plan's preamble are left in the
    database: read for each task, they were most of the bytes of every member's home page."""
    person = getattr(viewer, "person", None)
    if person is None:
        return Assignment.objects.none()
    return (Assignment.objects.filter(person=person,
                                      activity__plan__campaign__state=Campaign.State.RUNNING)
            .select_related("activity__phase", "activity__plan__campaign")
            .defer("activity__plan__campaign__template_source", "activity__plan__preamble")
            .order_by("status", "due_on", "id"))


@dataclass
class ProgressRow:
    label: str
    code: str = ""
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)

    def cell(self, key: str) -> tuple[int, int, int | None]:
        done, required = self.cells.get(key, (0, 0))
        return done, required, (round(100 * done / required) if required else None)

    @property
    def total(self) -> tuple[int, int]:
        return (sum(d for d, _ in self.cells.values()), sum(r for _, r in self.cells.values()))

    @property
    def total_percent(self) -> int | None:
        done, required = self.total
        return round(100 * done / required) if required else None


def progress_rows(campaign: Campaign, node: Organization) -> list[ProgressRow]:
    """Done / required per phase for each child of `node` (per member for a branch).

    Read from the roll-up (counts per activity and branch), grouped by the path prefix one
    level below `node`: the cost follows the number of branches, not of tasks. A branch's
    page lists its members from their tasks, which are few.
    """
    children = list(Organization.objects.get_children(node).only("code", "name", "path"))
    if not children:
        return _member_rows(campaign, node)
    grouped = (ProgressCount.objects.filter(campaign=campaign,
                                            organization__path__startswith=node.path)
               .annotate(prefix=Substr("organization__path", 1, len(node.path) + STEP))
               .values("prefix", "phase_key")
               .annotate(done=Sum("done"), required=Sum("required")).order_by())
    rows = {c.path: ProgressRow(c.name, c.code) for c in children}
    own = ProgressRow(node.name, node.code)  # members registered at the node itself
    for g in grouped:
        rows.get(g["prefix"], own).cells[g["phase_key"]] = (g["done"], g["required"])
    return list(rows.values()) + ([own] if own.cells else [])


def _member_rows(campaign: Campaign, node: Organization) -> list[ProgressRow]:
    grouped = (Assignment.objects.filter(activity__plan__campaign=campaign,
                                         organization__path__startswith=node.path,
                                         required=True)
               .exclude(status=Assignment.Status.EXCUSED)
               .values("person_id", "person__name", "activity__phase__key")
               .annotate(done=Count("id", filter=Q(status=Assignment.Status.DONE)),
                         required=Count("id"))
               .order_by("person__name"))
    rows: dict = {}
    for g in grouped:
        row = rows.setdefault(g["person_id"], ProgressRow(g["person__name"]))
        row.cells[g["activity__phase__key"]] = (g["done"], g["required"])
    return list(rows.values())


def phase_columns(campaign: Campaign) -> list[tuple[str, str]]:
    """(key, name) of the campaign's phases and tracks, from its root plan: one query."""
    return list(Phase.objects.filter(plan__campaign=campaign, plan__derived_from__isnull=True)
                .order_by("plan_id", "kind", "order").values_list("key", "name"))


def activity_kinds(campaign) -> list[str]:
    """The kinds the campaign's plans use, in the order their steps come (one query)."""
    from vanguard.campaigns.models import Activity

    keys: list[str] = []
    for kind in (Activity.objects.filter(plan__campaign=campaign)
                 .order_by("phase__order", "order").values_list("kind", flat=True)):
        if kind not in keys:
            keys.append(kind)
    return keys
