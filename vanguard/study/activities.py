"""Phase 1's activity kinds. Each is done when the study services say so: they keep the
member's assignment in step (`services.progress.mark`) whenever the facts behind it change."""

from django.utils.translation import gettext_lazy as _

from vanguard.campaigns import registry
from vanguard.campaigns.activities import AssignmentKind


class HoursKind(AssignmentKind):
    """Done when the member's organized hours reach `min_hours` (and each kind's minimum in
    `min_hours_by_kind`), or the member is exempt with a recorded reason (excused)."""

    key = "study.hours"
    label = _("Organized study hours")

    def task_panel(self, assignment, request) -> str:
        from vanguard.study import task_panels

        return task_panels.hours_panel(assignment, request)


class ReadingKind(AssignmentKind):
    """Done when every required reading is marked read and `min_count` reading notes of at
    least `min_characters` are submitted."""

    key = "study.reading"
    label = _("Reading list and reading notes")

    def task_panel(self, assignment, request) -> str:
        from vanguard.study import task_panels

        return task_panels.reading_panel(assignment, request)


class ReflectionKind(AssignmentKind):
    """Done when `min_count` reflections of at least `min_characters` are submitted."""

    key = "study.reflection"
    label = _("Written reflections")

    def task_panel(self, assignment, request) -> str:
        from vanguard.study import task_panels

        return task_panels.reflection_panel(assignment, request)


class DiscussionKind(AssignmentKind):
    """Done when the member has posted in the campaign's discussion; the gate also asks that
    the distilled requirements are published."""

    key = "study.discussion"
    label = _("The big discussion")

    def task_panel(self, assignment, request) -> str:
        from vanguard.study import task_panels

        return task_panels.discussion_panel(assignment, request)

    def gate_facts(self, activity, scope) -> list[tuple[str, int, int]]:
        """The gate's second check: a published list of requirements applies to `scope`."""
        from django.utils.translation import gettext

        from vanguard.study.selectors_discussion import requirements_published_for

        done = requirements_published_for(activity.plan.campaign_id, scope)
        return [(gettext("Requirements published"), 1 if done else 0, 1)]


for kind in (HoursKind(), ReadingKind(), ReflectionKind(), DiscussionKind()):
    registry.register(kind)
