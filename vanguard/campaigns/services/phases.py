"""Phases follow the calendar and the gates: opened when due, closed when the gate passes."""

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.gates import gate_passes
from vanguard.campaigns.models import Campaign, Phase, Plan
from vanguard.campaigns.services.permissions import require
from vanguard.core import clock

MIN_OVERRIDE_REASON = 10


@transaction.atomic
def open_phase(*, actor, phase: Phase) -> Phase:
    require(actor, "campaigns.close_phase", phase)
    if phase.state != Phase.State.PENDING:
        raise CampaignError(_("Only a phase that has not started can be opened."),
                            code="not_pending")
    if phase.plan.status != Plan.Status.APPROVED:
        raise CampaignError(_("The plan must be approved before its phases open."),
                            code="plan_not_approved")
    previous = _previous(phase)
    if previous is not None and previous.state != Phase.State.CLOSED:
        raise CampaignError(_("The phase before it (%(name)s) is not closed yet.")
                            % {"name": previous.name}, code="previous_open")
    phase.state = Phase.State.OPEN
    phase.opened_at = clock.now()
    phase.save(update_fields=["state", "opened_at", "updated_at"])
    audit.record(actor=actor, action="campaigns.phase.opened", target=phase,
                 changes={"state": [Phase.State.PENDING, Phase.State.OPEN]})
    return phase


@transaction.atomic
def close_phase(*, actor, phase: Phase, override_reason: str = "") -> Phase:
    """Close when the gate passes; otherwise only with a written reason from the office."""
    require(actor, "campaigns.close_phase", phase)
    phase = Phase.objects.select_for_update(of=("self",)).select_related(
        "plan__organization").get(pk=phase.pk)
    if phase.state != Phase.State.OPEN:
        raise CampaignError(_("Only an open phase can be closed."), code="not_open")
    override_reason = override_reason.strip()
    if not gate_passes(phase):
        if actor is None:
            raise CampaignError(_("The gate has not passed."), code="gate_failed")
        if len(override_reason) < MIN_OVERRIDE_REASON:
            raise CampaignError(
                _("The gate's checks have not all passed. To close the phase anyway, write the "
                  "reason (at least %(n)d characters).") % {"n": MIN_OVERRIDE_REASON},
                code="gate_failed")
    elif override_reason:
        override_reason = ""  # the gate passed: nothing was overridden
    phase.state = Phase.State.CLOSED
    phase.closed_at = clock.now()
    phase.override_reason = override_reason
    phase.save(update_fields=["state", "closed_at", "override_reason", "updated_at"])
    changes = {"state": [Phase.State.OPEN, Phase.State.CLOSED]}
    if override_reason:
        changes["override_reason"] = [None, override_reason]
    audit.record(actor=actor, action="campaigns.phase.closed", target=phase, changes=changes)
    open_due_phases(phase.plan)
    return phase


def _previous(phase: Phase) -> Phase | None:
    if phase.kind == Phase.Kind.TRACK:
        return None
    return phase.plan.phases.filter(kind=Phase.Kind.PHASE, order__lt=phase.order) \
        .order_by("-order").first()


def open_due_phases(plan: Plan, *, today=None) -> list[Phase]:
    """Open, as the system, each pending phase whose start date has come and whose
    predecessor is closed. Phases of an unapproved plan wait."""
    if plan.status != Plan.Status.APPROVED:
        return []
    today = today or clock.today()
    opened = []
    for phase in plan.phases.filter(state=Phase.State.PENDING, starts_on__lte=today) \
            .order_by("kind", "order"):
        previous = _previous(phase)
        if previous is None or previous.state == Phase.State.CLOSED:
            opened.append(open_phase(actor=None, phase=phase))
    return opened


def advance_phases(*, today=None) -> dict[str, int]:
    """The calendar's step (a Celery beat task): close finished phases whose gate passes,
    then open what is due. Each change is audited with the actor "system"."""
    today = today or clock.today()
    closed = 0
    overdue = Phase.objects.filter(state=Phase.State.OPEN, ends_on__lt=today,
                                   plan__campaign__state=Campaign.State.RUNNING)
    for phase in overdue.select_related("plan"):
        if gate_passes(phase):
            close_phase(actor=None, phase=phase)
            closed += 1
    opened = 0
    plans = Plan.objects.filter(status=Plan.Status.APPROVED,
                                campaign__state=Campaign.State.RUNNING,
                                phases__state=Phase.State.PENDING,
                                phases__starts_on__lte=today).distinct()
    for plan in plans.select_related("organization"):
        opened += len(open_due_phases(plan, today=today))
    return {"closed": closed, "opened": opened}
