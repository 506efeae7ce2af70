"""Paper ballots keyed in twice, and results only after closing and with at least k = 5
ballots per round."""

import pytest

from tests.builders import make_user
from tests.evaluations.conftest import all_grades, vote_with
from vanguard.evaluations import selectors
from vanguard.evaluations.errors import EvaluationError
from vanguard.evaluations.models import PaperTally, Participation, Round
from vanguard.evaluations.services import ballots, paper, stages

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(district):
    return district.users["office"]


def counts_for(evaluation, **per_member):
    """{person id: {grade: n}}: every member `qualified` × n unless given otherwise."""
    return {pk: per_member.get(str(pk), {"qualified": per_member.get("n", 1)})
            for pk in all_grades(evaluation)}


def mark(evaluation, secretary, n):
    rows = Participation.objects.filter(evaluation=evaluation, voted=False,
                                        round=Round.MUTUAL).order_by("pk")[:n]
    for row in rows:
        paper.mark_on_paper(actor=secretary, evaluation=evaluation, participation=row)


def test_a_voter_marked_on_paper_cannot_vote_online(voting, evaluation, secretary, district):
    member = district.users["member"]
    row = Participation.objects.get(person=member.person)
    paper.mark_on_paper(actor=secretary, evaluation=evaluation, participation=row)
    with pytest.raises(EvaluationError, match="already used"):
        ballots.cast_own_ballot(actor=member, evaluation=evaluation, round=Round.MUTUAL,
                                grades=all_grades(evaluation))
    with pytest.raises(EvaluationError, match="already voted"):
        paper.mark_on_paper(actor=secretary, evaluation=evaluation, participation=row)


def test_two_agreeing_tallies_matching_the_marks_count(voting, evaluation, secretary, office):
    mark(evaluation, secretary, 2)
    for user in (secretary, office):
        paper.enter_paper_tally(actor=user, evaluation=evaluation, round=Round.MUTUAL,
                                ballots=2, counts=counts_for(evaluation, n=2))
    result = paper.paper_result(evaluation, Round.MUTUAL)
    assert result.counted and result.ballots == 2


def test_one_tally_does_not_count(voting, evaluation, secretary):
    mark(evaluation, secretary, 1)
    paper.enter_paper_tally(actor=secretary, evaluation=evaluation, round=Round.MUTUAL,
                            ballots=1, counts=counts_for(evaluation))
    result = paper.paper_result(evaluation, Round.MUTUAL)
    assert not result.counted
    assert "two different people" in " ".join(result.problems)


def test_disagreeing_tallies_say_where_they_differ(voting, evaluation, secretary, office):
    mark(evaluation, secretary, 1)
    first = evaluation.organization.members.order_by("person__name").first().person
    paper.enter_paper_tally(actor=secretary, evaluation=evaluation, round=Round.MUTUAL,
                            ballots=1, counts=counts_for(evaluation))
    paper.enter_paper_tally(actor=office, evaluation=evaluation, round=Round.MUTUAL,
                            ballots=1, counts=counts_for(evaluation, **{
                                str(first.pk): {"excellent": 1}}))
    result = paper.paper_result(evaluation, Round.MUTUAL)
    assert not result.counted
    text = " ".join(result.problems)
    assert f"{first.name}, 合格: secretary keyed 1, office keyed 0." in text
    assert f"{first.name}, 优秀: secretary keyed 0, office keyed 1." in text


def test_tallies_not_matching_the_marked_participation_do_not_count(voting, evaluation,
                                                                    secretary, office):
    mark(evaluation, secretary, 1)
    for user in (secretary, office):
        paper.enter_paper_tally(actor=user, evaluation=evaluation, round=Round.MUTUAL,
                                ballots=2, counts=counts_for(evaluation, n=2))
    result = paper.paper_result(evaluation, Round.MUTUAL)
    assert result.problems == ["The tally counts 2 paper ballots, but 1 voters are marked as "
                               "voting on paper."]


def test_a_tally_whose_counts_do_not_add_up_is_refused(voting, evaluation, secretary):
    with pytest.raises(EvaluationError, match="add up to 1, but there are 2 paper ballots"):
        paper.enter_paper_tally(actor=secretary, evaluation=evaluation, round=Round.MUTUAL,
                                ballots=2, counts=counts_for(evaluation))
    with pytest.raises(EvaluationError, match="whole numbers"):
        paper.enter_paper_tally(actor=secretary, evaluation=evaluation, round=Round.MUTUAL,
                                ballots="two", counts={})
    with pytest.raises(EvaluationError, match="Only the branch's members"):
        paper.enter_paper_tally(actor=secretary, evaluation=evaluation, round=Round.MUTUAL,
                                ballots=1, counts={999999: {"qualified": 1}})
    assert not PaperTally.objects.exists()


def test_keying_again_replaces_ones_own_tally(voting, evaluation, secretary):
    for n in (1, 0):
        paper.enter_paper_tally(actor=secretary, evaluation=evaluation, round=Round.MUTUAL,
                                ballots=n, counts=counts_for(evaluation, n=n))
    assert PaperTally.objects.get().ballots == 0


def test_results_are_refused_before_closing(voting, evaluation):
    with pytest.raises(EvaluationError, match="after the ballots close"):
        selectors.results(evaluation)


def test_four_ballots_are_too_few_to_show(voting_six, evaluation, secretary):
    assert vote_with(voting_six, evaluation, 4) == 4
    evaluation = stages.close_evaluation(actor=secretary, evaluation=evaluation)
    mutual = selectors.results(evaluation)[0]
    assert (mutual.ballots, mutual.shown, mutual.counts) == (4, False, {})


def test_five_ballots_show_counts_per_member_and_grade(voting_six, evaluation, secretary):
    vote_with(voting_six, evaluation, 5)
    evaluation = stages.close_evaluation(actor=secretary, evaluation=evaluation)
    mutual = selectors.results(evaluation)[0]
    assert mutual.shown and mutual.ballots == 5
    assert all(row["qualified"] == 5 and row["excellent"] == 0
               for row in mutual.counts.values())
    assert len(mutual.counts) == 6


def test_a_counted_paper_tally_adds_to_the_online_ballots(voting_six, evaluation, secretary,
                                                         office):
    vote_with(voting_six, evaluation, 3)
    mark(evaluation, secretary, 2)
    evaluation = stages.close_evaluation(actor=secretary, evaluation=evaluation)
    for user in (secretary, office):
        paper.enter_paper_tally(actor=user, evaluation=evaluation, round=Round.MUTUAL,
                                ballots=2, counts=counts_for(evaluation, n=2))
    mutual = selectors.results(evaluation)[0]
    assert (mutual.online, mutual.ballots, mutual.shown) == (3, 5, True)
    assert all(row["qualified"] == 5 for row in mutual.counts.values())


def test_an_uncounted_paper_tally_adds_nothing(voting_six, evaluation, secretary):
    vote_with(voting_six, evaluation, 3)
    mark(evaluation, secretary, 2)
    evaluation = stages.close_evaluation(actor=secretary, evaluation=evaluation)
    paper.enter_paper_tally(actor=secretary, evaluation=evaluation, round=Round.MUTUAL,
                            ballots=2, counts=counts_for(evaluation, n=2))
    mutual = selectors.results(evaluation)[0]
    assert (mutual.ballots, mutual.shown) == (3, False)


def test_a_third_person_may_key_in_without_breaking_agreement(voting, evaluation, secretary,
                                                              office, district):
    from vanguard.access.models import Role

    third = make_user("third", roles=[(Role.Kind.OFFICE, district.schools[0].committee)])
    for user in (secretary, office, third):
        paper.enter_paper_tally(actor=user, evaluation=evaluation, round=Round.MUTUAL,
                                ballots=0, counts=counts_for(evaluation, n=0))
    assert paper.paper_result(evaluation, Round.MUTUAL).counted
