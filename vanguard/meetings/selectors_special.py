"""Reads for the special meetings (专题组织生活会, 民主生活会): who held them, with minutes."""

from vanguard.campaigns import audience
from vanguard.meetings.models import Meeting
from vanguard.people.models import LeadershipTeam, Organization


def _campaign_meetings(activity, scope, kind):
    return Meeting.objects.filter(
        kind=kind, activity__plan__campaign_id=activity.plan.campaign_id,
        activity__key=activity.key, organization__path__startswith=scope.path)


def branch_meetings_held(activity, scope) -> tuple[int, int]:
    """(branches in scope whose meeting has minutes, branches in scope with members)."""
    branches = Organization.objects.filter(
        audience.covered(activity.plan, ""), path__startswith=scope.path,
        kind=Organization.Kind.BRANCH, members__isnull=False).distinct().count()
    held = _campaign_meetings(activity, scope, Meeting.Kind.ORG_LIFE).exclude(
        minutes="").count()
    return held, branches


def team_meetings_held(activity, scope) -> tuple[int, int, int]:
    """(teams whose meeting has minutes, whose package the superior acknowledged, teams in
    scope)."""
    schools = Organization.objects.filter(audience.covered(activity.plan, ""),
                                          path__startswith=scope.path,
                                          school__isnull=False).values("school_id")
    teams = LeadershipTeam.objects.filter(school_id__in=schools).count()
    meetings = _campaign_meetings(activity, scope, Meeting.Kind.DEMOCRATIC_LIFE)
    held = meetings.exclude(minutes="").count()
    acknowledged = meetings.filter(package__acknowledged_at__isnull=False).count()
    return held, acknowledged, teams
