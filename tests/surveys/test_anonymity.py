"""Answer anonymity, proved as for the assessment: by schema (a response and its choices have
no column for a member, user, session, address or moment; the only date is the closing day)
and by a walk of every table row, log record and cache entry written while answers are given,
with a member's code or through the public link: none names the respondent, their session or
address, no audit entry is written, and nothing written about the member (invitee row, spent
token) points at the response."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import models
from django.urls import reverse

from tests.anonymity_support import cache_entries, table_rows, written
from tests.builders import make_user
from vanguard.access import audit
from vanguard.access.models import AuditEntry, User
from vanguard.opinions.logging import is_anonymous_path
from vanguard.people.models import Person
from vanguard.surveys.models import Choice, Invitee, Response, SpentToken

pytestmark = pytest.mark.django_db
ADDRESS = "203.0.113.81"
AGENT = "DistinctiveAgent/9.9 (survey-anonymity-test)"
USERNAME = "surveyed-k4p9"
WORDS = ("respondent", "user", "session", "address", "ip", "agent", "person", "token",
         "created", "updated", "time", "at", "invitee")


@pytest.mark.parametrize("model", [Response, Choice])
def test_an_answer_has_no_column_for_a_person_a_session_an_address_or_a_moment(model):
    for field in model._meta.concrete_fields:
        assert not isinstance(field, (models.DateTimeField, models.TimeField)), field.name
        if field.is_relation:
            assert field.related_model not in (User, Person, Invitee, SpentToken), field.name
        if field.name not in ("id", "response", "survey", "expectation"):
            assert not any(w in field.name for w in WORDS), field.name
    assert {f.name for f in model._meta.concrete_fields} == {
        Response: {"id", "survey", "group", "day", "other_topic", "expectation"},
        Choice: {"id", "response", "topic"}}[model]
    assert not [f for f in Invitee._meta.concrete_fields
                if f.is_relation and f.related_model in (Response, Choice)]
    assert not [f for f in SpentToken._meta.concrete_fields if f.is_relation]


def test_answers_are_registered_anonymous_for_the_audit_log():
    assert {"surveys.response", "surveys.choice"} <= audit.ANONYMOUS_MODELS


def test_the_answer_paths_are_anonymous_for_the_logs():
    assert is_anonymous_path("/surveys/answer/") and is_anonymous_path("/surveys/public/k/")


def test_spent_ids_are_not_in_order(opened):
    from vanguard.surveys.services import answers

    for token in list(opened.values())[:5]:
        answers.submit_member_answer(token=token, topics=["fees"])
    ids = sorted(SpentToken.objects.values_list("pk", flat=True))
    assert ids != list(range(ids[0], ids[0] + len(ids)))


WAYS = ["member_code_not_logged_in", "member_code_logged_in", "public_logged_in",
        "public_not_logged_in"]


@pytest.fixture
def member_user(opened, school):
    # A member with an account whose user name cannot occur in any other value by chance.
    return make_user(USERNAME, person=school.members[2])


@pytest.mark.parametrize("way", WAYS)
def test_answering_leaves_no_trace_of_who_answered(way, survey, opened, member_user, school,
                                                   closes_on, client, log_records):
    assert isinstance(caches["default"], LocMemCache)
    session_key = ""
    if way.endswith("_logged_in") and not way.endswith("not_logged_in"):
        client.force_login(member_user)
        session_key = client.session.session_key
    if way.startswith("member"):
        url = reverse("surveys:answer")
        client.get(url)
        data = {"token": opened[school.members[2].pk], "answer": "1", "topics": ["fees"],
                "expectation": "希望解决实际问题"}
    else:
        url = reverse("surveys:public", args=[survey.public_key])
        nonce = client.get(url).context["form"]["nonce"].value()
        data = {"group": "staff", "topics": ["fees"], "expectation": "希望解决实际问题",
                "nonce": nonce}
    invitee = Invitee.objects.get(survey=survey, person=school.members[2])
    rows_before, cache_before = table_rows(), cache_entries()
    audits_before = AuditEntry.objects.count()
    del log_records[:]

    response = client.post(url, data, REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)

    assert response.status_code == 200 and b'data-testid="answer-done"' in response.content
    written_response = Response.objects.get()
    choice_ids = set(Choice.objects.values_list("pk", flat=True))
    secrets = {ADDRESS, AGENT, USERNAME} | ({session_key} - {""})
    links = ({str(written_response.pk), written_response.pk.hex}
             | {str(pk) for pk in choice_ids} | {pk.hex for pk in choice_ids})
    changed = written(rows_before, table_rows())
    expected = ({("surveys.response", written_response.pk)}
                | {("surveys.choice", pk) for pk in choice_ids})
    if way.startswith("member"):
        expected |= {("surveys.invitee", invitee.pk)} | {
            ("surveys.spenttoken", pk) for pk in SpentToken.objects.values_list("pk", flat=True)}
    assert set(changed) == expected
    assert AuditEntry.objects.count() == audits_before
    for (label, _pk), row in changed.items():
        text = repr(row)
        assert not any(s in text for s in secrets), label
        if label in ("surveys.response", "surveys.choice"):
            assert invitee.token_hash not in text
            assert not [v for v in row.values() if isinstance(v, (dt.datetime, dt.time))]
        else:
            assert not any(link == str(v) for v in row.values() for link in links), label
    assert changed[("surveys.response", written_response.pk)]["day"] == closes_on

    for key, value in written(cache_before, cache_entries()).items():
        text = f"{key} {value!r}"
        assert not any(s in text for s in secrets | links), key
    for record in log_records:
        text = record.getMessage() + " ".join(repr(v) for v in record.__dict__.values())
        assert not any(s in text for s in secrets | links), record.name
    if session_key:
        assert ("sessions.session", session_key) not in changed
