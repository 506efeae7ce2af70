"""Reads of the assessments app, scoped to the viewer: each page a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404

from vanguard.access import scope
from vanguard.assessments import statistics
from vanguard.assessments.activities import ASSESSMENT_KIND
from vanguard.assessments.models import Answer, Assessment, Part, Rating, RemedialRound, Respondent
from vanguard.assessments.services.common import group_labels, groups_of
from vanguard.assessments.services.sampling import frame_of
from vanguard.campaigns.models import Activity, Assignment, Campaign

# Below this many responses a cell shows no counts: a handful of answers could be told apart.
MIN_CELL = 5
# What counts as "satisfied" in the results: 满意 and 比较满意. 基本满意 is a lukewarm pass and
# 不满意 a fail; the remedial rule reads 不满意 on its own.
SATISFIED = (Rating.SATISFIED, Rating.FAIRLY)


def reads_anything(viewer) -> bool:
    return scope.is_admin(viewer) or bool(scope.role_paths(viewer, scope.READERS))


def school_rows(viewer, campaign: Campaign) -> list[tuple[Activity, list[Assessment]]]:
    """Each school's assessment step in the viewer's scope, with its assessments (every
    round): two queries."""
    activities = list(
        Activity.objects.filter(scope.subtree_filter(viewer, scope.READERS, "plan__organization__"),
                                plan__campaign=campaign, kind=ASSESSMENT_KIND,
                                plan__organization__school__isnull=False)
        .select_related("plan__organization", "phase").order_by("plan__organization__path"))
    by_org: dict[int, list[Assessment]] = {}
    for assessment in (Assessment.objects.filter(
            campaign=campaign, organization_id__in=[a.plan.organization_id for a in activities])
            .order_by("round")):
        by_org.setdefault(assessment.organization_id, []).append(assessment)
    return [(a, by_org.get(a.plan.organization_id, [])) for a in activities]


def get_activity_for(viewer, campaign: Campaign, pk) -> Activity:
    activity = (Activity.objects.select_related("plan__organization", "plan__campaign", "phase")
                .filter(pk=pk, plan__campaign=campaign, kind=ASSESSMENT_KIND).first())
    if activity is None or not viewer.has_perm("assessments.view_results",
                                               activity.plan.organization):
        raise Http404
    return activity


def get_assessment_for(viewer, pk) -> Assessment:
    """The assessment if its school is in the viewer's reading scope; 404 otherwise."""
    assessment = (Assessment.objects.select_related("organization", "campaign", "activity__phase",
                                                    "activity__plan", "remedial")
                  .filter(pk=pk).first())
    if assessment is None or not viewer.has_perm("assessments.view_results", assessment):
        raise Http404
    return assessment


def representatives(assessment: Assessment):
    return (Respondent.objects.filter(assessment=assessment, part=Part.REPRESENTATIVE)
            .select_related("person").order_by("group", "person__name", "pk"))


def respondent_counts(assessment: Assessment) -> dict[tuple[str, str], dict]:
    """{(part, group): {selected, answered}}: one query."""
    rows = (Respondent.objects.filter(assessment=assessment).values("part", "group")
            .annotate(selected=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
            .order_by())
    return {(r["part"], r["group"]): r for r in rows}


@dataclass
class QuestionResult:
    key: str
    text: str
    counts: dict = field(default_factory=dict)  # {rating: n}; empty when not shown
    n: int = 0
    shown: bool = False
    satisfied: float | None = None
    low: float | None = None
    high: float | None = None


@dataclass
class GroupResult:
    part: str
    group: str
    label: str
    selected: int
    answered: int
    population: int | None
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def response_rate(self) -> float | None:
        return self.answered / self.selected if self.selected else None


def _question(key, text, counts: dict, confidence: float, population) -> QuestionResult:
    n = sum(counts.values())
    result = QuestionResult(key, text, n=n)
    if n < MIN_CELL:
        return result  # no counts leave this function below the threshold
    yes = sum(counts.get(r, 0) for r in SATISFIED)
    result.shown, result.counts = True, {r: counts.get(r, 0) for r in Rating.values}
    result.satisfied = yes / n
    result.low, result.high = statistics.wilson_interval(yes, n, confidence, population)
    return result


def results(assessment: Assessment) -> list[GroupResult]:
    """Per part and group: selected, answered and, per question, the counts per rating, the
    share satisfied and its Wilson interval (with the finite population correction for the
    sample part, whose population is the stratum's roster). Three queries."""
    counts = respondent_counts(assessment)
    answers: dict[tuple, dict] = {}
    for row in (Answer.objects.filter(response__assessment=assessment)
                .values("response__part", "response__group", "question", "rating")
                .annotate(n=Count("pk")).order_by()):
        answers.setdefault((row["response__part"], row["response__group"], row["question"]),
                           {})[row["rating"]] = row["n"]
    # The roster as it was when the sample was drawn (older assessments: as it is now).
    populations = assessment.roster_sizes or {g: len(ids)
                                              for g, ids in frame_of(assessment).items()}
    labels = group_labels()
    confidence = float(assessment.confidence)
    out = []
    for part in Part.values:
        for group in groups_of(assessment.activity):
            tally = counts.get((part, group))
            if not tally:
                continue
            population = populations.get(group) if part == Part.SAMPLE else None
            if population is not None:
                # The stratum the sample came from holds the sample too.
                population = max(population, tally["selected"])
            row = GroupResult(part, group, labels[group], tally["selected"], tally["answered"],
                              population)
            row.questions = [_question(q["key"], q["text"],
                                       answers.get((part, group, q["key"]), {}), confidence,
                                       population) for q in assessment.questions]
            out.append(row)
    return out


# --- remedial rounds ------------------------------------------------------------------------

def remedial_rounds_for(viewer):
    """Rounds of the schools the viewer reads, newest first: one query."""
    return (RemedialRound.objects.filter(scope.subtree_filter(viewer, scope.READERS,
                                                              "organization__"))
            .select_related("organization", "supervisor", "triggered_by", "campaign")
            .order_by("closed_at", "-created_at", "-pk"))


def get_round_for(viewer, pk) -> RemedialRound:
    remedial = (RemedialRound.objects.select_related("organization", "supervisor",
                                                     "triggered_by", "campaign")
                .filter(pk=pk).first())
    if remedial is None or not viewer.has_perm("assessments.view_results", remedial):
        raise Http404
    return remedial


def task_progress(rounds) -> dict[int, dict]:
    """{round id: {done, required}} over the tasks of each round's track: one query."""
    keys = {f"remedial_{r.pk}": r.pk for r in rounds}
    if not keys:
        return {}
    rows = (Assignment.objects.filter(activity__phase__key__in=keys,
                                      activity__plan__campaign_id__in={r.campaign_id
                                                                       for r in rounds})
            .exclude(status=Assignment.Status.EXCUSED).values("activity__phase__key")
            .annotate(required=Count("pk"),
                      done=Count("pk", filter=Q(status=Assignment.Status.DONE))).order_by())
    return {keys[r["activity__phase__key"]]: r for r in rows}


def round_steps(remedial: RemedialRound):
    """The round's steps with their tasks done and required: one query."""
    return (Activity.objects.filter(plan__campaign_id=remedial.campaign_id,
                                    plan__organization_id=remedial.organization_id,
                                    phase__key=f"remedial_{remedial.pk}")
            .annotate(tasks_required=Count("assignments", filter=~Q(
                assignments__status=Assignment.Status.EXCUSED)),
                      tasks_done=Count("assignments", filter=Q(
                          assignments__status=Assignment.Status.DONE)))
            .order_by("order"))


def following_assessments(rounds) -> dict[int, Assessment]:
    """{round id: the school's latest assessment after the round's trigger}: one query."""
    rounds = list(rounds)
    if not rounds:
        return {}
    latest: dict[int, Assessment] = {}
    rows = (Assessment.objects.filter(campaign_id__in={r.campaign_id for r in rounds},
                                      organization_id__in={r.organization_id for r in rounds})
            .order_by("round"))
    for assessment in rows:
        for r in rounds:
            if (assessment.campaign_id, assessment.organization_id) == \
                    (r.campaign_id, r.organization_id) and \
                    assessment.round > r.triggered_by.round:
                latest[r.pk] = assessment
    return latest


def open_respondents(person):
    """The person's respondent rows not answered, in assessments open now: one query."""
    return (Respondent.objects.filter(person=person, answered=False,
                                      assessment__state=Assessment.State.OPEN)
            .select_related("assessment__organization", "assessment__campaign")
            .order_by("assessment_id"))


def get_own_respondent_for(viewer, pk) -> Respondent:
    person = getattr(viewer, "person", None)
    respondent = (Respondent.objects.filter(person=person, pk=pk)
                  .select_related("assessment__organization", "assessment__campaign").first()
                  if person else None)
    if respondent is None:
        raise Http404
    return respondent
