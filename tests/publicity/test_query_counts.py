"""The publicity list pages cost the same number of queries for 2 rows as for 8."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.publicity.support import JPEG, approved_exemplar, nominate, published, record, upload
from vanguard.publicity.services import exemplars

pytestmark = pytest.mark.django_db
CEILING = 20


def add_rows(launched, district, n):
    branch = district.schools[0].branches[-1]
    for i in range(n):
        activity = record(launched, district, user="secretary", organization=branch,
                          participants=[], title=f"活动{i}", photos=[upload("a.jpg", JPEG)])
        published(launched, district, title=f"新闻{i}", activity=activity)


PAGES = [("office", "publicity:activities"), ("office", "publicity:exemplars"),
         ("office", "publicity:news_list"), (None, "publicity:public"),
         (None, "publicity:public_embed"), (None, "publicity:feed_rss")]


def measure(client, district, launched) -> dict:
    counts = {}
    for user, name in PAGES:
        client.logout()
        if user:
            client.force_login(district.users[user])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, args=[launched.pk])).status_code == 200
        counts[name] = len(queries)
    return counts


def test_list_pages_do_not_query_per_row(launched, district, client):
    add_rows(launched, district, 2)
    exemplar = approved_exemplar(launched, district)
    exemplars.publish_exemplar(actor=district.users["office"], exemplar=exemplar)
    small = measure(client, district, launched)
    add_rows(launched, district, 6)
    for person in district.schools[0].members[3:6]:
        if person != exemplar.person:
            nominate(launched, district, person=person)
    large = measure(client, district, launched)
    assert small == large
    assert max(large.values()) <= CEILING, large
