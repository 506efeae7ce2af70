"""Reads of the analyses app, scoped to the viewer."""

from vanguard.analyses.models import SelfAnalysis
from vanguard.campaigns.models import Assignment

REVIEWED = (SelfAnalysis.Status.APPROVED, SelfAnalysis.Status.REVISING,
            SelfAnalysis.Status.FINAL)


def reviewed_count(activity, scope) -> tuple[int, int]:
    """(people in scope whose analysis passed review, people with the task). Two queries."""
    campaign_id = activity.plan.campaign_id
    required = Assignment.objects.filter(
        activity__plan__campaign_id=campaign_id, activity__key=activity.key,
        organization__path__startswith=scope.path).exclude(
        status=Assignment.Status.EXCUSED).count()
    reviewed = SelfAnalysis.objects.filter(
        campaign_id=campaign_id, status__in=REVIEWED,
        organization__path__startswith=scope.path).count()
    return reviewed, required
