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


class OrgLifeMeetingKind(AssignmentKind):
    """The special organizational-life meeting (专题组织生活会), one per branch. A member's
    task is done when they took part and made their self-criticism."""

    key = "meetings.org_life"
    label = _("Special organizational-life meeting, per branch")

    def task_panel(self, assignment, request) -> str:
        from vanguard.meetings import task_panels_special

        return task_panels_special.special_meeting_panel(assignment, request)

    def gate_facts(self, activity, scope) -> list[tuple]:
        from django.utils.translation import gettext

        from vanguard.meetings.selectors_special import branch_meetings_held

        held, branches = branch_meetings_held(activity, scope)
        return [(gettext("Branches that held the meeting, with minutes"), held, branches)]


class DemocraticLifeMeetingKind(AssignmentKind):
    """The leadership team's democratic-life meeting (民主生活会), one per school: the
    leaders take part; the materials go to the superior, who acknowledges them."""

    key = "meetings.democratic_life"
    label = _("Democratic-life meeting of the leadership team")

    def audience(self, activity):
        return audience.leaders(activity.plan)

    def campaign_links(self, campaign, user) -> list[tuple[str, str]]:
        """The materials sent up by the schools, for the office above them."""
        from django.urls import reverse

        from vanguard.access import scope as access_scope

        if access_scope.is_admin(user) or access_scope.role_paths(user, ("office",)):
            return [(str(_("Democratic-life meeting materials")), reverse("meetings:packages"))]
        return []

    def task_panel(self, assignment, request) -> str:
        from vanguard.meetings import task_panels_special

        return task_panels_special.special_meeting_panel(assignment, request)

    def gate_facts(self, activity, scope) -> list[tuple]:
        from django.utils.translation import gettext

        from vanguard.meetings.selectors_special import team_meetings_held

        held, acknowledged, teams = team_meetings_held(activity, scope)
        return [(gettext("Teams that held the meeting, with minutes"), held, teams),
                (gettext("Material packages acknowledged by the superior"), acknowledged,
                 teams)]


registry.register(OrgLifeMeetingKind())
registry.register(DemocraticLifeMeetingKind())


class FollowUpMeetingKind(AssignmentKind):
    """The branch's organizational-life meeting on rectification (整改专题组织生活会): members
    report their progress; a member's task is done when present with their progress noted."""

    key = "meetings.follow_up"
    label = _("Organizational-life meeting on rectification, per branch")

    def task_panel(self, assignment, request) -> str:
        from vanguard.meetings import task_panels_follow_up

        return task_panels_follow_up.follow_up_panel(assignment, request)

    def gate_facts(self, activity, scope) -> list[tuple]:
        from django.utils.translation import gettext

        from vanguard.meetings.selectors_special import follow_up_meetings_held

        held, branches = follow_up_meetings_held(activity, scope)
        return [(gettext("Branches that held the meeting, with minutes"), held, branches)]


registry.register(FollowUpMeetingKind())
