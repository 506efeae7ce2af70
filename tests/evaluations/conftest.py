"""Fixtures of the evaluation tests: branch S1-B2 (the secretary's and the member's) with its
evaluation open while S1's review phase is open, and a helper to grow the branch past k."""

import datetime as dt

import pytest

from tests.builders import make_member
from vanguard.core import clock
from vanguard.evaluations.models import Grade
from vanguard.evaluations.selectors import evaluation_activity_for
from vanguard.evaluations.services import ballots, stages

CLOSES_IN = dt.timedelta(days=3)


@pytest.fixture
def branch(district):
    return district.schools[0].branches[-1]


@pytest.fixture
def secretary(district):
    return district.users["secretary"]


@pytest.fixture
def evaluation(review_open, branch, secretary):
    activity = evaluation_activity_for(review_open.campaign, branch)
    return stages.open_evaluation(actor=secretary, activity=activity, branch=branch,
                                  closes_on=clock.today() + CLOSES_IN)


@pytest.fixture
def six_members(branch):
    """S1-B2 with six members (three more than the builder's), so five ballots are possible;
    the new members have no account."""
    return [make_member(f"S1党员2{i}", branch) for i in (4, 5, 6)]


@pytest.fixture
def voting(evaluation, secretary):
    """Ballots open: returns {participation id: token}."""
    return stages.issue_tokens(actor=secretary, evaluation=evaluation)


def all_grades(evaluation, grade=Grade.QUALIFIED, **overrides) -> dict:
    from vanguard.evaluations.services.common import member_ids

    return {pk: overrides.get(str(pk), grade) for pk in member_ids(evaluation)}


def vote_with(tokens_by_id, evaluation, count, round_="mutual") -> int:
    """Cast `count` ballots with the tokens of `round_`; returns how many were cast."""
    from vanguard.evaluations.models import Participation

    ids = list(Participation.objects.filter(pk__in=tokens_by_id, round=round_)
               .values_list("pk", flat=True).order_by("pk"))[:count]
    for pk in ids:
        ballots.cast_ballot(token=tokens_by_id[pk], grades=all_grades(evaluation))
    return len(ids)


@pytest.fixture
def voting_six(six_members, evaluation, secretary):
    """Ballots open in the six-member branch: {participation id: token}."""
    return stages.issue_tokens(actor=secretary, evaluation=evaluation)
