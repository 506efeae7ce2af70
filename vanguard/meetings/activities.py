"""The mobilization meeting as an activity kind: members must attend, activists are invited."""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns import audience, registry
from vanguard.campaigns.activities import AssignmentKind
from vanguard.campaigns.models import Assignment


class MobilizationMeetingKind(AssignmentKind):
    key = "meetings.mobilization"
    label = _("Mobilization meeting with attendance")

    def create_assignments(self, activity) -> int:
        """Members get a required assignment; activists an invitation that counts apart."""
        rows = [Assignment(activity=activity, person_id=person_id, organization_id=org_id,
                           due_on=activity.due_on, required=True)
                for person_id, org_id in audience.members(activity.plan)]
        members = {row.person_id for row in rows}
        rows += [Assignment(activity=activity, person_id=person_id, organization_id=org_id,
                            due_on=activity.due_on, required=False)
                 for person_id, org_id in audience.activists(activity.plan)
                 if person_id not in members]
        return len(Assignment.objects.bulk_create(rows, ignore_conflicts=True))

    def task_panel(self, assignment, request) -> str:
        """The make-up block for a missed meeting; nothing for a task done or not yet due."""
        if assignment.status != Assignment.Status.PENDING:
            return ""
        from vanguard.meetings import selectors

        # The form's token is passed in; rendering with the request would run every context
        # processor (and its queries) again for this one panel.
        return render_to_string("meetings/_makeup_task.html",
                                {"attendance": selectors.makeup_of(assignment.pk),
                                 "csrf_token": get_token(request)})

    def is_done(self, assignment) -> bool:
        # Present at the meeting; the attendance service keeps the status in step.
        return assignment.status == Assignment.Status.DONE


registry.register(MobilizationMeetingKind())
