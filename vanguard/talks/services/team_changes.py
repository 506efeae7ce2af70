"""When a school's leadership team changes (people.signals.team_changed), the required
talk pairs of the steps the school follows are brought up to date at once."""

from vanguard.campaigns.models import Activity, Campaign, Phase, Plan
from vanguard.people.models import Organization
from vanguard.talks.activities import TALKS_KIND
from vanguard.talks.services.pairs import refresh_pairs


def refresh_for_school(school_id: int, **_signal) -> int:
    """Refresh the required talk pairs of the running campaigns' talks steps this school
    follows (approved plan, phase not closed); the number of steps refreshed.

    The pairs are read from the team (principal with members, members with each other,
    members with the heads of the departments they oversee); without this the office would
    have to press "refresh the pairs" on the talks page after every team change. The refresh
    is idempotent and keeps every pair a recorded talk covers."""
    top = (Organization.objects.filter(school_id=school_id).order_by("depth", "path")
           .first())
    if top is None:
        return 0
    step = Organization.steplen
    paths = [top.path[:end] for end in range(step, len(top.path) + 1, step)]
    steps = (Activity.objects.filter(kind=TALKS_KIND, plan__organization__path__in=paths,
                                     plan__campaign__state=Campaign.State.RUNNING)
             .select_related("plan__organization", "phase")
             .order_by("plan__campaign_id", "-plan__organization__depth"))
    # The deepest plan above the school is the one it follows, per campaign.
    followed: dict[int, Activity] = {}
    for activity in steps:
        followed.setdefault(activity.plan.campaign_id, activity)
    refreshed = 0
    for activity in followed.values():
        if (activity.plan.status == Plan.Status.APPROVED
                and activity.phase.state != Phase.State.CLOSED):
            refresh_pairs(activity)
            refreshed += 1
    return refreshed
