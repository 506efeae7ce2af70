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


def _links(campaign, user, *names) -> list[tuple[str, str]]:
    from django.urls import reverse

    labels = {"plans": _("Rectification plans"), "ledger": _("Rectification ledger")}
    return [(str(labels[name]), reverse(f"rectification:{name}", args=[campaign.pk]))
            for name in names]


def _reads_or_writes(user) -> bool:
    from vanguard.access import scope

    return hasattr(user, "person") or scope.is_admin(user) or bool(
        scope.role_paths(user, scope.READERS))


class PlanKind(AssignmentKind):
    """A member's task: their own plan, done when approved. Organizations' and teams' plans
    are facts of the gate."""

    key = PLAN_KIND
    label = _("Rectification plans (members, organizations, teams)")

    def task_panel(self, assignment, request) -> str:
        from vanguard.rectification import task_panels

        return task_panels.plan_panel(assignment, request)

    def campaign_links(self, campaign, user) -> list[tuple[str, str]]:
        return _links(campaign, user, "plans") if _reads_or_writes(user) else []

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

    def campaign_links(self, campaign, user) -> list[tuple[str, str]]:
        return _links(campaign, user, "ledger") if _reads_or_writes(user) else []

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

    def campaign_links(self, campaign, user) -> list[tuple[str, str]]:
        """The office's disclosure and lasting rules, for the school it runs."""
        from django.urls import reverse

        from vanguard.access import scope
        from vanguard.access.models import Role

        school = scope.start_organization(user, (Role.Kind.OFFICE,))
        if school is None or school.school_id is None:
            return []
        return [(str(_("Disclosure")), reverse("rectification:disclosures",
                                               args=[campaign.pk, school.code])),
                (str(_("Lasting rules")), reverse("rectification:rules",
                                                  args=[campaign.pk, school.code]))]


for kind in (PlanKind(), LedgerKind(), DisclosureKind()):
    registry.register(kind)

