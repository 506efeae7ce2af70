"""Reads of the evaluations app, scoped to the viewer."""

from vanguard.campaigns.models import Assignment
from vanguard.evaluations.models import MemberGrade


def opinions_written_count(activity, scope) -> tuple[int, int]:
    """(members in scope with an evaluation opinion, members with the task). Two queries."""
    campaign_id = activity.plan.campaign_id
    required = Assignment.objects.filter(
        activity__plan__campaign_id=campaign_id, activity__key=activity.key,
        organization__path__startswith=scope.path).exclude(
        status=Assignment.Status.EXCUSED).count()
    written = MemberGrade.objects.filter(
        evaluation__campaign_id=campaign_id,
        evaluation__organization__path__startswith=scope.path).count()
    return written, required
