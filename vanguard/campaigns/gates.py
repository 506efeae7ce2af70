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
    return results


def _none(activity, scope):
    return []


def gate_passes(phase: Phase) -> bool:
    return all(result.passed for result in evaluate_gate(phase))
