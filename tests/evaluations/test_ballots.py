"""Casting ballots: one token one ballot, only while open, grades for exactly the branch's
members; a logged-in voter spends their own participation's token."""

import datetime as dt

import pytest

from tests.builders import make_member
from tests.evaluations.conftest import all_grades
from vanguard.core import clock
from vanguard.evaluations.errors import EvaluationError
from vanguard.evaluations.models import Ballot, BallotGrade, Participation, Round, SpentToken
from vanguard.evaluations.services import ballots, stages

pytestmark = pytest.mark.django_db


def nothing_written() -> bool:
    return not (Ballot.objects.exists() or BallotGrade.objects.exists()
                or SpentToken.objects.exists()
                or Participation.objects.filter(voted=True).exists())


def a_token(voting):
    return next(iter(voting.values()))


def test_a_ballot_grades_every_member_and_spends_the_token(voting, evaluation):
    token = a_token(voting)
    ballot = ballots.cast_ballot(token=token, grades=all_grades(evaluation))
    assert ballot.day == evaluation.closes_on
    assert ballot.grades.count() == 3
    assert Participation.objects.filter(voted=True).count() == 1
    assert SpentToken.objects.count() == 1


def test_a_second_ballot_with_the_same_token_is_refused(voting, evaluation):
    token = a_token(voting)
    ballots.cast_ballot(token=token, grades=all_grades(evaluation))
    with pytest.raises(EvaluationError, match="already used"):
        ballots.cast_ballot(token=token, grades=all_grades(evaluation, "excellent"))
    assert Ballot.objects.count() == 1
    assert not BallotGrade.objects.filter(grade="excellent").exists()


def test_an_unknown_token_is_refused(voting, evaluation):
    with pytest.raises(EvaluationError, match="not valid"):
        ballots.cast_ballot(token="not-a-token", grades=all_grades(evaluation))
    with pytest.raises(EvaluationError, match="not valid"):
        ballots.cast_ballot(token="x" * 500, grades=all_grades(evaluation))
    assert nothing_written()


def test_a_ballot_after_closing_is_refused(voting, evaluation, secretary):
    stages.close_evaluation(actor=secretary, evaluation=evaluation)
    with pytest.raises(EvaluationError, match="closed"):
        ballots.cast_ballot(token=a_token(voting), grades=all_grades(evaluation))
    assert nothing_written()


def test_a_ballot_after_the_closing_day_is_refused_even_if_not_closed_by_hand(
        voting, evaluation, monkeypatch):
    later = evaluation.closes_on + dt.timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: later)
    with pytest.raises(EvaluationError, match="closed"):
        ballots.cast_ballot(token=a_token(voting), grades=all_grades(evaluation))
    assert nothing_written()


def test_a_ballot_before_the_ballots_open_is_refused(evaluation):
    with pytest.raises(EvaluationError, match="not valid"):
        ballots.cast_ballot(token="anything", grades={})
    assert nothing_written()


def test_grades_for_a_non_member_of_the_branch_are_refused(voting, evaluation, district):
    stranger = district.schools[0].members[0]  # a member of S1-B1
    grades = {**all_grades(evaluation), stranger.pk: "excellent"}
    with pytest.raises(EvaluationError, match="not a member of this branch: S1党员11"):
        ballots.cast_ballot(token=a_token(voting), grades=grades)
    assert nothing_written()


def test_a_ballot_leaving_a_member_out_is_refused(voting, evaluation):
    grades = all_grades(evaluation)
    grades.pop(next(iter(grades)))
    with pytest.raises(EvaluationError, match="missing"):
        ballots.cast_ballot(token=a_token(voting), grades=grades)
    assert nothing_written()


def test_an_unknown_grade_is_refused(voting, evaluation):
    with pytest.raises(EvaluationError, match="four grades"):
        ballots.cast_ballot(token=a_token(voting), grades=all_grades(evaluation, "best"))
    assert nothing_written()


def test_a_logged_in_member_votes_without_a_token_once(voting, evaluation, district):
    member = district.users["member"]
    ballots.cast_own_ballot(actor=member, evaluation=evaluation, round=Round.MUTUAL,
                            grades=all_grades(evaluation))
    with pytest.raises(EvaluationError, match="already used"):
        ballots.cast_own_ballot(actor=member, evaluation=evaluation, round=Round.MUTUAL,
                                grades=all_grades(evaluation))
    assert Ballot.objects.count() == 1
    assert Participation.objects.get(person=member.person).voted


def test_someone_without_a_participation_cannot_vote(voting, evaluation, district):
    with pytest.raises(EvaluationError, match="not among"):
        ballots.cast_own_ballot(actor=district.users["leader"], evaluation=evaluation,
                                round=Round.MUTUAL, grades=all_grades(evaluation))
    assert nothing_written()


def test_a_member_who_joined_after_the_ballots_opened_is_graded_too(voting, evaluation,
                                                                   branch):
    newcomer = make_member("S1党员27", branch)
    with pytest.raises(EvaluationError, match="missing: S1党员27"):
        ballots.cast_ballot(token=a_token(voting), grades={
            pk: "qualified" for pk in all_grades(evaluation) if pk != newcomer.pk})
    ballots.cast_ballot(token=a_token(voting), grades=all_grades(evaluation))
    assert BallotGrade.objects.filter(person=newcomer).count() == 1
    assert clock.today() <= evaluation.closes_on
