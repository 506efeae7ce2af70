"""The generic activity kind `campaigns.task`: each person marks the step done.

Steps whose own pages arrive with later work (study sessions, opinions, talks …) use it, so
that every step of a plan has tasks and progress from the first day.
"""

from django.utils.translation import gettext_lazy as _

from vanguard.campaigns import audience, registry
from vanguard.campaigns.models import Assignment


class AssignmentKind:
    """The shared base: assignments for an audience, done when their status says so."""

    key = ""
    label = ""

    def audience(self, activity) -> audience.Audience:
        return audience.for_activity(activity)

    def create_assignments(self, activity) -> int:
        rows = [Assignment(activity=activity, person_id=person_id, organization_id=org_id,
                           due_on=activity.due_on)
                for person_id, org_id in self.audience(activity)]
        return len(Assignment.objects.bulk_create(rows, ignore_conflicts=True))

    def is_done(self, assignment) -> bool:
        return assignment.status == Assignment.Status.DONE

    def progress(self, activity, scope) -> tuple[int, int]:
        return registry.assignment_progress(activity, scope)


class TaskKind(AssignmentKind):
    key = "campaigns.task"
    label = _("Task marked done by each person")


registry.register(TaskKind())
