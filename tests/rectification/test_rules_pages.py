"""The register of lasting rules on its page: adding, editing, removing, and the errors of
bad input shown on the form with nothing written."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.rectification.disclosure_support import add_rule, team_plan_with_items
from vanguard.core import clock
from vanguard.rectification.models import LastingRule
from vanguard.rectification.services import disclosure

CODE = "S1-C"


@pytest.fixture
def office(client, district):
    client.force_login(district.users["office"])
    return client


def rules_url(school_plan):
    return reverse("rectification:rules", args=[school_plan.campaign_id, CODE])


def rule_data(**overrides):
    data = {"title": "听课评课制度", "text": "校领导每学期听课不少于20节。",
            "adopted_on": (clock.today() - dt.timedelta(days=2)).isoformat(), "owner": "校办"}
    data.update(overrides)
    return data


def test_the_office_adds_a_rule_from_the_page(rectify_open, office):
    response = office.post(rules_url(rectify_open), rule_data())
    assert response.status_code == 302
    page = office.get(rules_url(rectify_open)).content.decode()
    assert "听课评课制度" in page and LastingRule.objects.count() == 1


@pytest.mark.parametrize(("data", "message"), [
    (rule_data(title=""), "Give the rule a title."),
    (rule_data(text=""), "Write the text of the rule."),
    (rule_data(title="规" * 121), "At most 120 characters (it has 121)."),
    (rule_data(adopted_on="明天"), "Enter the date as YYYY-MM-DD."),
    (rule_data(adopted_on=(clock.today() + dt.timedelta(days=1)).isoformat()),
     "The date of adoption cannot be in the future"),
])
def test_bad_input_is_shown_on_the_form_and_nothing_is_written(rectify_open, office, data,
                                                               message):
    response = office.post(rules_url(rectify_open), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not LastingRule.objects.exists()


def test_the_office_edits_a_rule(rectify_open, district, office):
    rule = add_rule(rectify_open, district)
    url = reverse("rectification:rule_edit", args=[rule.pk])
    assert office.get(url).status_code == 200
    response = office.post(url, rule_data(title="集体备课制度（修订）"))
    rule.refresh_from_db()
    assert response.status_code == 302 and rule.title == "集体备课制度（修订）"


def test_an_unpublished_rule_is_removed_a_published_one_is_not(rectify_open, district, office):
    team_plan_with_items(rectify_open, district)
    published = add_rule(rectify_open, district)
    disclosure.publish_disclosure(actor=district.users["office"], campaign=rectify_open.campaign,
                                  organization=district.schools[0].committee, title="公布")
    fresh = add_rule(rectify_open, district, title="新制度")
    page = office.get(rules_url(rectify_open)).content.decode()
    assert reverse("rectification:rule_remove", args=[fresh.pk]) in page
    assert reverse("rectification:rule_remove", args=[published.pk]) not in page
    office.post(reverse("rectification:rule_remove", args=[fresh.pk]))
    response = office.post(reverse("rectification:rule_remove", args=[published.pk]),
                           follow=True)
    assert "cannot be removed" in response.content.decode()
    assert list(LastingRule.objects.values_list("pk", flat=True)) == [published.pk]


def test_another_schools_office_gets_404(rectify_open, district, client):
    rule = add_rule(rectify_open, district)
    client.force_login(district.users["other_office"])
    assert client.get(rules_url(rectify_open)).status_code == 404
    assert client.post(reverse("rectification:rule_remove", args=[rule.pk])).status_code == 404
    assert LastingRule.objects.count() == 1
