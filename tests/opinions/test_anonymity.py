"""Anonymity, proved: while an anonymous opinion is sent (the public form, logged in or not,
and the logged-in user's own form), every table, every log record and every cache entry
written is walked, and none of them names the account, the session or the address, nor ties
the opinion to them. The opinion has no time finer than the day; no audit entry is written.
A named opinion, for contrast, does keep the giver."""

import datetime as dt
import re

import pytest
from django.apps import apps
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import models
from django.urls import reverse

from tests.anonymity_support import cache_entries, table_rows, written
from tests.builders import make_user
from tests.opinions.intake_world import TEXT, member_token, s1_intake
from vanguard.access.models import AuditEntry, User
from vanguard.opinions.models import Opinion
from vanguard.people.models import Person

pytestmark = pytest.mark.django_db
ADDRESS = "203.0.113.77"
AGENT = "DistinctiveAgent/7.7 (anonymity-test)"
USERNAME = "giver-q7x3"


@pytest.fixture
def intake(review_open):
    return s1_intake(review_open)


@pytest.fixture
def giver(district):
    # A person of S1 whose user name cannot occur in any other value by chance.
    return make_user(USERNAME, person=district.schools[0].members[4])


def relations_to(model) -> dict[str, set[str]]:
    """For each model, its columns that point at `model` (a user, a person)."""
    found: dict[str, set[str]] = {}
    for each in apps.get_models():
        for field in each._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is model:
                found.setdefault(each._meta.label_lower, set()).add(field.attname)
    return found


def sent(client, url, extra_fields, district):
    """GET the form (not measured) and return what the POST that sends it carries."""
    page = client.get(url).content.decode()
    nonce = re.search(r'name="nonce" value="([^"]+)"', page).group(1)
    data = {"nonce": nonce, "subject": member_token(district), "category": "style",
            "source_group": "parent", "text": TEXT, **extra_fields}
    return data


WAYS = ["public_form_not_logged_in", "public_form_logged_in", "users_form_anonymous"]


@pytest.mark.parametrize("way", WAYS)
def test_sending_an_anonymous_opinion_leaves_no_trace_of_who_sent_it(
        way, intake, district, giver, client, log_records):
    assert isinstance(caches["default"], LocMemCache)  # its entries can be read back
    session_key = ""
    if way != "public_form_not_logged_in":
        client.force_login(giver)
        session_key = client.session.session_key
    if way == "users_form_anonymous":
        url = reverse("opinions:give", args=[intake.campaign_id])
        data = sent(client, url, {"anonymity": "anonymous"}, district)
    else:
        url = reverse("opinions:public_form", args=[intake.form_key])
        data = sent(client, url, {}, district)
    rows_before, cache_before, audits_before = table_rows(), cache_entries(), \
        AuditEntry.objects.count()
    del log_records[:]

    response = client.post(url, data, REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)

    assert re.search(r"\d{4} \d{4} \d{4} \d{4} \d{4}", response.content.decode())
    opinion = Opinion.objects.get()
    secrets = {ADDRESS, AGENT, USERNAME, giver.person.name} | ({session_key} - {""})
    links = {str(opinion.pk), opinion.pk.hex, opinion.receipt_hash}

    # Tables: the opinion is the only row written; it names nobody; no audit entry.
    changed = written(rows_before, table_rows())
    assert set(changed) == {("opinions.opinion", opinion.pk)}
    assert AuditEntry.objects.count() == audits_before
    for (label, _pk), row in changed.items():
        text = repr(row)
        assert not any(s in text for s in secrets), label
        for column in relations_to(User).get(label, set()):
            assert row[column] != giver.pk, (label, column)
        for column in relations_to(Person).get(label, set()):
            assert row[column] != giver.person.pk, (label, column)
    row = changed[("opinions.opinion", opinion.pk)]
    assert (row["giver_id"], row["giver_name"], row["entered_by_id"], row["anonymous"]) == (
        None, "", None, True)

    # No time finer than the day, by schema and by value.
    assert not [f.name for f in Opinion._meta.concrete_fields
                if isinstance(f, (models.DateTimeField, models.TimeField))]
    assert not [k for k, v in row.items() if isinstance(v, (dt.datetime, dt.time))]

    # Cache: what was written names nobody and does not point at the opinion.
    for key, value in written(cache_before, cache_entries()).items():
        text = f"{key} {value!r}"
        assert not any(s in text for s in secrets | links), key

    # Logs: no record of the request names the sender or the opinion.
    for record in log_records:
        text = record.getMessage() + " ".join(repr(v) for v in record.__dict__.values())
        assert not any(s in text for s in secrets | links), record.name

    # The session (if any) was not written: same data, same expiry.
    if session_key:
        assert ("sessions.session", session_key) not in changed


def test_a_named_opinion_does_keep_the_giver(intake, district, giver, client):
    client.force_login(giver)
    url = reverse("opinions:give", args=[intake.campaign_id])
    client.post(url, sent(client, url, {"anonymity": "named"}, district))
    opinion = Opinion.objects.get()
    assert (opinion.anonymous, opinion.giver, opinion.giver_name) == (
        False, giver.person, giver.person.name)
    assert AuditEntry.objects.filter(action="opinions.opinion.given", actor=giver).exists()
