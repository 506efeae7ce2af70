"""In a real browser: each section counts as the member types, the draft saves itself, and
what was typed survives an expired session (the phase 1 mechanism, several sections)."""

import re

import pytest
from django.contrib.sessions.models import Session

from tests.browser.conftest import log_in
from tests.builders import PASSWORD
from vanguard.analyses import services
from vanguard.analyses.models import SelfAnalysis

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def saved_state(window, timeout=15_000) -> None:
    """Wait until the page says the draft was saved at a time (hh:mm:ss)."""
    from playwright.sync_api import expect

    expect(window.locator("[data-testid=save-state]")).to_contain_text(
        re.compile(r"\d\d:\d\d:\d\d"), timeout=timeout)


def test_sections_save_as_typed_and_survive_an_expired_session(page, live_server,
                                                               review_open, district):
    member = district.users["member"]
    analysis = services.start_analysis(actor=member, campaign=review_open.campaign)
    url = f"{live_server.url}/analyses/{review_open.campaign.pk}/mine/"
    log_in(page, live_server, "member", PASSWORD)
    page.goto(url)
    study = page.locator("[data-testid=section-study] [data-editor-area]")
    study.click()
    page.keyboard.type("认真学习党章")
    assert page.locator("[data-testid=counter-study] [data-editor-count]").inner_text() == "6"
    page.locator("[data-testid=section-causes] [data-editor-area]").click()  # blur: save now
    saved_state(page)
    assert "认真学习党章" in SelfAnalysis.objects.get(pk=analysis.pk).sections["study"]

    Session.objects.all().delete()  # the session ends on the server while the page is open
    page.keyboard.type("放松了理论学习")
    page.locator("[data-testid=section-study] [data-editor-area]").click()
    page.locator("[data-testid=session-expired]").wait_for(state="visible")
    assert SelfAnalysis.objects.get(pk=analysis.pk).sections["causes"] == ""

    log_in(page, live_server, "member", PASSWORD)
    page.goto(url)
    assert page.locator("[data-draft-note]").is_visible()
    assert "放松了理论学习" in page.locator(
        "[data-testid=section-causes] [data-editor-area]").inner_text()
    saved_state(page, timeout=20_000)
    saved = SelfAnalysis.objects.get(pk=analysis.pk).sections
    assert "放松了理论学习" in saved["causes"] and "认真学习党章" in saved["study"]
    assert page.console_errors == []
