"""The assessment's list pages cost a fixed number of queries, however many respondents,
responses and rounds: each page is measured, more records are added, and measured again."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.assessments.conftest import all_ratings
from vanguard.assessments.models import Assessment, Rating, RemedialRound
from vanguard.assessments.services import answers, assessments

pytestmark = pytest.mark.django_db


def count(client, url) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_results_and_detail_pages_cost_the_same_with_more_responses(
        assessment, opened, office, client, django_assert_max_num_queries):
    assessment.refresh_from_db()
    tokens = list(opened.values())
    for token in tokens[:5]:
        answers.submit_answers(token=token, ratings=all_ratings(assessment))
    assessments.close_assessment(actor=office, assessment=assessment)
    client.force_login(office)
    results = reverse("assessments:results", args=[assessment.pk])
    detail = reverse("assessments:detail", args=[assessment.pk])
    small = count(client, results), count(client, detail)
    # More responses in every group, added behind the service's back (the assessment is
    # closed): the pages must not read them one by one.
    Assessment.objects.filter(pk=assessment.pk).update(state="open")
    for token in tokens[5:30]:
        answers.submit_answers(token=token, ratings=all_ratings(assessment, Rating.NOT))
    Assessment.objects.filter(pk=assessment.pk).update(state="closed")
    assert (count(client, results), count(client, detail)) == small, small
    # Measured 12 and 10 (the session, the user and the roles are in each), plus 3.
    with django_assert_max_num_queries(15):
        client.get(results)
    with django_assert_max_num_queries(13):
        client.get(detail)


def test_the_campaign_and_rounds_lists_cost_the_same_with_more_rounds(
        assessment, district, client, django_assert_max_num_queries):
    def add_round():
        RemedialRound.objects.create(campaign=assessment.campaign,
                                     organization=assessment.organization, kind="remedial",
                                     triggered_by=assessment, dissatisfied_share="0.6",
                                     threshold="most", supervisor=district.root)

    client.force_login(district.users["district_office"])
    rounds = reverse("assessments:remedial_list")
    campaign = reverse("assessments:campaign", args=[assessment.campaign_id])
    add_round()
    small = count(client, rounds), count(client, campaign)
    for _ in range(4):
        add_round()
    Assessment.objects.create(campaign=assessment.campaign, activity=assessment.activity,
                              organization=assessment.organization, round=2,
                              questions=assessment.questions)
    assert (count(client, rounds), count(client, campaign)) == small, small
    # Measured 10 and 10, plus 3.
    with django_assert_max_num_queries(13):
        client.get(rounds)
    with django_assert_max_num_queries(13):
        client.get(campaign)
