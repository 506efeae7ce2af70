"""Ballot anonymity, proved: by schema (a ballot and its grades have no column for a voter,
user, session, address or moment; the only date is the closing day) and by a walk of every
table row, log record and cache entry written while a ballot is cast, logged in or with a
slip's code: none names the voter, their session or address, and nothing written about the
voter (participation, spent token) points at the ballot."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import models
from django.urls import reverse

from tests.anonymity_support import cache_entries, table_rows, written
from tests.builders import make_user
from tests.evaluations.conftest import all_grades
from vanguard.access import audit
from vanguard.access.models import AuditEntry, User
from vanguard.evaluations.models import Ballot, BallotGrade, Participation, SpentToken
from vanguard.evaluations.services import tokens
from vanguard.people.models import Person

pytestmark = pytest.mark.django_db
ADDRESS = "203.0.113.78"
AGENT = "DistinctiveAgent/8.8 (ballot-anonymity-test)"
USERNAME = "voter-k9w2"
VOTER_WORDS = ("voter", "user", "session", "address", "ip", "agent", "person", "token",
               "participation", "created", "updated", "time", "at")


# --- by schema ------------------------------------------------------------------------------

@pytest.mark.parametrize("model", [Ballot, BallotGrade])
def test_a_ballot_has_no_column_for_a_voter_a_session_an_address_or_a_moment(model):
    for field in model._meta.concrete_fields:
        assert not isinstance(field, (models.DateTimeField, models.TimeField)), field.name
        if field.is_relation:
            assert field.related_model is not User, field.name
            assert field.related_model not in (Participation, SpentToken), field.name
        if field.is_relation and field.related_model is Person:
            # The member being graded, not the voter: the voter grades everyone, themselves too.
            assert (model, field.name) == (BallotGrade, "person")
        elif field.name not in ("id", "ballot", "evaluation"):
            assert not any(w in field.name for w in VOTER_WORDS), field.name
    assert not [f for f in Participation._meta.concrete_fields
                if f.is_relation and f.related_model in (Ballot, BallotGrade)]
    assert not [f for f in SpentToken._meta.concrete_fields if f.is_relation]


def test_ballots_are_registered_anonymous_for_the_audit_log():
    assert {"evaluations.ballot", "evaluations.ballotgrade"} <= audit.ANONYMOUS_MODELS


def test_the_ballots_date_is_the_closing_day_and_its_ids_are_not_in_voting_order(
        voting_six, evaluation):
    from vanguard.evaluations.services import ballots

    for token in list(voting_six.values())[:5]:
        ballots.cast_ballot(token=token, grades=all_grades(evaluation))
    assert set(Ballot.objects.values_list("day", flat=True)) == {evaluation.closes_on}
    for model in (SpentToken, BallotGrade):
        ids = sorted(model.objects.values_list("pk", flat=True))
        # Drawn at random: not a run of the sequence whose order would match the voters'.
        assert ids != list(range(ids[0], ids[0] + len(ids))), model


# --- by what is written ---------------------------------------------------------------------

WAYS = ["own_ballot_logged_in", "slip_code_not_logged_in", "slip_code_logged_in"]


@pytest.fixture
def voter(district, voting_six):
    # A member of S1-B2 whose user name cannot occur in any other value by chance.
    return make_user(USERNAME, person=district.schools[0].members[4])


def ballot_post(way, client, evaluation, voter, voting):
    grades = {f"g{pk}": grade for pk, grade in all_grades(evaluation).items()}
    participation = Participation.objects.get(person=voter.person)
    if way == "own_ballot_logged_in":
        return {"participation": participation.pk, **grades}
    # A slip printed for this voter (fresh code, as the secretary's print does).
    token = tokens.new_token()
    Participation.objects.filter(pk=participation.pk).update(token_hash=tokens.hash_token(token))
    return {"token": token, "cast": "1", **grades}


@pytest.mark.parametrize("way", WAYS)
def test_casting_a_ballot_leaves_no_trace_of_who_cast_it(way, evaluation, voting_six, voter,
                                                        client, log_records):
    assert isinstance(caches["default"], LocMemCache)
    session_key = ""
    if way != "slip_code_not_logged_in":
        client.force_login(voter)
        session_key = client.session.session_key
    url = reverse("evaluations:vote")
    client.get(url)
    data = ballot_post(way, client, evaluation, voter, voting_six)
    participation = Participation.objects.get(person=voter.person)
    rows_before, cache_before = table_rows(), cache_entries()
    audits_before = AuditEntry.objects.count()
    del log_records[:]

    response = client.post(url, data, REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)

    assert response.status_code == 200 and b'data-testid="vote-done"' in response.content
    ballot = Ballot.objects.get()
    grade_ids = set(BallotGrade.objects.values_list("pk", flat=True))
    secrets = {ADDRESS, AGENT, USERNAME} | ({session_key} - {""})
    links = {str(ballot.pk), ballot.pk.hex} | {str(pk) for pk in grade_ids}

    # Tables: the participation is marked, the token spent, the ballot written; nothing else.
    changed = written(rows_before, table_rows())
    assert set(changed) == ({("evaluations.participation", participation.pk),
                             ("evaluations.ballot", ballot.pk)}
                            | {("evaluations.ballotgrade", pk) for pk in grade_ids}
                            | {("evaluations.spenttoken", pk) for pk in
                               SpentToken.objects.values_list("pk", flat=True)})
    assert AuditEntry.objects.count() == audits_before
    for (label, _pk), row in changed.items():
        text = repr(row)
        assert not any(s in text for s in secrets), label
        if label in ("evaluations.ballot", "evaluations.ballotgrade"):
            assert participation.token_hash not in text
            assert not [v for v in row.values() if isinstance(v, (dt.datetime, dt.time))]
        else:  # what names the voter never points at the ballot
            assert not any(link == str(v) for v in row.values() for link in links), label
    assert changed[("evaluations.ballot", ballot.pk)]["day"] == evaluation.closes_on

    # Cache: nothing written names the voter or points at the ballot.
    for key, value in written(cache_before, cache_entries()).items():
        text = f"{key} {value!r}"
        assert not any(s in text for s in secrets | links), key

    # Logs: no record of the request names the voter or the ballot.
    for record in log_records:
        text = record.getMessage() + " ".join(repr(v) for v in record.__dict__.values())
        assert not any(s in text for s in secrets | links), record.name

    # The session was not written: same data, same expiry.
    if session_key:
        assert ("sessions.session", session_key) not in changed
