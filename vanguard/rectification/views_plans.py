"""Rectification plan pages: the campaign's plans (mine, my units', those I read or decide),
one plan with its items and the fed-back opinions no item answers, an item's editor, and
submitting and deciding a plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.access import scope as access_scope
from vanguard.campaigns.models import Assignment
from vanguard.campaigns.views.common import run_service
from vanguard.core import clock
from vanguard.core.errors import VanguardError
from vanguard.people.models import Organization, Person
from vanguard.rectification import selectors
from vanguard.rectification.forms_plans import DecisionForm, ItemForm
from vanguard.rectification.models import Item, Owner, RectificationPlan
from vanguard.rectification.services import plans as services

PAGE_SIZE = 30
P = RectificationPlan.Status


@login_required
def plan_list(request, campaign):
    campaign = selectors.get_campaign_for(request.user, campaign)
    step = selectors.plan_step_for(request.user, campaign)
    person = getattr(request.user, "person", None)
    has_task = step is not None and person is not None and Assignment.objects.filter(
        activity=step, person=person).exists()
    units = services.writable_units(request.user, step) if step is not None else []
    existing = selectors.unit_plans(campaign, [org for _kind, org in units])
    filters = {k: request.GET.get(k, "") for k in ("owner", "status")}
    page = None
    if access_scope.role_paths(request.user, access_scope.READERS) or \
            access_scope.is_admin(request.user):
        plans = selectors.plans_for(request.user, campaign)
        if filters["owner"] in Owner.values:
            plans = plans.filter(owner_kind=filters["owner"])
        if filters["status"] in P.values:
            plans = plans.filter(status=filters["status"])
        page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
        for plan in page:
            plan.can_decide = plan.status == P.SUBMITTED and services.may_decide(
                request.user, plan)
    return render(request, "rectification/plan_list.html", {
        "campaign": campaign, "step": step, "has_task": has_task,
        "my_plan": selectors.own_plan(person, campaign),
        "units": [(kind, org, existing.get((kind, org.pk))) for kind, org in units],
        "page": page, "filters": filters, "owners": Owner.choices, "statuses": P.choices,
    })


@login_required
@require_POST
def plan_start(request, campaign):
    """Start my plan, or a unit's (owner=organization|team, org=<pk>); an existing plan is
    opened instead."""
    campaign = selectors.get_campaign_for(request.user, campaign)
    step = selectors.plan_step_for(request.user, campaign)
    if step is None:
        raise Http404
    owner = request.POST.get("owner", "")
    person = organization = None
    if owner == Owner.MEMBER:
        # A member starts their own; whoever runs the branch may start one for a member
        # without an account (the service checks which).
        raw = request.POST.get("person", "")
        person = Person.objects.filter(pk=raw).first() if raw.isdigit() else \
            getattr(request.user, "person", None)
        existing = selectors.own_plan(person, campaign)
    else:
        raw = request.POST.get("org", "")
        organization = Organization.objects.filter(pk=raw).first() if raw.isdigit() else None
        existing = RectificationPlan.objects.filter(
            campaign=campaign, owner_kind=owner, organization=organization).first() \
            if organization is not None else None
    if existing is not None and selectors.can_read_plan(request.user, existing):
        return redirect("rectification:plan_detail", pk=existing.pk)
    try:
        plan = services.start_plan(actor=request.user, activity=step, owner_kind=owner,
                                   person=person, organization=organization)
    except VanguardError as exc:
        messages.error(request, exc.text)
        return redirect("rectification:plans", campaign=campaign.pk)
    return redirect("rectification:plan_detail", pk=plan.pk)


def _item_form(plan, data=None, **kwargs) -> ItemForm:
    return ItemForm(data, people=services.school_members(plan.organization),
                    opinions=selectors.fed_back_opinions(plan).only("id", "summary"),
                    findings=selectors.evaluation_findings(plan), **kwargs)


def _can_add(user, plan) -> bool:
    open_for_items = plan.status in services.EDITABLE or (
        plan.status == P.APPROVED and plan.reopened_at is not None)
    return open_for_items and services.may_write(user, plan)


def _detail(request, plan, *, item_form=None, decision_form=None):
    user = request.user
    can_write = services.may_write(user, plan)
    items = selectors.plan_items(plan)
    today = clock.today()
    for item in items:
        item.overdue = selectors.is_overdue(item, today)
        item.editable = can_write and (plan.status in services.EDITABLE or (
            plan.reopened_at is not None and item.created_at >= plan.reopened_at)) \
            and item.status == Item.Status.OPEN and plan.status != P.SUBMITTED
    can_add = _can_add(user, plan)
    can_decide = plan.status == P.SUBMITTED and services.may_decide(user, plan)
    return render(request, "rectification/plan_detail.html", {
        "plan": plan, "items": items, "unanswered": selectors.unanswered_opinions(plan),
        "item_form": item_form or (_item_form(plan) if can_add else None),
        "can_submit": can_write and items and (plan.status in services.EDITABLE or (
            plan.status == P.APPROVED and plan.reopened_at is not None)),
        "can_decide": can_decide,
        "decision_form": decision_form or (DecisionForm() if can_decide else None),
        "consolidation_end": services.consolidation_end(plan.campaign),
    })


@login_required
def plan_detail(request, pk):
    return _detail(request, selectors.get_plan_for(request.user, pk))


@login_required
@require_POST
def item_add(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    form = _item_form(plan, request.POST)
    if form.is_valid():
        try:
            services.add_item(actor=request.user, plan=plan, data=form.to_input())
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The item is added to the plan."))
            return redirect("rectification:plan_detail", pk=plan.pk)
    return _detail(request, plan, item_form=form)


@login_required
def item_edit(request, pk):
    item = selectors.get_item_for(request.user, pk)
    plan = selectors.get_plan_for(request.user, item.plan_id)
    if not services.may_write(request.user, plan):
        raise PermissionDenied
    form = _item_form(plan, request.POST or None, initial=ItemForm.initial_of(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_item(actor=request.user, item=item, data=form.to_input())
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The item is saved."))
            return redirect("rectification:plan_detail", pk=plan.pk)
    return render(request, "rectification/plan_item.html", {
        "plan": plan, "item": item, "form": form,
        "consolidation_end": services.consolidation_end(plan.campaign)})


@login_required
@require_POST
def item_remove(request, pk):
    item = selectors.get_item_for(request.user, pk)
    run_service(request, lambda: services.remove_item(actor=request.user, item=item),
                success=_("The item is removed from the plan."))
    return redirect("rectification:plan_detail", pk=item.plan_id)


@login_required
@require_POST
def plan_submit(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    run_service(request, lambda: services.submit_plan(actor=request.user, plan=plan),
                success=_("The plan is submitted for a decision."))
    return redirect("rectification:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_decide(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.decide_plan(actor=request.user, plan=plan, approve=approve,
                                 reason=form.cleaned_data["reason"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The plan is approved.") if approve else
                             _("The plan is returned with your reason."))
            return redirect("rectification:plan_detail", pk=plan.pk)
    return _detail(request, plan, decision_form=form)
