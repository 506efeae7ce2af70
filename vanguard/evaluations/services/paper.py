"""Paper ballots: the secretary marks who voted on paper (their token is spent, so they cannot
vote online as well); two different people key in the count of a round's paper ballots; the
paper count takes part in the results only when both tallies agree and their number of
ballots equals the voters marked on paper.

A counted paper tally adds to the results as counts, not as `Ballot` rows: a tally knows how
many 优秀 each member got, not which grades went together on one sheet, so writing ballots
from it would invent sheets that never existed.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.evaluations.errors import EvaluationError
from vanguard.evaluations.models import Evaluation, Grade, PaperTally, Participation, Round
from vanguard.evaluations.services import tokens
from vanguard.evaluations.services.common import locked, member_ids, require, running
from vanguard.people.models import Person

PAPER_STAGES = (Evaluation.Stage.VOTING, Evaluation.Stage.CLOSED)
MAX_PAPER_BALLOTS = 10000


def _paper_stage(evaluation: Evaluation) -> None:
    if evaluation.stage not in PAPER_STAGES:
        raise EvaluationError(_("Paper ballots are recorded while the ballots are open or "
                                "just closed, before the grades are set."), code="stage")


@transaction.atomic
def mark_on_paper(*, actor, evaluation: Evaluation, participation: Participation) -> None:
    evaluation = locked(evaluation)
    require(actor, "evaluations.run_evaluation", evaluation)
    running(evaluation)
    _paper_stage(evaluation)
    participation = Participation.objects.select_for_update(of=("self",)).select_related(
        "person").filter(pk=participation.pk, evaluation=evaluation).first()
    if participation is None:
        raise EvaluationError(_("This voter is not in this evaluation."), code="not_voter")
    if participation.voted:
        raise EvaluationError(_("%(name)s has already voted.") % {
            "name": participation.person.name}, code="voted")
    tokens.spend(participation.token_hash)
    participation.voted = participation.on_paper = True
    participation.save(update_fields=["voted", "on_paper"])
    audit.record(actor=actor, action="evaluations.participation.on_paper", target=participation,
                 changes={"on_paper": [False, True]})


def _count(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise EvaluationError(_("Counts are whole numbers."), code="not_number") from None
    if number < 0 or number > MAX_PAPER_BALLOTS:
        raise EvaluationError(_("Counts are between 0 and %(max)d.") % {
            "max": MAX_PAPER_BALLOTS}, code="range")
    return number


def checked_counts(evaluation: Evaluation, ballots: int, counts: dict) -> dict[str, dict]:
    """{person id (str): {grade: count}} for every member, each adding up to `ballots`."""
    members = member_ids(evaluation)
    keys = {str(k) for k in (counts or {})}
    strangers = keys - {str(pk) for pk in members}
    if strangers:
        raise EvaluationError(_("Only the branch's members are counted."), code="not_member")
    names = dict(Person.objects.filter(pk__in=members).values_list("pk", "name"))
    cleaned = {}
    for pk in members:
        row = (counts or {}).get(pk) or (counts or {}).get(str(pk)) or {}
        per_grade = {grade: _count(row.get(grade, 0)) for grade in Grade.values}
        if set(row) - set(Grade.values):
            raise EvaluationError(_("Each count must be for one of the four grades."),
                                  code="grade")
        if sum(per_grade.values()) != ballots:
            raise EvaluationError(
                _("The counts for %(name)s add up to %(sum)d, but there are %(n)d paper "
                  "ballots: every ballot grades every member once.")
                % {"name": names[pk], "sum": sum(per_grade.values()), "n": ballots},
                code="sum")
        cleaned[str(pk)] = per_grade
    return cleaned


@transaction.atomic
def enter_paper_tally(*, actor, evaluation: Evaluation, round: str, ballots,
                      counts: dict) -> PaperTally:
    """One person's count of a round's paper ballots; keying it again replaces theirs."""
    evaluation = locked(evaluation)
    require(actor, "evaluations.run_evaluation", evaluation)
    running(evaluation)
    _paper_stage(evaluation)
    if round not in Round.values or (round == Round.NON_MEMBER
                                     and not evaluation.non_member_round):
        raise EvaluationError(_("This evaluation has no such round."), code="round")
    ballots = _count(ballots)
    cleaned = checked_counts(evaluation, ballots, counts)
    tally, created = PaperTally.objects.update_or_create(
        evaluation=evaluation, round=round, entered_by=actor,
        defaults={"ballots": ballots, "counts": cleaned})
    audit.record(actor=actor, action="evaluations.paper_tally.entered", target=evaluation,
                 changes={"round": [None, round], "paper_ballots": [None, ballots]})
    return tally


@dataclass
class PaperResult:
    """A round's paper count: counted (with its figures) or not, and why not."""

    marked: int
    ballots: int = 0
    counts: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    tallies: int = 0

    @property
    def counted(self) -> bool:
        return not self.problems


def _differences(first: PaperTally, other: PaperTally, names: dict) -> list[str]:
    who = {"a": first.entered_by.get_username(), "b": other.entered_by.get_username()}
    problems = []
    if first.ballots != other.ballots:
        problems.append(_("Number of paper ballots: %(a)s keyed %(x)d, %(b)s keyed %(y)d.")
                        % {**who, "x": first.ballots, "y": other.ballots})
    labels = dict(Grade.choices)
    for pk in sorted(set(first.counts) | set(other.counts), key=lambda k: names.get(k, k)):
        for grade in Grade.values:
            x = (first.counts.get(pk) or {}).get(grade, 0)
            y = (other.counts.get(pk) or {}).get(grade, 0)
            if x != y:
                problems.append(_("%(name)s, %(grade)s: %(a)s keyed %(x)d, %(b)s keyed %(y)d.")
                                % {**who, "name": names.get(pk, pk), "grade": labels[grade],
                                   "x": x, "y": y})
    return problems


def paper_result(evaluation: Evaluation, round: str) -> PaperResult:
    """Whether the round's paper ballots count, and with what; three queries."""
    marked = Participation.objects.filter(evaluation=evaluation, round=round,
                                          on_paper=True).count()
    tallies = list(PaperTally.objects.filter(evaluation=evaluation, round=round)
                   .select_related("entered_by").order_by("pk"))
    result = PaperResult(marked=marked, tallies=len(tallies))
    if not tallies:
        if marked:
            result.problems.append(_("%(n)d voters are marked as voting on paper, but nobody "
                                     "has keyed in the paper ballots yet.") % {"n": marked})
        return result
    if len(tallies) < 2:
        result.problems.append(_("The paper ballots must be keyed in by two different people; "
                                 "one tally so far."))
    names = {str(pk): name for pk, name in Person.objects.filter(
        pk__in=[int(k) for t in tallies for k in t.counts]).values_list("pk", "name")}
    for other in tallies[1:]:
        result.problems += _differences(tallies[0], other, names)
    if tallies[0].ballots != marked:
        result.problems.append(_("The tally counts %(x)d paper ballots, but %(n)d voters are "
                                 "marked as voting on paper.") % {"x": tallies[0].ballots,
                                                                   "n": marked})
    if result.counted:
        result.ballots, result.counts = tallies[0].ballots, tallies[0].counts
    return result
