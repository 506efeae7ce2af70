"""The pages: the office sets up, opens and prints; readers read results; the answer pages
work without login, phone-first; every other role is refused (404 outside the scope, 403
where a reader may not write), and bad input shows a message with nothing changed."""

import pytest
from django.urls import reverse

from tests.surveys.conftest import answer
from vanguard.campaigns.registry import campaign_pages
from vanguard.surveys.models import Response, Survey
from vanguard.surveys.services import answers

pytestmark = pytest.mark.django_db


def test_the_office_prepares_edits_and_opens_a_survey(launched, school, office, client,
                                                      closes_on):
    client.force_login(office)
    page = client.get(reverse("surveys:campaign", args=[launched.pk]))
    assert page.status_code == 200 and school.committee.name in page.content.decode()
    client.post(reverse("surveys:create", args=[launched.pk]),
                {"organization": school.committee.pk})
    survey = Survey.objects.get()
    detail = client.get(reverse("surveys:detail", args=[survey.pk]))
    assert b'data-testid="edit-form"' in detail.content
    client.post(reverse("surveys:edit", args=[survey.pk]), {
        "intro": "", "topics": "校园安全\n食堂管理", "max_choices": 2,
        "expectation_question": "期望？", "public_enabled": "on"})
    survey.refresh_from_db()
    assert [t["label"] for t in survey.topics] == ["校园安全", "食堂管理"]
    client.post(reverse("surveys:open", args=[survey.pk]), {"closes_on": closes_on})
    survey.refresh_from_db()
    assert survey.state == "open"
    detail = client.get(reverse("surveys:detail", args=[survey.pk]))
    assert b"<svg" in detail.content and survey.public_key.encode() in detail.content


def test_a_bad_edit_shows_the_message_and_changes_nothing(survey, office, client):
    client.force_login(office)
    before = Survey.objects.values().get(pk=survey.pk)
    page = client.post(reverse("surveys:edit", args=[survey.pk]), {
        "intro": "", "topics": "只有一个", "max_choices": 1, "expectation_question": "期望？"})
    assert page.status_code == 200 and b'data-testid="form-error"' in page.content
    assert Survey.objects.values().get(pk=survey.pk) == before


def test_slips_show_each_code_once_with_its_qr(opened, survey, office, client):
    client.force_login(office)
    page = client.post(reverse("surveys:slips", args=[survey.pk]))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert html.count("data-token") == 6 and html.count("<svg") >= 6
    assert client.get(reverse("surveys:slips", args=[survey.pk])).status_code == 405


@pytest.mark.parametrize("role, status", [("other_office", 404), ("secretary", 404),
                                          ("member", 404), ("supervisor", 403),
                                          ("leader", 403)])
def test_others_may_not_run_the_survey(role, status, survey, district, client, closes_on):
    client.force_login(district.users[role])
    for name, data in (("surveys:edit", {"topics": "a\nb", "max_choices": 1,
                                         "expectation_question": "q"}),
                       ("surveys:open", {"closes_on": closes_on}), ("surveys:close", {}),
                       ("surveys:slips", {}), ("surveys:invite", {})):
        assert client.post(reverse(name, args=[survey.pk]), data).status_code == status, name
    survey.refresh_from_db()
    assert survey.state == "draft"


def test_the_supervisor_and_leader_read_the_results(opened, survey, district, client):
    for role in ("supervisor", "leader", "admin"):
        client.force_login(district.users[role])
        assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 200
        assert client.get(reverse("surveys:results_xlsx", args=[survey.pk])).status_code == 200


def test_results_show_the_hot_issues_first(opened, survey, office, client):
    survey.refresh_from_db()
    for _ in range(5):
        answers.submit_public_answer(survey=survey, address="198.51.100.1",
                                     **answer(group="staff", topics=["safety"]))
    client.force_login(office)
    html = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert html.index('data-testid="hot-issues"') < html.index('data-testid="by-group"')
    assert html.index('data-topic="safety"') < html.index('data-topic="fees"')


def test_the_member_answers_with_the_code_from_the_link(opened, survey, school, client):
    url = reverse("surveys:answer")
    assert client.get(url).status_code == 200
    token = opened[school.members[0].pk]
    page = client.post(url, {"token": token})
    assert b'data-testid="answers"' in page.content
    bad = client.post(url, {"token": token, "answer": "1", "topics": []})
    assert b'data-testid="form-error"' in bad.content and Response.objects.count() == 0
    done = client.post(url, {"token": token, "answer": "1", "topics": ["fees"]})
    assert b'data-testid="answer-done"' in done.content and Response.objects.count() == 1
    again = client.post(url, {"token": token})
    assert b'data-testid="token-error"' in again.content


def test_the_public_page_is_phone_first_and_closed_pages_say_so(opened, survey, office,
                                                                client):
    url = reverse("surveys:public", args=[survey.public_key])
    page = client.get(url)
    assert page.status_code == 200 and b'name="viewport"' in page.content
    assert b'name="group"' in page.content
    assert client.get(reverse("surveys:public", args=["no-such-key"])).status_code == 404
    Survey.objects.filter(pk=survey.pk).update(public_enabled=False)
    assert b'data-testid="closed"' in client.get(url).content


def test_a_draft_survey_has_no_public_page(survey, client):
    assert client.get(reverse("surveys:public", args=[survey.public_key])).status_code == 404


def test_the_campaign_page_links_to_the_survey_for_reading_roles(launched, district):
    for role, linked in (("office", True), ("leader", True), ("supervisor", True),
                         ("admin", True), ("secretary", False), ("member", False)):
        links = [url for _label, url in campaign_pages(launched, district.users[role])]
        assert (reverse("surveys:campaign", args=[launched.pk]) in links) is linked, role
