"""A heart-to-heart talk on a phone and a desktop: a member records it with their branch
secretary, the secretary confirms it, and the required pair is done."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.builders import PASSWORD
from vanguard.core import clock
from vanguard.talks.models import Talk, TalkPair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_records_a_talk_and_the_partner_confirms_it(page, live_server, review_open,
                                                          district):
    member = district.users["member"].person
    secretary = district.users["secretary"].person
    pair = TalkPair.objects.get(person_a=min(member, secretary, key=lambda p: p.pk),
                                person_b=max(member, secretary, key=lambda p: p.pk))
    assert pair.state == TalkPair.State.MISSING
    url = f"{live_server.url}/talks/{review_open.campaign_id}/"

    log_in(page, live_server, "member", PASSWORD)
    page.goto(url)
    page.select_option("select[name=partner]", str(secretary.pk))
    page.fill("input[name=held_on]", clock.today().isoformat())
    page.fill("input[name=place]", "党员活动室")
    page.fill("textarea[name=summary]", "交流了近期的教学工作和思想情况。")
    with page.expect_navigation():
        page.locator("form:has(select[name=partner]) button[type=submit]").click()
    expect(page.locator("[data-testid=my-talks]")).to_contain_text(secretary.name)
    talk = Talk.objects.get(person_a=pair.person_a, person_b=pair.person_b)
    assert talk.confirmed_at is None and talk.recorded_by == member

    page.context.clear_cookies()  # the member leaves; the secretary logs in
    log_in(page, live_server, "secretary", PASSWORD)
    page.goto(url)
    waiting = page.locator("[data-testid=to-confirm]")
    expect(waiting).to_contain_text(member.name)
    with page.expect_navigation():
        waiting.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=to-confirm]")).to_have_count(0)
    pair.refresh_from_db()
    talk.refresh_from_db()
    assert talk.confirmed_at is not None and pair.state == TalkPair.State.DONE
