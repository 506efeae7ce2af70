"""Opening a branch's evaluation, self-evaluation, voters and tokens, closing."""

import datetime as dt

import pytest

from tests.evaluations.conftest import CLOSES_IN
from vanguard.access.models import AuditEntry
from vanguard.core import clock
from vanguard.evaluations.errors import EvaluationError
from vanguard.evaluations.models import Evaluation, Participation, Round, SelfEvaluation
from vanguard.evaluations.selectors import evaluation_activity_for
from vanguard.evaluations.services import stages, tokens

pytestmark = pytest.mark.django_db


def test_the_secretary_opens_the_branch_evaluation_at_self_evaluation(evaluation, branch):
    assert evaluation.stage == Evaluation.Stage.SELF
    assert evaluation.organization == branch
    assert evaluation.non_member_round is True  # the seed template asks for it
    assert AuditEntry.objects.filter(action="evaluations.evaluation.opened").exists()


def test_a_branch_has_one_evaluation(evaluation, branch, secretary, review_open):
    activity = evaluation_activity_for(review_open.campaign, branch)
    with pytest.raises(EvaluationError, match="already open"):
        stages.open_evaluation(actor=secretary, activity=activity, branch=branch,
                               closes_on=clock.today() + CLOSES_IN)
    assert Evaluation.objects.count() == 1


def test_another_branch_secretary_cannot_open_it(review_open, branch, district):
    activity = evaluation_activity_for(review_open.campaign, branch)
    with pytest.raises(EvaluationError, match="not allowed"):
        stages.open_evaluation(actor=district.users["other_secretary"], activity=activity,
                               branch=branch, closes_on=clock.today() + CLOSES_IN)
    assert not Evaluation.objects.exists()


def test_it_does_not_open_before_the_phase(launched, branch, secretary):
    activity = evaluation_activity_for(launched, branch)
    with pytest.raises(EvaluationError, match="phase is not open"):
        stages.open_evaluation(actor=secretary, activity=activity, branch=branch,
                               closes_on=clock.today() + CLOSES_IN)


def test_a_closing_day_in_the_past_is_refused(review_open, branch, secretary):
    activity = evaluation_activity_for(review_open.campaign, branch)
    with pytest.raises(EvaluationError, match="today or later"):
        stages.open_evaluation(actor=secretary, activity=activity, branch=branch,
                               closes_on=clock.today() - dt.timedelta(days=1))


def test_a_member_evaluates_themselves_and_may_change_it_until_closing(evaluation, district):
    member = district.users["member"]
    stages.submit_self_evaluation(actor=member, evaluation=evaluation, grade="qualified",
                                  text="认真学习")
    stages.submit_self_evaluation(actor=member, evaluation=evaluation, grade="excellent",
                                  text="改")
    row = SelfEvaluation.objects.get(person=member.person)
    assert (row.grade, row.text) == ("excellent", "改")


def test_self_evaluation_is_bounded_and_only_for_the_branch(evaluation, district):
    with pytest.raises(EvaluationError, match="at most 2000"):
        stages.submit_self_evaluation(actor=district.users["member"], evaluation=evaluation,
                                      grade="qualified", text="字" * 2001)
    with pytest.raises(EvaluationError, match="Only a member of this branch"):
        stages.submit_self_evaluation(actor=district.users["leader"], evaluation=evaluation,
                                      grade="qualified", text="")
    with pytest.raises(EvaluationError, match="four grades"):
        stages.submit_self_evaluation(actor=district.users["member"], evaluation=evaluation,
                                      grade="best", text="")
    assert not SelfEvaluation.objects.exists()


def test_issuing_tokens_gives_each_voter_one_hashed_token_per_round(voting, evaluation,
                                                                    district):
    rows = Participation.objects.filter(evaluation=evaluation)
    members = {p.pk for p in district.schools[0].members[3:6]}
    activists = {a.pk for a in district.schools[0].activists}
    assert {p.person_id for p in rows if p.round == Round.MUTUAL} == members
    # The builder's activist belongs to branch S1-B1: S1-B2 has none.
    assert not activists & {p.person_id for p in rows if p.round == Round.NON_MEMBER}
    for row in rows:
        assert row.token_hash == tokens.hash_token(voting[row.pk])
        assert voting[row.pk] not in row.token_hash
    evaluation.refresh_from_db()
    assert evaluation.stage == Evaluation.Stage.VOTING


def test_issuing_again_adds_only_the_missing(voting, evaluation, secretary):
    assert stages.issue_tokens(actor=secretary, evaluation=evaluation) == {}


def test_named_non_member_staff_join_the_non_members_round(evaluation, secretary, district):
    from tests.builders import make_person

    staff = make_person("S1职工", district.schools[0].school)
    participation = stages.add_non_member_voter(actor=secretary, evaluation=evaluation,
                                                person=staff)
    assert participation.round == Round.NON_MEMBER
    with pytest.raises(EvaluationError, match="already among"):
        stages.add_non_member_voter(actor=secretary, evaluation=evaluation, person=staff)
    with pytest.raises(EvaluationError, match="not a non-member"):
        stages.add_non_member_voter(actor=secretary, evaluation=evaluation,
                                    person=district.schools[0].members[0])


def test_slips_for_voters_without_account_replace_their_tokens(voting_six, evaluation,
                                                               secretary):
    slips = tokens.reissue_slips(actor=secretary, evaluation=evaluation)
    assert len(slips) == 4  # S1党员22 and the three members the fixture added have no account
    for participation, token in slips:
        assert Participation.objects.get(pk=participation.pk).token_hash == \
            tokens.hash_token(token)
        assert tokens.hash_token(voting_six[participation.pk]) != participation.token_hash


def test_closing_moves_to_closed(voting, evaluation, secretary):
    stages.close_evaluation(actor=secretary, evaluation=evaluation)
    evaluation.refresh_from_db()
    assert (evaluation.stage, evaluation.closed_on) == (Evaluation.Stage.CLOSED, clock.today())
    with pytest.raises(EvaluationError, match="Only open ballots"):
        stages.close_evaluation(actor=secretary, evaluation=evaluation)
