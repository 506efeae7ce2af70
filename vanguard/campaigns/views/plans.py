"""A plan: read it, adjust a draft, add or drop steps, submit it, approve or return it, Word."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.campaigns import selectors, services
from vanguard.campaigns.forms import AddActivityForm, PlanEditForm, ReturnPlanForm
from vanguard.campaigns.models import Activity
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError


@login_required
def plan_detail(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    return render(request, "campaigns/plan_detail.html", {
        "plan": plan, "outline": selectors.plan_outline(plan),
        "can_edit": request.user.has_perm("campaigns.edit_plan", plan),
        "can_decide": request.user.has_perm("campaigns.decide_plan", plan),
        "return_form": ReturnPlanForm(),
        "add_form": AddActivityForm(plan=plan),
        # The edit page keeps a draft in the browser; arriving here after a save clears it.
        "draft_saved": request.GET.get("saved") == "1",
    })


@login_required
def plan_edit(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    if not request.user.has_perm("campaigns.edit_plan", plan):
        raise PermissionDenied
    outline = selectors.plan_outline(plan)
    initial = {"version": plan.version, "title": plan.title, "preamble": plan.preamble}
    form = PlanEditForm(request.POST or None, initial=initial, outline=outline)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan(
                actor=request.user, plan=plan, version=form.cleaned_data["version"],
                title=form.cleaned_data["title"], preamble=form.cleaned_data["preamble"],
                phase_dates=form.phase_dates(), activity_dates=form.activity_dates(),
                override_exam=form.cleaned_data["override_exam"],
                override_reason=form.cleaned_data["override_reason"])
        except VanguardError as exc:
            # The form keeps what was typed: nothing is lost when a save is refused.
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect(reverse("campaigns:plan", args=[plan.pk]) + "?saved=1")
    return render(request, "campaigns/plan_edit.html", {"plan": plan, "form": form})


@login_required
@require_POST
def activity_add(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    form = AddActivityForm(request.POST, plan=plan)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("campaigns:plan", pk=plan.pk)
    phase = get_object_or_404(plan.phases, pk=form.cleaned_data["phase"])
    run_service(request, lambda: services.add_activity(
        actor=request.user, plan=plan, phase=phase, kind=form.cleaned_data["kind"],
        name=form.cleaned_data["name"], description=form.cleaned_data["description"],
        starts_on=form.cleaned_data["starts_on"], due_on=form.cleaned_data["due_on"],
        override_exam=form.cleaned_data["override_exam"],
        override_reason=form.cleaned_data["override_reason"]),
        success=_("The step is added."))
    return redirect("campaigns:plan", pk=plan.pk)


@login_required
@require_POST
def activity_remove(request, pk):
    activity = get_object_or_404(Activity.objects.select_related("plan"), pk=pk)
    plan = selectors.get_plan_for(request.user, activity.plan_id)
    run_service(request, lambda: services.remove_activity(actor=request.user, activity=activity),
                success=_("The step is removed."))
    return redirect("campaigns:plan", pk=plan.pk)


@login_required
@require_POST
def plan_submit(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    run_service(request, lambda: services.submit_plan(actor=request.user, plan=plan),
                success=_("The plan is submitted to the office above."))
    return redirect("campaigns:plan", pk=plan.pk)


@login_required
@require_POST
def plan_decide(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    if request.POST.get("decision") == "approve":
        run_service(request, lambda: services.approve_plan(actor=request.user, plan=plan),
                    success=_("The plan is approved; its tasks are given out."))
        return redirect("campaigns:plan", pk=plan.pk)
    form = ReturnPlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the plan is returned (at least 5 characters)."))
        return redirect("campaigns:plan", pk=plan.pk)
    run_service(request, lambda: services.return_plan(
        actor=request.user, plan=plan, reason=form.cleaned_data["reason"]),
        success=_("The plan is returned with your reason."))
    return redirect("campaigns:plan", pk=plan.pk)


@login_required
def plan_word(request, pk):
    from vanguard.campaigns.documents import plan_document

    plan = selectors.get_plan_for(request.user, pk)
    response = HttpResponse(
        plan_document(plan),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f"attachment; filename=plan-{plan.pk}.docx"
    return response
