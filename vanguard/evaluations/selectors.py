"""Reads of the evaluations app, scoped to the viewer: each page a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from vanguard.access import scope
from vanguard.campaigns.models import Activity, Assignment, Campaign
from vanguard.evaluations.activities import EVALUATION_KIND
from vanguard.evaluations.errors import EvaluationError
from vanguard.evaluations.models import (
    Ballot,
    BallotGrade,
    Evaluation,
    Grade,
    MemberGrade,
    Participation,
    Round,
    SelfEvaluation,
)
from vanguard.evaluations.services.common import min_ballots
from vanguard.evaluations.services.paper import paper_result
from vanguard.people.models import Member, Organization, Person

RESULT_STAGES = (Evaluation.Stage.CLOSED, Evaluation.Stage.GRADED, Evaluation.Stage.PUBLISHED)


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


def evaluation_activity_for(campaign: Campaign, branch: Organization) -> Activity | None:
    """The evaluation step of the plan the branch follows (the deepest plan above it). One
    query on the plans of the branch's ancestors: reading every plan's step and choosing in
    Python cost a row per school (1,200 at city scale) on each branch page."""
    step = Organization.steplen
    paths = [branch.path[:end] for end in range(step, len(branch.path) + 1, step)]
    return (Activity.objects.filter(plan__campaign=campaign, kind=EVALUATION_KIND,
                                    plan__organization__path__in=paths)
            .select_related("plan__organization", "phase")
            .order_by("-plan__organization__depth", "pk").first())


def branches_for(viewer, campaign: Campaign):
    """The branches under the campaign the viewer reads, each with its evaluation's stage and
    how many have voted: one query."""
    evaluation = Evaluation.objects.filter(campaign=campaign, organization=OuterRef("pk"))
    voted = (Participation.objects.filter(evaluation__campaign=campaign,
                                          evaluation__organization=OuterRef("pk"), voted=True)
             .order_by().values("evaluation").annotate(n=Count("pk")).values("n"))
    return (Organization.objects.filter(scope.subtree_filter(viewer, scope.READERS),
                                        kind=Organization.Kind.BRANCH,
                                        path__startswith=campaign.organization.path)
            .annotate(stage=Subquery(evaluation.values("stage")[:1]),
                      closes_on=Subquery(evaluation.values("closes_on")[:1]),
                      member_count=Count("members", distinct=True),
                      voted=Subquery(voted[:1]))
            .order_by("path"))


def get_branch_for(viewer, code: str) -> Organization:
    """A branch the viewer reads (its committee, secretary, office above …); 404 otherwise."""
    branch = Organization.objects.filter(code=code, kind=Organization.Kind.BRANCH).first()
    if branch is None or not viewer.has_perm("evaluations.view_results", branch):
        raise Http404
    return branch


def evaluation_of(campaign: Campaign, branch: Organization) -> Evaluation | None:
    return (Evaluation.objects.select_related("organization", "campaign", "activity__phase")
            .filter(campaign=campaign, organization=branch).first())


def participation_counts(evaluation: Evaluation) -> dict[str, dict[str, int]]:
    """{round: {voters, voted, on_paper}}: one query."""
    rows = (Participation.objects.filter(evaluation=evaluation).values("round")
            .annotate(voters=Count("pk"), voted=Count("pk", filter=Q(voted=True)),
                      on_paper=Count("pk", filter=Q(on_paper=True))).order_by())
    return {r["round"]: r for r in rows}


def participants(evaluation: Evaluation):
    """Who votes, for the secretary's paper marks: one query."""
    return (Participation.objects.filter(evaluation=evaluation).select_related("person")
            .order_by("round", "person__name", "pk"))


def members(evaluation: Evaluation) -> list[Person]:
    return list(Person.objects.filter(member__organization_id=evaluation.organization_id)
                .order_by("name", "pk"))


@dataclass
class RoundResult:
    round: str
    label: str
    ballots: int
    online: int
    paper: object
    shown: bool
    counts: dict = field(default_factory=dict)  # {person id: {grade: count}}

    def rows(self, people: list[Person]) -> list[tuple[Person, dict]]:
        """(member, {grade: count}) in the members' order; empty when not shown."""
        if not self.shown:
            return []
        empty = dict.fromkeys(Grade.values, 0)
        return [(p, self.counts.get(p.pk, empty)) for p in people]


def _round_result(evaluation, round_, label, online, grade_rows, minimum) -> RoundResult:
    paper = paper_result(evaluation, round_)
    total = online + (paper.ballots if paper.counted else 0)
    result = RoundResult(round_, label, total, online, paper, shown=total >= minimum)
    if not result.shown:
        return result  # nothing below k leaves this function, not even to the template
    counts: dict = {}
    for row in grade_rows:
        if row["ballot__round"] == round_:
            counts.setdefault(row["person_id"], dict.fromkeys(Grade.values, 0))[
                row["grade"]] += row["n"]
    if paper.counted:
        for pk, per_grade in paper.counts.items():
            mine = counts.setdefault(int(pk), dict.fromkeys(Grade.values, 0))
            for grade, n in per_grade.items():
                mine[grade] += n
    result.counts = counts
    return result


def results(evaluation: Evaluation) -> list[RoundResult]:
    """Per round: the number of ballots and, only with at least `min_ballots` of them, each
    member's count per grade. Refused before the ballots close."""
    if evaluation.stage not in RESULT_STAGES:
        raise EvaluationError(_("Results are shown only after the ballots close."),
                              code="not_closed")
    minimum = min_ballots(evaluation)
    online = dict(Ballot.objects.filter(evaluation=evaluation).values("round")
                  .annotate(n=Count("pk")).order_by().values_list("round", "n"))
    grade_rows = list(BallotGrade.objects.filter(ballot__evaluation=evaluation)
                      .values("ballot__round", "person_id", "grade")
                      .annotate(n=Count("pk")).order_by())
    rounds = [Round.MUTUAL] + ([Round.NON_MEMBER] if evaluation.non_member_round else [])
    labels = dict(Round.choices)
    return [_round_result(evaluation, r, labels[r], online.get(r, 0), grade_rows, minimum)
            for r in rounds]


@dataclass
class MemberRow:
    person: Person
    self_evaluation: SelfEvaluation | None
    grade: MemberGrade | None


def member_rows(evaluation: Evaluation) -> list[MemberRow]:
    """Each member with their self-evaluation and the committee's grade: three queries."""
    selves = {s.person_id: s for s in SelfEvaluation.objects.filter(evaluation=evaluation)}
    grades = {g.person_id: g for g in MemberGrade.objects.filter(evaluation=evaluation)}
    return [MemberRow(p, selves.get(p.pk), grades.get(p.pk)) for p in members(evaluation)]


def member_branch(person: Person | None) -> Organization | None:
    member = Member.objects.filter(person=person).select_related("organization").first() \
        if person else None
    return member.organization if member else None


def open_participations(person: Person):
    """The voter's ballots not cast yet, in evaluations whose ballots are open: one query."""
    return (Participation.objects.filter(person=person, voted=False,
                                         evaluation__stage=Evaluation.Stage.VOTING)
            .select_related("evaluation__organization", "evaluation__campaign")
            .order_by("evaluation_id", "round"))


def get_own_participation_for(viewer, pk) -> Participation:
    """The viewer's own participation (voted or not); 404 for anyone else's."""
    person = getattr(viewer, "person", None)
    participation = (Participation.objects.filter(person=person, pk=pk)
                     .select_related("evaluation__organization", "evaluation__campaign",
                                     "evaluation__activity").first() if person else None)
    if participation is None:
        raise Http404
    return participation
