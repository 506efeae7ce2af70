"""Reading a phase's gate: each check with its numbers, and whether the whole gate passes."""

from dataclasses import dataclass
from decimal import Decimal

from vanguard.campaigns import registry
from vanguard.campaigns.models import Phase


@dataclass(frozen=True)
class CheckResult:
    label: str
    activity_key: str
    done: int
    required: int
    min_share: Decimal

    @property
    def share(self) -> Decimal | None:
        return Decimal(self.done) / self.required if self.required else None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else int(self.share * 100)

    @property
    def is_figure(self) -> bool:
        """A number the gate shows without waiting for it (opinions per channel …)."""
        return self.required == 0 and self.min_share == 0

    @property
    def passed(self) -> bool:
        # A check with nobody required (no secretaries in scope, say) has nothing to wait for.
        return self.required == 0 or self.share >= self.min_share


def evaluate_gate(phase: Phase) -> list[CheckResult]:
    """One aggregate query per check, over the phase's plan organization's subtree."""
    activities = {a.key: a for a in phase.plan.activities.select_related("plan")}
    results = []
    for check in phase.gate:
        activity = activities.get(check["activity"])
        if activity is None:  # the template names it, but this plan lost it: never passes
            results.append(CheckResult(check.get("label") or check["activity"],
                                       check["activity"], 0, 1, Decimal(check["min_share"])))
            continue
        kind = registry.get(activity.kind)
        done, required = kind.progress(activity, phase.plan.organization)
        results.append(CheckResult(check.get("label") or activity.name, activity.key, done,
                                   required, Decimal(check["min_share"])))
        for fact in getattr(kind, "gate_facts", _none)(activity, phase.plan.organization):
            label, fact_done, fact_required, *threshold = fact
            results.append(CheckResult(label, activity.key, fact_done, fact_required,
                                       Decimal(threshold[0] if threshold else 1)))
    for provider in registry.phase_fact_providers():  # facts of no activity (graduates …)
        for label, fact_done, fact_required, *threshold in provider.gate_facts(
                phase, phase.plan.organization):
            results.append(CheckResult(label, provider.key, fact_done, fact_required,
                                       Decimal(threshold[0] if threshold else 1)))
    return results


def _none(activity, scope):
    return []


def gate_passes(phase: Phase) -> bool:
    return all(result.passed for result in evaluate_gate(phase))


MISSING_LIMIT = 30


def missing_items(phase: Phase, checks: list[CheckResult],
                  limit: int = MISSING_LIMIT) -> dict[str, tuple[list[str], int]]:
    """For each failing check, who or what is still missing, by name: {activity key: (the
    first `limit` names, how many more)}. A kind may say it itself (`gate_missing(activity,
    scope, limit)`: talk pairs, schools without a disclosure …); otherwise the people whose
    task is still pending. One or two queries per failing check, on the gate page only."""
    activities = {a.key: a for a in phase.plan.activities.select_related("plan__organization")}
    missing = {}
    for check in checks:
        activity = activities.get(check.activity_key)
        if check.passed or activity is None or check.activity_key in missing:
            continue
        kind = registry.get(activity.kind)
        finder = getattr(kind, "gate_missing", _pending_people)
        missing[check.activity_key] = finder(activity, phase.plan.organization, limit)
    # A provider's names are listed whenever it shows a row, passed or not (the graduates
    # still unreached stand under the figure that counts them).
    shown = {check.activity_key for check in checks}
    for provider in registry.phase_fact_providers():
        finder = getattr(provider, "gate_missing", None)
        if finder is None or provider.key not in shown or provider.key in missing:
            continue
        names, more = finder(phase, phase.plan.organization, limit)
        if names:
            missing[provider.key] = (names, more)
    return missing


def _pending_people(activity, scope, limit) -> tuple[list[str], int]:
    from vanguard.campaigns.models import Assignment

    pending = (Assignment.objects.filter(
        activity__plan__campaign_id=activity.plan.campaign_id, activity__key=activity.key,
        organization__path__startswith=scope.path, required=True,
        status=Assignment.Status.PENDING)
        .order_by("organization__path", "person__name"))
    total = pending.count()
    names = [f"{name}（{org}）" for name, org in
             pending.values_list("person__name", "organization__name")[:limit]]
    return names, total - len(names)
