"""A phase's gate: its checks with their numbers, closing it, or overriding with a reason."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.campaigns import selectors, services
from vanguard.campaigns.forms import ClosePhaseForm
from vanguard.campaigns.gates import evaluate_gate, missing_items
from vanguard.campaigns.views.common import run_service


@login_required
def phase_gate(request, pk):
    phase = selectors.get_phase_for(request.user, pk)
    checks = evaluate_gate(phase)
    # The names behind a failing check are for those who read the whole plan's unit (a
    # branch secretary reading the school's plan sees the numbers only).
    missing = (missing_items(phase, checks)
               if request.user.has_perm("campaigns.view_progress", phase.plan.organization)
               else {})
    return render(request, "campaigns/phase_gate.html", {
        "phase": phase, "plan": phase.plan, "missing": missing,
        "checks": _with_missing(checks, missing),
        "passes": all(check.passed for check in checks),
        "can_close": request.user.has_perm("campaigns.close_phase", phase),
        "form": ClosePhaseForm(),
    })


def _with_missing(checks, missing):
    """(check, names) rows: the names go with a step's own check (its first row), not with
    the facts that follow it."""
    seen, rows = set(), []
    for check in checks:
        first = check.activity_key not in seen
        seen.add(check.activity_key)
        rows.append((check, missing.get(check.activity_key) if first else None))
    return rows


@login_required
@require_POST
def phase_close(request, pk):
    phase = selectors.get_phase_for(request.user, pk)
    form = ClosePhaseForm(request.POST)
    reason = form.cleaned_data["override_reason"] if form.is_valid() else ""
    run_service(request, lambda: services.close_phase(actor=request.user, phase=phase,
                                                      override_reason=reason),
                success=_("The phase is closed."))
    return redirect("campaigns:phase", pk=phase.pk)
