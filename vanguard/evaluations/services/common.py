"""What the evaluation services share: the permission check, the locked row, the branch's
members and the activity's settings."""

from fractions import Fraction

from django.utils.translation import gettext as _

from vanguard.campaigns.models import Campaign
from vanguard.evaluations.errors import EvaluationError
from vanguard.evaluations.models import Evaluation
from vanguard.people.models import Member

DEFAULT_MIN_BALLOTS = 5
DEFAULT_EXCELLENT_MAX = "1/3"
# The stages in which ballots may still change (voters added, paper marked, tallies keyed).
BEFORE_GRADES = (Evaluation.Stage.SELF, Evaluation.Stage.VOTING, Evaluation.Stage.CLOSED)


def require(actor, perm: str, obj=None) -> None:
    if not actor.has_perm(perm, obj):
        raise EvaluationError(_("You are not allowed to do this here."), code="forbidden")


def locked(evaluation: Evaluation) -> Evaluation:
    """The evaluation's row, locked for the rest of the transaction, read fresh."""
    return (Evaluation.objects.select_for_update(of=("self",))
            .select_related("organization", "campaign", "activity__phase")
            .get(pk=evaluation.pk))


def running(evaluation: Evaluation) -> None:
    if evaluation.campaign.state != Campaign.State.RUNNING:
        raise EvaluationError(_("The campaign is closed; its records can be read, not "
                                "changed."), code="campaign_closed")


def member_ids(evaluation: Evaluation) -> list[int]:
    """The people the branch evaluates (and who vote in the mutual round): its members now."""
    return list(Member.objects.filter(organization_id=evaluation.organization_id)
                .order_by("person__name", "person_id").values_list("person_id", flat=True))


def min_ballots(evaluation: Evaluation) -> int:
    try:
        return max(int(evaluation.activity.settings.get("min_ballots", DEFAULT_MIN_BALLOTS)), 1)
    except (TypeError, ValueError):
        return DEFAULT_MIN_BALLOTS


def excellent_cap(evaluation: Evaluation) -> Fraction:
    """The largest share graded 优秀, from the template ("1/3"); a bad value means the default."""
    raw = str(evaluation.activity.settings.get("excellent_max", DEFAULT_EXCELLENT_MAX))
    try:
        cap = Fraction(raw)
    except (ValueError, ZeroDivisionError):
        cap = Fraction(DEFAULT_EXCELLENT_MAX)
    return min(max(cap, Fraction(0)), Fraction(1))
