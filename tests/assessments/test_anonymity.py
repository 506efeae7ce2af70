"""Answer anonymity, proved as for ballots: by schema (a response and its answers have no
column for a respondent, user, session, address or moment; the only date is the closing day)
and by a walk of every table row, log record and cache entry written while answers are given,
logged in or with a slip's code: none names the respondent, their session or address, and
nothing written about the respondent (respondent row, spent token) points at the response."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import models
from django.urls import reverse

from tests.anonymity_support import cache_entries, table_rows, written
from tests.assessments.conftest import all_ratings
from tests.builders import make_user
from vanguard.access import audit
from vanguard.access.models import AuditEntry, User
from vanguard.assessments.models import Answer, Respondent, Response, SpentToken
from vanguard.assessments.services import answers, tokens
from vanguard.people.models import Person

pytestmark = pytest.mark.django_db
ADDRESS = "203.0.113.79"
AGENT = "DistinctiveAgent/9.9 (answer-anonymity-test)"
USERNAME = "respondent-q7z3"
WORDS = ("respondent", "user", "session", "address", "ip", "agent", "person", "token",
         "created", "updated", "time", "at")


@pytest.mark.parametrize("model", [Response, Answer])
def test_a_response_has_no_column_for_a_respondent_a_session_an_address_or_a_moment(model):
    for field in model._meta.concrete_fields:
        assert not isinstance(field, (models.DateTimeField, models.TimeField)), field.name
        if field.is_relation:
            assert field.related_model not in (User, Person, Respondent, SpentToken), field.name
        if field.name not in ("id", "response", "assessment", "rating"):
            assert not any(w in field.name for w in WORDS), field.name
    # Nothing else: the columns are exactly these.
    assert {f.name for f in model._meta.concrete_fields} == {
        Response: {"id", "assessment", "part", "group", "day"},
        Answer: {"id", "response", "question", "rating"}}[model]
    assert not [f for f in Respondent._meta.concrete_fields
                if f.is_relation and f.related_model in (Response, Answer)]
    assert not [f for f in SpentToken._meta.concrete_fields if f.is_relation]


def test_responses_are_registered_anonymous_for_the_audit_log():
    assert {"assessments.response", "assessments.answer"} <= audit.ANONYMOUS_MODELS


def test_the_responses_date_is_the_closing_day_and_spent_ids_are_not_in_order(assessment,
                                                                             opened):
    assessment.refresh_from_db()
    for token in list(opened.values())[:5]:
        answers.submit_answers(token=token, ratings=all_ratings(assessment))
    assert set(Response.objects.values_list("day", flat=True)) == {assessment.closes_on}
    ids = sorted(SpentToken.objects.values_list("pk", flat=True))
    assert ids != list(range(ids[0], ids[0] + len(ids)))


WAYS = ["own_row_logged_in", "slip_code_not_logged_in", "slip_code_logged_in"]


@pytest.fixture
def respondent_user(opened, representatives):
    # A student representative whose user name cannot occur in any other value by chance.
    return make_user(USERNAME, person=representatives[0])


def answer_post(way, assessment, user) -> dict:
    ratings = {f"q_{k}": v for k, v in all_ratings(assessment).items()}
    respondent = Respondent.objects.get(assessment=assessment, person=user.person)
    if way == "own_row_logged_in":
        return {"respondent": respondent.pk, **ratings}
    token = tokens.new_token()  # a fresh slip for this respondent, as the office's print does
    Respondent.objects.filter(pk=respondent.pk).update(token_hash=tokens.hash_token(token))
    return {"token": token, "answer": "1", **ratings}


@pytest.mark.parametrize("way", WAYS)
def test_answering_leaves_no_trace_of_who_answered(way, assessment, opened, respondent_user,
                                                  client, log_records):  # noqa: F811
    assert isinstance(caches["default"], LocMemCache)
    assessment.refresh_from_db()
    session_key = ""
    if way != "slip_code_not_logged_in":
        client.force_login(respondent_user)
        session_key = client.session.session_key
    url = reverse("assessments:answer")
    client.get(url)
    data = answer_post(way, assessment, respondent_user)
    respondent = Respondent.objects.get(assessment=assessment, person=respondent_user.person)
    rows_before, cache_before = table_rows(), cache_entries()
    audits_before = AuditEntry.objects.count()
    del log_records[:]

    response = client.post(url, data, REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)

    assert response.status_code == 200 and b'data-testid="answer-done"' in response.content
    written_response = Response.objects.get()
    answer_ids = set(Answer.objects.values_list("pk", flat=True))
    secrets = {ADDRESS, AGENT, USERNAME} | ({session_key} - {""})
    links = ({str(written_response.pk), written_response.pk.hex}
             | {str(pk) for pk in answer_ids} | {pk.hex for pk in answer_ids})

    changed = written(rows_before, table_rows())
    assert set(changed) == ({("assessments.respondent", respondent.pk),
                             ("assessments.response", written_response.pk)}
                            | {("assessments.answer", pk) for pk in answer_ids}
                            | {("assessments.spenttoken", pk) for pk in
                               SpentToken.objects.values_list("pk", flat=True)})
    assert AuditEntry.objects.count() == audits_before
    for (label, _pk), row in changed.items():
        text = repr(row)
        assert not any(s in text for s in secrets), label
        if label in ("assessments.response", "assessments.answer"):
            assert respondent.token_hash not in text
            assert not [v for v in row.values() if isinstance(v, (dt.datetime, dt.time))]
        else:  # what names the respondent never points at the response
            assert not any(link == str(v) for v in row.values() for link in links), label
    assert changed[("assessments.response", written_response.pk)]["day"] == assessment.closes_on
    assert changed[("assessments.response", written_response.pk)]["group"] == respondent.group

    for key, value in written(cache_before, cache_entries()).items():
        text = f"{key} {value!r}"
        assert not any(s in text for s in secrets | links), key

    for record in log_records:
        text = record.getMessage() + " ".join(repr(v) for v in record.__dict__.values())
        assert not any(s in text for s in secrets | links), record.name

    if session_key:
        assert ("sessions.session", session_key) not in changed
