"""Democratic evaluation (民主评议) as an activity kind: each member's task is to read and
acknowledge the evaluation opinion the branch committee wrote for them.

Settings: `non_member_round` (non-members assess too, default false), `excellent_max`
(the largest share graded 优秀, a fraction such as "1/3"), `min_ballots` (results are shown
only with at least this many ballots, default 5)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns import registry
from vanguard.campaigns.activities import AssignmentKind

EVALUATION_KIND = "evaluations.evaluation"


class EvaluationKind(AssignmentKind):
    key = EVALUATION_KIND
    label = _("Democratic evaluation and evaluation opinions")

    def task_panel(self, assignment, request) -> str:
        from vanguard.evaluations import task_panels

        return task_panels.evaluation_panel(assignment, request)

    def campaign_links(self, campaign, user) -> list[tuple[str, str]]:
        from django.urls import reverse

        from vanguard.access import scope as access_scope

        links = []
        if access_scope.is_admin(user) or access_scope.role_paths(user, access_scope.READERS):
            links.append((gettext("Democratic evaluation"), reverse("evaluations:branches",
                                                                    args=[campaign.pk])))
        if hasattr(user, "person"):
            links += [(gettext("My evaluation"), reverse("evaluations:mine", args=[campaign.pk])),
                      (gettext("Vote"), reverse("evaluations:vote"))]
        return links

    def gate_facts(self, activity, scope) -> list[tuple]:
        from vanguard.evaluations.selectors import opinions_written_count

        written, required = opinions_written_count(activity, scope)
        return [(gettext("Members with an evaluation opinion"), written, required)]


registry.register(EvaluationKind())
