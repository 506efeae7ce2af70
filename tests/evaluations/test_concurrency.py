"""One token, one ballot, however many submissions race: 20 at once with the same token
write exactly one ballot. On PostgreSQL the 20 run in threads released together (each in its
own connection and transaction, so the unique constraint on the spent token decides); SQLite
allows one writer at a time, so there they run one after another."""

import threading

import pytest
from django.db import connection, connections

from tests.evaluations.conftest import all_grades
from vanguard.evaluations.errors import EvaluationError
from vanguard.evaluations.models import Ballot, BallotGrade, Participation, SpentToken
from vanguard.evaluations.services import ballots

pytestmark = pytest.mark.django_db(transaction=True)
SUBMISSIONS = 20


def submit(token, grades, outcomes, barrier=None):
    try:
        if barrier is not None:
            barrier.wait(timeout=30)
        ballots.cast_ballot(token=token, grades=grades)
        outcomes.append("cast")
    except EvaluationError as exc:
        outcomes.append(exc.code)
    finally:
        if barrier is not None:
            connections.close_all()


def test_twenty_simultaneous_submissions_with_one_token_give_one_ballot(voting, evaluation):
    token = next(iter(voting.values()))
    grades = all_grades(evaluation)
    outcomes: list[str] = []
    if connection.vendor == "sqlite":
        for _ in range(SUBMISSIONS):
            submit(token, grades, outcomes)
    else:
        barrier = threading.Barrier(SUBMISSIONS)
        threads = [threading.Thread(target=submit, args=(token, grades, outcomes, barrier))
                   for _ in range(SUBMISSIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert sorted(outcomes) == ["cast"] + ["spent"] * (SUBMISSIONS - 1)
    assert Ballot.objects.count() == 1
    assert BallotGrade.objects.count() == len(grades)
    assert SpentToken.objects.count() == 1
    assert Participation.objects.filter(voted=True).count() == 1
