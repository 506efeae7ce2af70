"""What every figure group shares: the figure's shape, shares and intervals, the words
used in labels, and the scope (campaign, organization, plan and its steps)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from vanguard.analyses.models import SelfAnalysis
from vanguard.assessments import statistics
from vanguard.assessments.models import Rating
from vanguard.campaigns.models import Activity, Campaign, Plan
from vanguard.evaluations.models import Grade
from vanguard.meetings.models import Meeting
from vanguard.opinions.models import Opinion
from vanguard.people.models import Organization
from vanguard.rectification.models import Item, Owner

# As analyses.selectors.REVIEWED: passed review, or past it (revising, final).
REVIEWED = (SelfAnalysis.Status.APPROVED, SelfAnalysis.Status.REVISING,
            SelfAnalysis.Status.FINAL)
NOT_COUNTED = (Opinion.Status.UNCONFIRMED, Opinion.Status.MERGED, Opinion.Status.SET_ASIDE)
OPEN_ITEMS = (Item.Status.OPEN, Item.Status.IN_PROGRESS)
SATISFIED = (Rating.SATISFIED, Rating.FAIRLY, Rating.BASIC)
CONFIDENCE = Decimal("0.95")
MEETING_LABELS = {Meeting.Kind.MOBILIZATION: "动员大会",
                  Meeting.Kind.ORG_LIFE: "专题组织生活会",
                  Meeting.Kind.DEMOCRATIC_LIFE: "领导班子专题民主生活会",
                  Meeting.Kind.FOLLOW_UP: "整改专题组织生活会"}
MEETING_KINDS = {Meeting.Kind.MOBILIZATION: "meetings.mobilization",
                 Meeting.Kind.ORG_LIFE: "meetings.org_life",
                 Meeting.Kind.DEMOCRATIC_LIFE: "meetings.democratic_life",
                 Meeting.Kind.FOLLOW_UP: "meetings.follow_up"}
CHANNEL_WORDS = {"symposium": "座谈会", "talk": "个别谈话", "box": "意见箱", "form": "征求意见表",
                 "hotline": "热线电话", "web": "网上意见"}
GROUP_WORDS = {"member": "党员", "staff": "非党员教职工", "student": "学生", "parent": "家长",
               "retired": "离退休老同志", "democratic": "民主党派人士"}
RESPONDENT_GROUPS = {"staff": "教职工", "student": "学生", "parent": "家长"}
GRADE_WORDS = dict(Grade.choices)
CLASS_WORDS = {Item.Class.NOW: "有条件解决的", Item.Class.HARD: "难度较大的",
               Item.Class.LATER: "暂时解决不了的"}
OWNER_WORDS = {Owner.MEMBER: "党员个人", Owner.ORGANIZATION: "基层党组织",
               Owner.TEAM: "领导班子"}


def figure(key: str, label: str, value, unit: str, source: str, url: str) -> dict:
    return {"key": key, "label": label, "value": value, "unit": unit, "source": source,
            "url": url}


def share(part: int, whole: int) -> str:
    """A percentage with one decimal, as text ("87.5"); "—" when there is nothing to divide."""
    if not whole:
        return "—"
    return str((Decimal(100) * part / whole).quantize(Decimal("0.1"), ROUND_HALF_UP))


def wilson_interval(successes: int, trials: int,
                    confidence: Decimal = CONFIDENCE) -> tuple[Decimal, Decimal] | None:
    """The Wilson score interval for a share, as percentages with one decimal, from the
    assessments app's arithmetic. Without the finite population correction: a district's
    answers come from many schools' rosters, so there is no one population to correct for."""
    if not trials:
        return None
    low, high = statistics.wilson_interval(successes, trials, float(confidence))
    places = Decimal("0.1")
    return (Decimal(str(low * 100)).quantize(places, ROUND_HALF_UP),
            Decimal(str(high * 100)).quantize(places, ROUND_HALF_UP))


@dataclass
class Scope:
    """What every group needs: the campaign, the organization, its subtree's path, the plan
    whose dates and steps the report follows, and that plan's activities by kind."""

    campaign: Campaign
    organization: Organization
    plan: Plan | None
    activities: dict[str, Activity]

    @property
    def path(self) -> str:
        return self.organization.path

    def under(self, prefix: str = "organization__") -> Q:
        return Q(**{f"{prefix}path__startswith": self.path})

    def link(self, name: str, *args, query: str = "") -> str:
        """The page that lists a figure's records; the campaign's progress page for this
        organization when that page is not built (yet) or the step is missing."""
        if args and args[0] is None:
            name, args = "", ()
        try:
            return reverse(name, args=args) + query if name else self.progress_url
        except NoReverseMatch:
            return self.progress_url

    @property
    def progress_url(self) -> str:
        return reverse("campaigns:progress", args=[self.campaign.pk]) + \
            f"?org={self.organization.code}"

    def activity_pk(self, kind: str) -> int | None:
        activity = self.activities.get(kind)
        return activity.pk if activity is not None else None

    @property
    def org_query(self) -> str:
        return f"?org={self.organization.code}"


def scope_for(campaign: Campaign, organization: Organization) -> Scope:
    """The organization's own plan (a school's, the root's), or the nearest plan above it
    (a middle level of a city). Two queries."""
    steps = Organization.steplen
    paths = [organization.path[:end] for end in range(steps, len(organization.path) + 1, steps)]
    plan = (Plan.objects.filter(campaign=campaign, organization__path__in=paths)
            .select_related("organization").order_by("-organization__depth").first())
    activities = {}
    if plan is not None:
        for activity in Activity.objects.filter(plan=plan).order_by("-order", "-id"):
            activities[activity.kind] = activity  # the first of each kind wins
    return Scope(campaign, organization, plan, activities)
