"""Reads of the talks app: coverage of the required pairs, scoped to the viewer."""

from django.db.models import Count, Q

from vanguard.talks.models import REQUIRED_RULES, Talk, TalkPair


def pair_progress(activity, scope) -> tuple[int, int]:
    """(required pairs done, required pairs) in `scope`'s subtree, over the campaign (so a
    district's figure sums its schools'). One aggregate query."""
    counts = TalkPair.objects.filter(
        campaign_id=activity.plan.campaign_id, organization__path__startswith=scope.path,
    ).aggregate(done=Count("pk", filter=Q(state=TalkPair.State.DONE)), required=Count("pk"))
    return counts["done"], counts["required"]


def recommended_count(activity, scope) -> int:
    """Talks recorded beyond the required pairs, in `scope`'s subtree."""
    return Talk.objects.filter(campaign_id=activity.plan.campaign_id,
                               organization__path__startswith=scope.path) \
        .exclude(rule__in=REQUIRED_RULES).count()
