"""The survey's pages cost a fixed number of queries, however many answers and members."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import make_member
from tests.surveys.conftest import answer
from vanguard.surveys.services import answers, surveys

pytestmark = pytest.mark.django_db


def count(client, url, method="get") -> int:
    assert getattr(client, method)(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert getattr(client, method)(url).status_code == 200
    return len(queries.captured_queries)


def add_answers(survey, n, group="staff"):
    for i in range(n):
        answers.submit_public_answer(survey=survey, address=f"198.51.100.{i}",
                                     **answer(group=group, expectation=f"期望{i}"))


def test_results_detail_and_campaign_pages_cost_the_same_with_more_answers(
        opened, survey, office, launched, client, django_assert_max_num_queries):
    survey.refresh_from_db()
    add_answers(survey, 5)
    client.force_login(office)
    urls = [reverse("surveys:results", args=[survey.pk]),
            reverse("surveys:detail", args=[survey.pk]),
            reverse("surveys:campaign", args=[launched.pk])]
    small = [count(client, u) for u in urls]
    add_answers(survey, 20, "student")
    add_answers(survey, 7, "parent")
    assert [count(client, u) for u in urls] == small, small
    with django_assert_max_num_queries(12):
        client.get(urls[0])


def test_printing_slips_costs_the_same_with_more_members(opened, survey, office, school,
                                                        client):
    client.force_login(office)
    url = reverse("surveys:slips", args=[survey.pk])
    small = count(client, url, "post")
    for n in range(10):
        make_member(f"新党员{n}", school.branches[0])
    surveys.invite_new_members(actor=office, survey=survey)
    assert count(client, url, "post") == small
