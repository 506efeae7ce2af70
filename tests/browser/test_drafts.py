"""What a user typed survives an expired session: the form brings it back after login."""

import pytest
from django.contrib.sessions.models import Session

from tests.browser.conftest import log_in
from tests.builders import PASSWORD
from vanguard.campaigns import services
from vanguard.campaigns.models import Plan
from vanguard.core import clock

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_text_survives_an_expired_session(page, live_server, district):
    campaign = services.launch_campaign(actor=district.users["district_office"],
                                        template_key="advanced-nature-2005",
                                        organization=district.root, starts_on=clock.today())
    plan = campaign.plans.get(organization=district.schools[0].committee)
    log_in(page, live_server, "office", PASSWORD)
    page.goto(f"{live_server.url}/campaigns/plans/{plan.pk}/edit/")
    page.fill("input[name=title]", "一中实施方案（修改稿）")
    page.fill("textarea[name=preamble]", "结合我校教学安排，动员大会安排在期中考试之后。")
    Session.objects.all().delete()  # the session ends on the server while the form is open
    page.click("form[data-keep-draft] button[type=submit]")
    page.wait_for_load_state("domcontentloaded")
    assert "/accounts/login/" in page.url
    page.fill("input[name=username]", "office")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state("domcontentloaded")
    assert page.url.endswith(f"/campaigns/plans/{plan.pk}/edit/")
    assert page.input_value("input[name=title]") == "一中实施方案（修改稿）"
    assert page.locator("[data-draft-note]").is_visible()
    page.click("form[data-keep-draft] button[type=submit]")
    page.wait_for_load_state("domcontentloaded")
    assert Plan.objects.get(pk=plan.pk).title == "一中实施方案（修改稿）"
    kept = page.evaluate(f"window.localStorage.getItem('vanguard-draft:plan-{plan.pk}')")
    assert kept is None
