"""The remedial rule and its rounds: 补课 when most are not satisfied, 重新整改 when most are
not satisfied with the rectification, each supervised by the superior organization.

The rule (`remedial_when` in the template): "most" — more than half of the responses rate the
question 不满意 (51% opens a round, 50% does not); a share such as "0.3" — at least that share.
A value that is neither counts as "most". The share is taken over every response of the
assessment, both parts and all groups: the rule speaks of the people asked, not of a group.
The question read for 补课 is "overall" (the first question if the template has none of that
key); for 重新整改, "rectification" (no such question, no such round). No response at all
opens nothing: there is no result to act on.

A remedial round (补课) gets its own tasks: a track "补课（第 n 轮）" appended to the school's
plan with one `campaigns.task` step per line of the template's `remedial_steps` (default:
重新组织学习, 再次征求意见, 补充整改), made for every member the plan covers; a
re-rectification reopens the school's rectification plans (`reopened_at`) for new items. Either
kind brings a new assessment (round + 1), prepared by the school's office as the first was.
The superior's office closes a round once the newer assessment no longer meets the rule.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.assessments.errors import AssessmentError
from vanguard.assessments.models import Answer, Assessment, Rating, RemedialRound
from vanguard.assessments.services.common import require
from vanguard.assessments.statistics import share
from vanguard.campaigns.models import Activity, Phase, Plan
from vanguard.campaigns.services.phases import close_phase
from vanguard.campaigns.services.tasks import create_assignments_for_plan
from vanguard.core import clock
from vanguard.people.models import Organization
from vanguard.rectification.models import RectificationPlan

MOST = "most"
OVERALL, RECTIFICATION = "overall", "rectification"
DEFAULT_STEPS = ("重新组织学习", "再次征求意见", "补充整改")
DEFAULT_DAYS = 30
MAX_STEPS = 10
TASK_KIND = "campaigns.task"


def rule_of(activity) -> str:
    raw = str((activity.settings or {}).get("remedial_when", MOST)).strip()
    try:
        value = Fraction(raw)
    except (ValueError, ZeroDivisionError):
        return MOST
    return raw if 0 < value <= 1 else MOST


def rule_met(not_satisfied: int, total: int, rule: str) -> bool:
    """Whether `not_satisfied` of `total` responses meet the rule ("most", or a share)."""
    if total <= 0:
        return False
    if rule == MOST:
        return 2 * not_satisfied > total
    return share(not_satisfied, total) >= Fraction(rule)


@dataclass(frozen=True)
class Verdict:
    question: str
    not_satisfied: int
    total: int
    rule: str

    @property
    def met(self) -> bool:
        return rule_met(self.not_satisfied, self.total, self.rule)

    @property
    def share(self) -> Decimal:
        value = share(self.not_satisfied, self.total)
        return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP)


def overall_key(assessment: Assessment) -> str:
    keys = [q["key"] for q in assessment.questions]
    return OVERALL if OVERALL in keys else keys[0]


def verdicts(assessment: Assessment) -> dict[str, Verdict]:
    """{round kind: verdict} for the questions the rule reads: one query."""
    keys = {RemedialRound.Kind.REMEDIAL: overall_key(assessment)}
    if RECTIFICATION in [q["key"] for q in assessment.questions]:
        keys[RemedialRound.Kind.RE_RECTIFICATION] = RECTIFICATION
    counts = {row["question"]: row for row in (
        Answer.objects.filter(response__assessment=assessment, question__in=keys.values())
        .values("question").annotate(total=Count("pk"),
                                     not_satisfied=Count("pk", filter=Q(rating=Rating.NOT)))
        .order_by())}
    rule = rule_of(assessment.activity)
    return {kind: Verdict(key, counts.get(key, {}).get("not_satisfied", 0),
                          counts.get(key, {}).get("total", 0), rule)
            for kind, key in keys.items()}


def supervisor_of(organization: Organization) -> Organization:
    """The superior organization: the parent of the school's top organization."""
    return Organization.objects.get_parent(organization) or organization


def apply_rules(*, actor, assessment: Assessment) -> list[RemedialRound]:
    """At closing (inside its transaction): open the rounds the results call for and the next
    assessment. Returns the rounds opened."""
    opened = [_open_round(actor, assessment, kind, verdict)
              for kind, verdict in verdicts(assessment).items() if verdict.met]
    if opened:
        following = Assessment.objects.create(
            campaign=assessment.campaign, activity=assessment.activity,
            organization=assessment.organization, round=assessment.round + 1,
            remedial=opened[0], questions=assessment.questions)
        audit.record(actor=actor, action="assessments.assessment.created", target=following,
                     changes={"round": [None, following.round],
                              "remedial": [None, str(opened[0].pk)]})
    return opened


def _open_round(actor, assessment: Assessment, kind: str, verdict: Verdict) -> RemedialRound:
    remedial = RemedialRound.objects.create(
        campaign=assessment.campaign, organization=assessment.organization, kind=kind,
        triggered_by=assessment, dissatisfied_share=verdict.share, threshold=verdict.rule,
        supervisor=supervisor_of(assessment.organization))
    if kind == RemedialRound.Kind.REMEDIAL:
        _add_remedial_track(remedial, assessment)
    else:
        _reopen_rectification(remedial)
    audit.record(actor=actor, action="assessments.remedial.opened", target=remedial,
                 changes={"kind": [None, kind], "dissatisfied_share": [None, str(verdict.share)],
                          "threshold": [None, verdict.rule]})
    return remedial


def track_key(remedial: RemedialRound) -> str:
    return f"remedial_{remedial.pk}"


def remedial_steps(activity) -> list[tuple[str, str]]:
    """(name, description) per step from the template's `remedial_steps`, or the default."""
    raw = (activity.settings or {}).get("remedial_steps") or list(DEFAULT_STEPS)
    steps = []
    for entry in raw[:MAX_STEPS] if isinstance(raw, list) else DEFAULT_STEPS:
        if isinstance(entry, dict):
            name, text = str(entry.get("name", "")), str(entry.get("description", ""))
        else:
            name, text = str(entry), ""
        if name.strip():
            steps.append((name.strip()[:120], text.strip()[:4000]))
    return steps or [(name, "") for name in DEFAULT_STEPS]


def _window(plan: Plan, activity) -> tuple[dt.date, dt.date]:
    today = clock.today()
    try:
        days = max(int((activity.settings or {}).get("remedial_days", DEFAULT_DAYS)), 1)
    except (TypeError, ValueError):
        days = DEFAULT_DAYS
    return today, max(today, min(today + dt.timedelta(days=days), plan.campaign.ends_on))


def _add_remedial_track(remedial: RemedialRound, assessment: Assessment) -> Phase:
    """The round's own tasks: an open track on the school's plan, one `campaigns.task` step
    per remedial step, assignments made for everyone the plan covers. The plan is approved
    (not editable through the plan services), so the track is written here, as the system."""
    plan = Plan.objects.select_related("campaign", "organization").get(
        campaign=assessment.campaign, organization=assessment.organization)
    starts_on, ends_on = _window(plan, assessment.activity)
    track = Phase.objects.create(
        plan=plan, key=track_key(remedial), kind=Phase.Kind.TRACK,
        name=f"补课（第{assessment.round}轮）"[:60],
        order=plan.phases.filter(kind=Phase.Kind.TRACK).count(), starts_on=starts_on,
        ends_on=ends_on, state=Phase.State.OPEN, opened_at=clock.now())
    Activity.objects.bulk_create([
        Activity(plan=plan, phase=track, key=f"{track.key}_{n}", kind=TASK_KIND, name=name,
                 description=text, required=True, starts_on=starts_on, due_on=ends_on, order=n)
        for n, (name, text) in enumerate(remedial_steps(assessment.activity), 1)])
    create_assignments_for_plan(plan)
    return track


def _reopen_rectification(remedial: RemedialRound) -> int:
    """Approved plans take new items again; drafts and plans waiting for a decision are open
    for changes already."""
    return RectificationPlan.objects.filter(
        campaign=remedial.campaign, status=RectificationPlan.Status.APPROVED,
        organization__path__startswith=remedial.organization.path).update(
        reopened_at=clock.now())


def following_assessment(remedial: RemedialRound, *, closed=False) -> Assessment | None:
    """The school's latest assessment after the one that opened the round (the latest
    closed one with `closed`)."""
    rows = Assessment.objects.filter(campaign_id=remedial.campaign_id,
                                     organization_id=remedial.organization_id,
                                     round__gt=remedial.triggered_by.round)
    if closed:
        rows = rows.filter(state=Assessment.State.CLOSED)
    return rows.select_related("activity").order_by("-round").first()


@transaction.atomic
def close_remedial_round(*, actor, remedial: RemedialRound) -> RemedialRound:
    """The superior closes the round once a later assessment, closed, no longer meets the
    rule on the round's question; the round's track closes with it."""
    remedial = (RemedialRound.objects.select_for_update(of=("self",))
                .select_related("organization", "triggered_by", "campaign").get(pk=remedial.pk))
    require(actor, "assessments.supervise_remedial", remedial)
    if remedial.closed_at is not None:
        raise AssessmentError(_("This round is already closed."), code="closed")
    later = following_assessment(remedial, closed=True)
    if later is None:
        raise AssessmentError(_("The round's new assessment has not been held and closed yet."),
                              code="no_new_assessment")
    verdict = verdicts(later).get(remedial.kind)
    if verdict is None or verdict.met:
        raise AssessmentError(_("The new assessment still finds most not satisfied: the round "
                                "stays open."), code="still_not_satisfied")
    remedial.closed_at = clock.now()
    remedial.save(update_fields=["closed_at", "updated_at"])
    track = Phase.objects.filter(plan__campaign_id=remedial.campaign_id,
                                 plan__organization_id=remedial.organization_id,
                                 key=track_key(remedial), state=Phase.State.OPEN).first()
    if track is not None:
        close_phase(actor=actor, phase=track)  # a track has no gate: it passes
    audit.record(actor=actor, action="assessments.remedial.closed", target=remedial,
                 changes={"closed_at": [None, str(remedial.closed_at)],
                          "assessment": [None, later.round]})
    return remedial
