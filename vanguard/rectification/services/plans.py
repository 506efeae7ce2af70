"""Rectification plans (整改方案) of members, primary organizations and leadership teams:
started by their owner, items checked against the "five clear", submitted, and decided one
level up (a member's by their branch, a branch's by the school office, the team's by the
superior office). A member's plan task is done when their plan is approved."""


from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from vanguard.access import audit, predicates
from vanguard.access import scope as access_scope
from vanguard.access.models import Role
from vanguard.campaigns import audience
from vanguard.campaigns.models import Activity, Assignment, Campaign, Phase
from vanguard.campaigns.services import rollup
from vanguard.core import clock
from vanguard.opinions.models import Opinion
from vanguard.people.models import Leader, LeadershipTeam, Member, Organization, Person
from vanguard.rectification.activities import LEDGER_KIND, PLAN_KIND
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import (
    Item,
    Owner,
    RectificationPlan,
)
from vanguard.rectification.services.item_checks import (
    ItemInput,
    checked_item,
    consolidation_end,
)

MAX_REASON = 1000
P = RectificationPlan.Status
EDITABLE = (P.DRAFT, P.RETURNED)
SOLVED = (Item.Status.DONE, Item.Status.VERIFIED)


def _refuse(text: str, code: str):
    raise RectificationError(text, code=code)


# --- who may do what ------------------------------------------------------------------------
# The predicates' `is_author` reads "the user's person is the record's person": for a unit's
# plan (no person) a user without a person would count as its author. So unit plans are
# checked here with the predicates that do not depend on it.

def person_pk(user) -> int | None:
    return getattr(getattr(user, "person", None), "pk", None)


def is_principal_of(user, organization: Organization) -> bool:
    pk = person_pk(user)
    return pk is not None and organization.school_id is not None and Leader.objects.filter(
        person_id=pk, is_principal=True, team__school_id=organization.school_id).exists()


def may_write(user, plan: RectificationPlan) -> bool:
    if plan.owner_kind == Owner.MEMBER:
        return user.has_perm("rectification.write_plan", plan)
    if plan.owner_kind == Owner.ORGANIZATION:
        return predicates.runs_org.test(user, plan.organization)
    return (predicates.is_admin.test(user) or predicates.is_office.test(user, plan.organization)
            or is_principal_of(user, plan.organization))


def may_decide(user, plan: RectificationPlan) -> bool:
    """A member's plan: their branch (secretary) or an office over it, never their own; a
    branch's plan: the school office; the team's: the office of the superior organization."""
    if plan.owner_kind == Owner.MEMBER:
        return user.has_perm("rectification.decide_plan", plan)
    return predicates.is_admin.test(user) or predicates.is_office_above.test(user, plan)


def require_time(activity: Activity, campaign: Campaign) -> None:
    """Plans and the ledger are written from the phase's opening to the consolidation end."""
    if activity.phase.state == Phase.State.PENDING:
        _refuse(_("The rectification phase has not started yet."), "not_started")
    if clock.today() > consolidation_end(campaign):
        _refuse(_("The consolidation period has ended; the rectification records can be read, "
                  "not changed."), "ended")


# --- starting a plan ------------------------------------------------------------------------

def _owner_place(activity: Activity, owner_kind: str, person, organization):
    """(person, organization) of the new plan, checked against the school plan's tree."""
    plan = activity.plan
    if owner_kind == Owner.MEMBER:
        task = Assignment.objects.filter(activity=activity, person=person).first() \
            if person is not None else None
        if task is None:
            _refuse(_("This member has no rectification plan task in this campaign."),
                    "not_assigned")
        return person, task.organization
    if owner_kind == Owner.ORGANIZATION:
        ok = organization is not None and Organization.objects.filter(
            audience.covered(plan, ""), pk=organization.pk, kind=Organization.Kind.BRANCH,
            members__isnull=False).exists()
        if not ok:
            _refuse(_("A primary organization's plan is written for one of the plan's "
                      "branches with members."), "not_branch")
        return None, organization
    if owner_kind == Owner.TEAM:
        top = plan.organization
        if top.school_id is None or not LeadershipTeam.objects.filter(
                school_id=top.school_id).exists():
            _refuse(_("Only a school's plan has a leadership team's plan."), "no_team")
        return None, top
    _refuse(_("Choose whose plan it is."), "owner")


@transaction.atomic
def start_plan(*, actor, activity: Activity, owner_kind: str, person: Person | None = None,
               organization: Organization | None = None) -> RectificationPlan:
    """An empty draft for a member, a branch or the school's team."""
    if activity.kind != PLAN_KIND:
        _refuse(_("This step is not the rectification plan."), "not_plan_step")
    campaign = activity.plan.campaign
    person, organization = _owner_place(activity, owner_kind, person, organization)
    plan = RectificationPlan(campaign=campaign, activity=activity, owner_kind=owner_kind,
                             person=person, organization=organization)
    if not may_write(actor, plan):
        _refuse(_("You are not allowed to write this plan."), "forbidden")
    require_time(activity, campaign)
    exists = RectificationPlan.objects.filter(campaign=campaign, owner_kind=owner_kind)
    exists = exists.filter(person=person) if person else exists.filter(organization=organization)
    if exists.exists():
        _refuse(_("This plan already exists."), "exists")
    plan.save()
    audit.record(actor=actor, action="rectification.plan.started", target=plan,
                 changes={"owner_kind": [None, owner_kind], "status": [None, plan.status]})
    return plan


def _locked(plan: RectificationPlan) -> RectificationPlan:
    return RectificationPlan.objects.select_for_update(of=("self",)).select_related(
        "campaign", "activity__phase", "activity__plan", "organization", "person").get(pk=plan.pk)


# --- items ----------------------------------------------------------------------------------

def _item_gate(plan: RectificationPlan, *, new: bool, item: Item | None = None) -> None:
    """Items are written while the plan is a draft or returned; an approved plan takes new
    items only once reopened for re-rectification, and nothing while it is with the decider."""
    if plan.status in EDITABLE:
        if item is not None and item.status != Item.Status.OPEN:
            _refuse(_("This item is already being worked on; it can no longer be changed."),
                    "item_started")
        return
    if plan.status == P.APPROVED and plan.reopened_at is not None:
        if new or (item.status == Item.Status.OPEN and item.created_at >= plan.reopened_at):
            return
    if plan.status == P.SUBMITTED:
        _refuse(_("The plan is waiting for a decision; it can be changed only if it is "
                  "returned."), "submitted")
    _refuse(_("The plan is approved and can no longer be changed. New items need the plan "
              "reopened for re-rectification."), "approved")


def _is_public(plan: RectificationPlan) -> bool:
    """A member's items are public only where the step's settings say so."""
    if plan.owner_kind != Owner.MEMBER:
        return True
    return bool((plan.activity.settings or {}).get("member_items_public", False))


def _write_access(actor, plan: RectificationPlan) -> None:
    if not may_write(actor, plan):
        _refuse(_("You are not allowed to write this plan."), "forbidden")
    require_time(plan.activity, plan.campaign)


@transaction.atomic
def add_item(*, actor, plan: RectificationPlan, data: ItemInput) -> Item:
    plan = _locked(plan)
    _write_access(actor, plan)
    _item_gate(plan, new=True)
    fields, opinions, evaluation = checked_item(plan, data)
    order = (plan.items.aggregate(last=Max("order"))["last"] or 0) + 1
    item = Item.objects.create(plan=plan, campaign_id=plan.campaign_id,
                               organization_id=plan.organization_id, order=order,
                               evaluation=evaluation, public=_is_public(plan), **fields)
    item.opinions.set(opinions)
    audit.record(actor=actor, action="rectification.item.added", target=item,
                 changes={"item_class": [None, item.item_class],
                          "deadline": [None, str(item.deadline or "")],
                          "opinions": [None, len(opinions)]})
    return item


def _locked_item(item: Item) -> tuple[Item, RectificationPlan]:
    plan = _locked(item.plan)
    return Item.objects.select_for_update(of=("self",)).get(pk=item.pk), plan


@transaction.atomic
def change_item(*, actor, item: Item, data: ItemInput) -> Item:
    item, plan = _locked_item(item)
    _write_access(actor, plan)
    _item_gate(plan, new=False, item=item)
    fields, opinions, evaluation = checked_item(plan, data)
    before = {k: getattr(item, k) for k in ("item_class", "deadline", "responsible_name")}
    for name, value in fields.items():
        setattr(item, name, value)
    item.evaluation = evaluation
    item.save()
    item.opinions.set(opinions)
    after = {k: getattr(item, k) for k in before}
    audit.record(actor=actor, action="rectification.item.changed", target=item,
                 changes=audit.field_diff(before, after))
    return item


@transaction.atomic
def remove_item(*, actor, item: Item) -> None:
    item, plan = _locked_item(item)
    _write_access(actor, plan)
    _item_gate(plan, new=False, item=item)
    audit.record(actor=actor, action="rectification.item.removed", target=item,
                 changes={"problem": [len(item.problem), None]})
    item.delete()


# --- submission and decision ----------------------------------------------------------------

@transaction.atomic
def submit_plan(*, actor, plan: RectificationPlan) -> RectificationPlan:
    plan = _locked(plan)
    _write_access(actor, plan)
    reopened = plan.status == P.APPROVED and plan.reopened_at is not None
    if plan.status not in EDITABLE and not reopened:
        _refuse(_("Only a draft, a returned or a reopened plan is submitted."), "status")
    items = plan.items.all()
    if reopened:
        items = items.filter(created_at__gte=plan.reopened_at)
    if not items.exists():
        _refuse(_("Add the plan's items before submitting it.") if not reopened else
                _("Add the new items of the re-rectification before submitting the plan."),
                "no_items")
    before = plan.status
    plan.status, plan.submitted_at, plan.return_reason = P.SUBMITTED, clock.now(), ""
    plan.version += 1
    plan.save(update_fields=["status", "submitted_at", "return_reason", "version",
                             "updated_at"])
    sync_member_tasks(plan)
    audit.record(actor=actor, action="rectification.plan.submitted", target=plan,
                 changes={"status": [before, plan.status]})
    return plan


@transaction.atomic
def decide_plan(*, actor, plan: RectificationPlan, approve: bool,
                reason: str = "") -> RectificationPlan:
    """Approve, or return with a reason. Approval answers the linked opinions (their givers'
    receipts say so) and, for a member, completes the plan task."""
    plan = _locked(plan)
    if not may_decide(actor, plan):
        _refuse(_("This plan is decided one level up: a member's by their branch secretary or "
                  "the office, a branch's by the school office, the leadership team's by the "
                  "superior organization's office."), "forbidden")
    if plan.status != P.SUBMITTED:
        _refuse(_("Only a submitted plan is decided."), "status")
    # An office may write a unit's plan and also sits above it: it cannot pass its own.
    if audit.last_actor_id(plan, "rectification.plan.submitted") == actor.pk:
        _refuse(_("You submitted this plan yourself: another person decides it."), "own_plan")
    reason = (reason or "").strip()
    if not approve and not reason:
        _refuse(_("Give the reason for returning the plan."), "no_reason")
    if len(reason) > MAX_REASON:
        _refuse(_("The reason may be at most %(n)d characters.") % {"n": MAX_REASON},
                "long_reason")
    plan.status = P.APPROVED if approve else P.RETURNED
    plan.return_reason = "" if approve else reason
    plan.decided_at, plan.decided_by = clock.now(), actor
    answered = 0
    if approve:
        plan.reopened_at = None
        answered = Opinion.objects.filter(rectification_items__plan=plan,
                                          status=Opinion.Status.RELEASED).update(
            status=Opinion.Status.ANSWERED)
    plan.version += 1
    plan.save(update_fields=["status", "return_reason", "decided_at", "decided_by",
                             "reopened_at", "version", "updated_at"])
    sync_member_tasks(plan)
    audit.record(actor=actor, action="rectification.plan." + ("approved" if approve
                                                              else "returned"),
                 target=plan, changes={"status": [P.SUBMITTED, plan.status],
                                       "opinions_answered": [None, answered]})
    return plan


def _member_task(plan: RectificationPlan, kind: str) -> Assignment | None:
    return Assignment.objects.select_for_update(of=("self",)).filter(
        activity__plan_id=plan.activity.plan_id, activity__kind=kind,
        person_id=plan.person_id).first()


def ledger_solved(plan: RectificationPlan) -> bool:
    """Approved, and every item that can or must be solved is done or verified."""
    return plan.status == P.APPROVED and not plan.items.filter(
        item_class__in=(Item.Class.NOW, Item.Class.HARD)).exclude(status__in=SOLVED).exists()


def sync_member_tasks(plan: RectificationPlan) -> None:
    """A member's plan task is done while the plan is approved; their ledger task while it is
    approved and solved. Both move through the roll-up, in the caller's transaction."""
    if plan.owner_kind != Owner.MEMBER:
        return
    for kind, done in ((PLAN_KIND, plan.status == P.APPROVED),
                       (LEDGER_KIND, ledger_solved(plan))):
        task = _member_task(plan, kind)
        if task is not None and task.status != Assignment.Status.EXCUSED:
            rollup.set_status(task, Assignment.Status.DONE if done else
                              Assignment.Status.PENDING)


def school_members(organization: Organization):
    """The people a form offers as the responsible person: the school's members."""
    return (Person.objects.filter(
        pk__in=Member.objects.filter(organization__school_id=organization.school_id)
        .values("person_id")).order_by("name"))


def writable_units(user, activity: Activity) -> list[tuple[str, Organization]]:
    """(owner kind, organization) of the unit plans the user may start in the school plan."""
    units = []
    top = activity.plan.organization
    if access_scope.is_admin(user) or predicates.is_office.test(user, top) or \
            is_principal_of(user, top):
        units.append((Owner.TEAM, top))
    branches = Organization.objects.filter(
        audience.covered(activity.plan, ""), kind=Organization.Kind.BRANCH,
        members__isnull=False).filter(
        access_scope.subtree_filter(user, (Role.Kind.OFFICE, Role.Kind.SECRETARY))).distinct()
    units += [(Owner.ORGANIZATION, b) for b in branches.order_by("path")]
    return units
