"""A phase's gate: its checks with their numbers, closing it, or overriding with a reason."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.campaigns import selectors, services
from vanguard.campaigns.forms import ClosePhaseForm
from vanguard.campaigns.gates import evaluate_gate
from vanguard.campaigns.views.common import run_service


@login_required
def phase_gate(request, pk):
    phase = selectors.get_phase_for(request.user, pk)
    checks = evaluate_gate(phase)
    return render(request, "campaigns/phase_gate.html", {
        "phase": phase, "plan": phase.plan, "checks": checks,
        "passes": all(c.passed for c in checks),
        "can_close": request.user.has_perm("campaigns.close_phase", phase),
        "form": ClosePhaseForm(),
    })


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
