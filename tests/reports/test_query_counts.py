"""The report pages cost a fixed number of queries: the figures are read from the report, not
computed again, and the received list does not grow with the reports sent."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.reports import world
from vanguard.reports import services

# Measured (the same on SQLite and PostgreSQL) plus 3, as tests/web/test_query_counts.py does.
CEILINGS = {"detail": 11, "received": 12, "campaign": 12}


def _count(client, url, guard=None) -> int:
    """Queries of one request, after a first one has warmed the session."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        if guard is None:
            assert client.get(url).status_code == 200
        else:
            with guard:
                assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def _report(campaign, district, school):
    office = district.users["office" if school == 0 else "other_office"]
    report = services.generate_report(actor=office, campaign=campaign,
                                      organization=district.schools[school].committee)
    return services.submit_report(actor=office, report=report, version=report.version)


@pytest.mark.parametrize("page", list(CEILINGS))
def test_report_pages_cost_the_same_queries_with_more_records(page, rectify_open, district,
                                                              client,
                                                              django_assert_max_num_queries):
    campaign = rectify_open.campaign
    first = _report(campaign, district, 0)
    urls = {"detail": reverse("reports:detail", args=[first.pk]),
            "received": reverse("reports:received"),
            "campaign": reverse("reports:campaign", args=[campaign.pk])}
    viewer = district.users["district_office"]
    client.force_login(viewer)
    before = _count(client, urls[page])
    world.build(campaign, district)
    _report(campaign, district, 1)
    after = _count(client, urls[page], django_assert_max_num_queries(CEILINGS[page]))
    assert (page, after) == (page, before)
