"""Rectification's activity kinds: each member's plan (and each organization's and team's),
the ledger of items being solved, and the school's disclosure to the public.

Settings of `rectification.plan`: `member_items_public` (default false: a member's own
items are not in the public disclosure)."""

from django.utils.translation import gettext_lazy as _

from vanguard.campaigns import audience, registry
from vanguard.campaigns.activities import AssignmentKind

PLAN_KIND = "rectification.plan"
LEDGER_KIND = "rectification.ledger"
DISCLOSURE_KIND = "rectification.disclosure"


class PlanKind(AssignmentKind):
    """A member's task: their own plan, done when approved. Organizations' and teams' plans
    are facts of the gate."""

    key = PLAN_KIND
    label = _("Rectification plans (members, organizations, teams)")

    def task_panel(self, assignment, request) -> str:
        from vanguard.rectification import task_panels

        return task_panels.plan_panel(assignment, request)

    def gate_facts(self, activity, scope) -> list[tuple]:
        from vanguard.rectification.selectors import unit_plans_approved

        facts = []
        for label, done, required in unit_plans_approved(activity, scope):
            facts.append((label, done, required))
        return facts


class LedgerKind(AssignmentKind):
    """A member's task: their items solved (done or verified), except those that cannot be
    solved yet. The gate shows the overdue items as a figure."""

    key = LEDGER_KIND
    label = _("Solving the problems (the ledger)")

    def task_panel(self, assignment, request) -> str:
        from vanguard.rectification import task_panels

        return task_panels.ledger_panel(assignment, request)

    def gate_facts(self, activity, scope) -> list[tuple]:
        from vanguard.rectification.selectors import ledger_figures

        return [(label, count, 0, 0) for label, count in ledger_figures(activity, scope)]


class DisclosureKind:
    """No personal tasks: each school publishes its disclosure; progress counts schools."""

    key = DISCLOSURE_KIND
    label = _("Disclosure of the rectification to the public")

    def create_assignments(self, activity) -> int:
        return 0

    def is_done(self, assignment) -> bool:
        return False

    def progress(self, activity, scope) -> tuple[int, int]:
        from vanguard.rectification.models import Disclosure

        published = (Disclosure.objects.filter(campaign_id=activity.plan.campaign_id,
                                               organization__path__startswith=scope.path)
                     .values("organization_id").distinct().count())
        return published, audience.school_count(activity.plan, scope)

    def gate_facts(self, activity, scope) -> list[tuple]:
        return []


for kind in (PlanKind(), LedgerKind(), DisclosureKind()):
    registry.register(kind)

