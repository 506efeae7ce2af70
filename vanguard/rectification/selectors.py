"""Reads of the rectification app, scoped to the viewer."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from vanguard.access import scope as access_scope
from vanguard.campaigns import audience
from vanguard.campaigns.models import Activity, Assignment, Campaign, Plan
from vanguard.core import clock
from vanguard.evaluations.models import MemberGrade
from vanguard.opinions.models import Opinion, Subject
from vanguard.people.models import Leader, Organization
from vanguard.rectification.activities import PLAN_KIND
from vanguard.rectification.models import Evidence, Item, Owner, RectificationPlan

OPEN_STATUSES = (Item.Status.OPEN, Item.Status.IN_PROGRESS)


def on_the_ledger(prefix: str = "") -> Q:
    """Items that move on the ledger: those of approved plans and, while a plan reopened for
    re-rectification (重新整改) waits for its new decision, the items it had before it was
    reopened (only the new ones wait for the decision)."""
    return (Q(**{f"{prefix}plan__status": RectificationPlan.Status.APPROVED})
            | Q(**{f"{prefix}plan__reopened_at__isnull": False,
                   f"{prefix}created_at__lte": F(f"{prefix}plan__reopened_at")}))


def is_on_the_ledger(item: Item) -> bool:
    plan = item.plan
    return plan.status == RectificationPlan.Status.APPROVED or (
        plan.reopened_at is not None and item.created_at <= plan.reopened_at)


def overdue(queryset):
    """Items past their deadline and not done: overdue is a state read from the date, never
    stored, so it cannot go stale."""
    return queryset.filter(status__in=OPEN_STATUSES, deadline__lt=clock.today())


def unit_plans_approved(activity, scope) -> list[tuple[str, int, int]]:
    """(label, approved, required) for primary organizations' plans (one per branch with
    members) and leadership teams' plans (one per school), in `scope`."""
    plans = RectificationPlan.objects.filter(
        campaign_id=activity.plan.campaign_id, organization__path__startswith=scope.path,
        status=RectificationPlan.Status.APPROVED).aggregate(
        organizations=Count("pk", filter=Q(owner_kind=Owner.ORGANIZATION)),
        teams=Count("pk", filter=Q(owner_kind=Owner.TEAM)))
    branches = Organization.objects.filter(
        audience.covered(activity.plan, ""), path__startswith=scope.path,
        kind=Organization.Kind.BRANCH, members__isnull=False).distinct().count()
    schools = audience.school_count(activity.plan, scope)
    return [(_("Primary organizations' plans approved"), plans["organizations"], branches),
            (_("Leadership teams' plans approved"), plans["teams"], schools)]


def ledger_figures(activity, scope) -> list[tuple[str, int]]:
    """Items in `scope` by state, and how many are overdue (one query)."""
    today = clock.today()
    counts = Item.objects.filter(campaign_id=activity.plan.campaign_id,
                                 organization__path__startswith=scope.path).aggregate(
        total=Count("pk"),
        solved=Count("pk", filter=Q(status__in=(Item.Status.DONE, Item.Status.VERIFIED))),
        verified=Count("pk", filter=Q(status=Item.Status.VERIFIED)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, deadline__lt=today)))
    return [(_("Rectification items"), counts["total"]),
            (_("Items solved"), counts["solved"]),
            (_("Items verified by the superior"), counts["verified"]),
            (_("Items overdue"), counts["overdue"])]


# --- the pages' reads: each scoped to the viewer, a fixed number of queries -----------------

FED_BACK = (Opinion.Status.RELEASED, Opinion.Status.ANSWERED)
SOLVED = (Item.Status.DONE, Item.Status.VERIFIED)


def fed_back_opinions(plan: RectificationPlan):
    """The opinions released to the plan's owner: about the member (any subject kind with
    them as the person); about the branch; about the school's team and its party
    organization."""
    opinions = Opinion.objects.filter(campaign_id=plan.campaign_id, status__in=FED_BACK,
                                      feedback__released_on__isnull=False)
    if plan.owner_kind == Owner.MEMBER:
        return opinions.filter(feedback__subject_person_id=plan.person_id)
    if plan.owner_kind == Owner.ORGANIZATION:
        return opinions.filter(subject_kind=Subject.BRANCH, organization_id=plan.organization_id)
    return opinions.filter(subject_kind__in=(Subject.TEAM, Subject.PARTY_ORG),
                           organization_id=plan.organization_id)


def unanswered_opinions(plan: RectificationPlan) -> list[Opinion]:
    """Fed-back opinions that no item of the plan answers (one query)."""
    return list(fed_back_opinions(plan).exclude(rectification_items__plan=plan)
                .only("id", "summary", "category", "received_on")
                .order_by("received_on", "id"))


def evaluation_findings(plan: RectificationPlan) -> list[MemberGrade]:
    """The member's evaluation opinion(s) in the campaign: what an item may answer."""
    if plan.owner_kind != Owner.MEMBER:
        return []
    return list(MemberGrade.objects.filter(person_id=plan.person_id,
                                           evaluation__campaign_id=plan.campaign_id))


def _reads(viewer, organization) -> bool:
    return viewer.has_perm("rectification.view_ledger", organization)


def _own(viewer, plan: RectificationPlan) -> bool:
    pk = getattr(getattr(viewer, "person", None), "pk", None)
    if pk is None:
        return False
    if plan.person_id == pk:
        return True
    # The team's plan is the principal leader's to write and read.
    return plan.owner_kind == Owner.TEAM and Leader.objects.filter(
        person_id=pk, is_principal=True, team__school_id=plan.organization.school_id).exists()


def can_read_plan(viewer, plan: RectificationPlan) -> bool:
    return _reads(viewer, plan.organization) or _own(viewer, plan)


def get_campaign_for(viewer, pk) -> Campaign:
    """A running or closed campaign where the viewer has tasks or reads a plan; 404 else."""
    person = getattr(viewer, "person", None)
    mine = Assignment.objects.filter(person=person, activity__plan__campaign=OuterRef("pk")) \
        if person is not None else Assignment.objects.none()
    readable = Plan.objects.filter(
        access_scope.related_filter(viewer, access_scope.READERS, "organization__"),
        campaign=OuterRef("pk"))
    campaign = Campaign.objects.filter(Q(Exists(mine)) | Q(Exists(readable)), pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def plan_step_for(viewer, campaign: Campaign) -> Activity | None:
    """The plan step of the viewer's school: where their own task is, or the school plan
    that covers the highest node they hold a role at."""
    activities = Activity.objects.filter(plan__campaign=campaign, kind=PLAN_KIND).select_related(
        "plan__organization", "plan__campaign", "phase")
    person = getattr(viewer, "person", None)
    if person is not None:
        mine = activities.filter(assignments__person=person).first()
        if mine is not None:
            return mine
    start = access_scope.start_organization(viewer)
    if start is None:
        return None
    step = Organization.steplen
    paths = [start.path[:end] for end in range(step, len(start.path) + 1, step)]
    return activities.filter(plan__organization__path__in=paths,
                             plan__organization__school__isnull=False).first()


def own_plan(person, campaign: Campaign) -> RectificationPlan | None:
    if person is None:
        return None
    return RectificationPlan.objects.filter(campaign=campaign, owner_kind=Owner.MEMBER,
                                            person=person).first()


def plans_for(viewer, campaign: Campaign):
    """Plans in the viewer's reading scope, with what the list shows."""
    return (RectificationPlan.objects.filter(
        access_scope.subtree_filter(viewer, access_scope.READERS, "organization__"),
        campaign=campaign).select_related("person", "organization")
        .annotate(item_count=Count("items")).order_by("organization__path", "owner_kind",
                                                      "person__name", "id"))


def unit_plans(campaign: Campaign, organizations) -> dict[tuple[str, int], RectificationPlan]:
    """The unit plans of `organizations`, by (owner kind, organization id): one query."""
    return {(p.owner_kind, p.organization_id): p for p in RectificationPlan.objects.filter(
        campaign=campaign, organization__in=list(organizations)).exclude(
        owner_kind=Owner.MEMBER)}


def get_plan_for(viewer, pk) -> RectificationPlan:
    plan = RectificationPlan.objects.select_related(
        "campaign", "activity__phase", "activity__plan__organization", "organization",
        "person", "decided_by").filter(pk=pk).first()
    if plan is None or not can_read_plan(viewer, plan):
        raise Http404
    return plan


def plan_items(plan: RectificationPlan) -> list[Item]:
    """The plan's items with their opinions and evaluation (three queries)."""
    return list(plan.items.select_related("evaluation", "responsible")
                .prefetch_related(Prefetch("opinions", queryset=Opinion.objects.only(
                    "id", "summary", "category", "received_on"))))


# --- the ledger -----------------------------------------------------------------------------

LEDGER_FILTERS = ("owner", "class", "status", "overdue", "org")


def ledger_items(viewer, campaign: Campaign, filters: dict):
    """The ledger lines the viewer reads, filtered: owner kind, class, status, overdue, and
    an organization's subtree (by code)."""
    items = Item.objects.filter(
        access_scope.subtree_filter(viewer, access_scope.READERS, "organization__"),
        campaign=campaign)
    if filters.get("owner") in Owner.values:
        items = items.filter(plan__owner_kind=filters["owner"])
    if filters.get("class") in Item.Class.values:
        items = items.filter(item_class=filters["class"])
    if filters.get("status") in Item.Status.values:
        items = items.filter(status=filters["status"])
    if filters.get("overdue"):
        items = overdue(items)
    if filters.get("org"):
        items = items.filter(organization__path__startswith=Organization.objects.filter(
            code=filters["org"]).values("path")[:1])
    return items.select_related("plan__person", "organization").order_by(
        "organization__path", "plan__owner_kind", "plan__person__name", "plan_id", "order",
        "id")


def get_item_for(viewer, pk) -> Item:
    item = Item.objects.select_related(
        "plan__campaign", "plan__activity__phase", "plan__organization", "plan__person",
        "organization", "verified_by").filter(pk=pk).first()
    if item is None:
        raise Http404
    responsible = item.responsible_id is not None and item.responsible_id == getattr(
        getattr(viewer, "person", None), "pk", None)
    if not (can_read_plan(viewer, item.plan) or responsible):
        raise Http404
    return item


def get_evidence_for(viewer, pk) -> Evidence:
    evidence = Evidence.objects.select_related("item").filter(pk=pk).first()
    if evidence is None:
        raise Http404
    get_item_for(viewer, evidence.item_id)
    return evidence


def is_overdue(item: Item, today=None) -> bool:
    today = today or clock.today()
    return item.status in OPEN_STATUSES and item.deadline is not None and item.deadline < today


def member_open_items(assignment) -> list[Item]:
    """The member's items not yet solved in the assignment's campaign (for the task panel):
    one query."""
    return list(Item.objects.filter(
        plan__campaign_id=assignment.activity.plan.campaign_id,
        plan__owner_kind=Owner.MEMBER, plan__person_id=assignment.person_id,
        status__in=OPEN_STATUSES).order_by("deadline", "order", "id"))
