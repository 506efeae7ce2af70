"""Heart-to-heart talks (谈心) as an activity kind. Progress is the share of the required
pairs done in a scope (one aggregate over `TalkPair`); everyone in a required pair has a
task, done when all their required pairs are done."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns import registry
from vanguard.campaigns.activities import AssignmentKind

TALKS_KIND = "talks.talks"


class TalksKind(AssignmentKind):
    key = TALKS_KIND
    label = _("Heart-to-heart talks")

    def create_assignments(self, activity) -> int:
        """Make the plan's required pairs, then a task for each person in one."""
        from vanguard.talks.services import pairs

        return pairs.refresh_pairs(activity)

    def progress(self, activity, scope) -> tuple[int, int]:
        from vanguard.talks import selectors

        return selectors.pair_progress(activity, scope)

    def task_panel(self, assignment, request) -> str:
        from vanguard.talks import task_panels

        return task_panels.talks_panel(assignment, request)

    def campaign_links(self, campaign, user) -> list[tuple[str, str]]:
        from django.urls import reverse

        from vanguard.access import scope as access_scope

        links = []
        if access_scope.is_admin(user) or access_scope.role_paths(user, access_scope.READERS):
            links.append((gettext("Talk coverage"), reverse("talks:coverage",
                                                            args=[campaign.pk])))
        if hasattr(user, "person"):
            links.append((gettext("My heart-to-heart talks"), reverse("talks:my_talks",
                                                                      args=[campaign.pk])))
        return links

    def gate_missing(self, activity, scope, limit) -> tuple[list[str], int]:
        """The required pairs not yet done, by name (waiting ones say so)."""
        from vanguard.talks import selectors

        return selectors.pairs_missing(activity, scope, limit)

    def gate_facts(self, activity, scope) -> list[tuple]:
        """Recommended talks are shown as a figure, never waited for."""
        from vanguard.talks import selectors

        return [(gettext("Recommended talks recorded"),
                 selectors.recommended_count(activity, scope), 0, 0)]


registry.register(TalksKind())
