"""QR sign-in end to end: the office's screen shows the code (refreshed by HTMX under the
Content-Security-Policy), a member's phone opens its address, logs in on the way, and lands
on the success page."""

import pytest

from tests.browser.conftest import WINDOWS, log_in
from tests.builders import PASSWORD
from vanguard.core import clock
from vanguard.meetings import services
from vanguard.meetings.models import Attendance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def context_for(browser, window: str):
    context = browser.new_context(viewport=WINDOWS[window], locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return context, page, errors


def test_a_member_signs_in_on_a_phone_from_the_offices_screen(browser, live_server, launched,
                                                              district):
    activity = launched.plans.get(organization=district.schools[0].committee) \
        .activities.get(key="mobilization_meeting")
    meeting = services.schedule_meeting(actor=district.users["office"], activity=activity,
                                        title="动员大会", held_at=clock.now())
    office_context, screen, screen_errors = context_for(browser, "desktop")
    phone_context, phone, phone_errors = context_for(browser, "phone")
    try:
        log_in(screen, live_server, "office", PASSWORD)
        screen.goto(f"{live_server.url}/meetings/{meeting.pk}/")
        assert screen.locator("[data-testid=sign-in-svg] svg").is_visible()
        address = screen.locator("[data-testid=sign-in-url]").inner_text().strip()
        assert address.startswith(f"{live_server.url}/meetings/{meeting.pk}/sign-in/?code=")
        # The fragment is polled every 15 seconds: the code on the screen stays current.
        with screen.expect_response(lambda r: "/sign-in-code/" in r.url and r.status == 200,
                                    timeout=25_000):
            pass
        assert screen.locator("[data-testid=sign-in-svg] svg").is_visible()

        # The member is not logged in on the phone: the login page first, then back.
        phone.goto(address)
        assert "/accounts/login/" in phone.url
        phone.fill("input[name=username]", "member")
        phone.fill("input[name=password]", PASSWORD)
        phone.click("form button[type=submit]")
        phone.wait_for_load_state("domcontentloaded")
        result = phone.locator("[data-testid=sign-in-result]")
        assert result.get_attribute("data-outcome") == "signed_in"
        assert "动员大会" in result.inner_text()
        # Phone-sized: nothing wider than the screen.
        assert phone.evaluate("document.documentElement.scrollWidth") <= WINDOWS["phone"]["width"]
        row = Attendance.objects.get(meeting=meeting, person=district.users["member"].person)
        assert row.status == Attendance.Status.PRESENT and row.signed_in_at is not None

        # Scanning again says so and changes nothing.
        phone.goto(address)
        assert phone.locator("[data-testid=sign-in-result]").get_attribute(
            "data-outcome") == "already"
        assert screen_errors == [] and phone_errors == []
    finally:
        office_context.close()
        phone_context.close()
