"""Opinion intake (征求意见) as an activity kind: the plan gets an intake (the public form,
the two-person rule) and each member a task, done when they have read their feedback."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns import registry
from vanguard.campaigns.activities import AssignmentKind

INTAKE_KIND = "opinions.intake"


class IntakeKind(AssignmentKind):
    """Settings: `released_min_share` (default 1: every member's feedback released before
    the gate passes). The member's own check, feedback read, is the gate check's share."""

    key = INTAKE_KIND
    label = _("Opinion intake and feedback")

    def create_assignments(self, activity) -> int:
        from vanguard.opinions.services import intake

        intake.ensure_intake(activity)
        return super().create_assignments(activity)

    def task_panel(self, assignment, request) -> str:
        from vanguard.opinions import task_panels

        return task_panels.feedback_panel(assignment, request)

    def campaign_links(self, campaign, user) -> list[tuple[str, str]]:
        """The office sorts and releases; whoever runs a unit types in; a person gives
        opinions and reads their own feedback."""
        from django.urls import reverse

        from vanguard.access import scope as access_scope
        from vanguard.access.models import Role

        kinds = {r.kind for r in access_scope.roles_of(user)}
        links = []
        if kinds & {Role.Kind.OFFICE, Role.Kind.ADMIN, Role.Kind.SECRETARY}:
            links.append((gettext("Opinion intake"),
                          reverse("opinions:intake_index", args=[campaign.pk])))
        if kinds & {Role.Kind.OFFICE, Role.Kind.ADMIN}:
            links += [(gettext("Sorting opinions"), reverse("opinions:sorting",
                                                            args=[campaign.pk])),
                      (gettext("Release feedback"), reverse("opinions:release",
                                                            args=[campaign.pk]))]
        if hasattr(user, "person"):
            links += [(gettext("Give an opinion"), reverse("opinions:give", args=[campaign.pk])),
                      (gettext("My feedback"), reverse("opinions:my_feedback",
                                                       args=[campaign.pk]))]
        return links

    def gate_facts(self, activity, scope) -> list[tuple]:
        """Feedback released to members (the threshold from the settings), then the figures
        the plan asks to see: opinions per channel and per source group (shown, not waited
        for)."""
        from vanguard.opinions import selectors

        share = (activity.settings or {}).get("released_min_share", 1)
        released, members = selectors.feedback_released_count(activity, scope)
        facts = [(gettext("Members whose feedback is released"), released, members, share)]
        for label, count in selectors.gate_figures(activity, scope):
            facts.append((label, count, 0, 0))
        return facts


registry.register(IntakeKind())
