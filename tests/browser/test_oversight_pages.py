"""Issue 9's pages on a phone: a school office answers a supervision finding; a branch
secretary records a contact attempt with a graduate; anyone reads the public campaign page
and its embeddable variant; the public answers the preparation survey; a member makes their
calendar address. Nothing wider than the screen, no console error (CSP included)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import WINDOWS, log_in
from tests.builders import PASSWORD
from tests.oversight.coverage_support import graduate
from tests.oversight.supervision_support import group_people, send
from tests.publicity.support import approved_exemplar, published
from vanguard.campaigns.models import CalendarFeed
from vanguard.campaigns.services import feeds
from vanguard.core import clock
from vanguard.oversight.models import ContactAttempt, Finding
from vanguard.oversight.services import findings
from vanguard.publicity.services import exemplars
from vanguard.surveys.models import Group, Response
from vanguard.surveys.services import surveys

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.parametrize("page", ["phone"], indirect=True)]


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).click()


def _fits(page) -> None:
    """Phone-sized: nothing wider than the screen."""
    assert page.evaluate("document.documentElement.scrollWidth") <= WINDOWS["phone"]["width"]


def test_the_school_office_answers_a_supervision_finding(page, live_server, launched,
                                                         district):
    people = group_people(district, "a")
    group = send(launched, district, people)
    finding = findings.record_finding(
        actor=people[0].user, group=group, school=district.schools[0].school,
        problem="集中学习时间不足，部分党员未参加第二次集中学习。", severity="serious",
        recommendation="组织补学并登记学时。", due_on=clock.today() + dt.timedelta(days=7))

    log_in(page, live_server, "office", PASSWORD)
    page.goto(f"{live_server.url}/oversight/supervision/{launched.pk}/school/")
    rows = page.locator("[data-testid=findings] tbody tr[data-status]")
    expect(rows).to_have_count(1)
    _fits(page)
    with page.expect_navigation():
        rows.first.locator("a").click()
    expect(page.locator("[data-testid=status]")).to_be_visible()
    _fits(page)
    page.locator("textarea[name=answer]").fill("已于本周组织补学，学时已登记。")
    _submit(page, f"form[action$='/findings/{finding.pk}/answer/'] button[type=submit]")
    expect(page.locator("[data-testid=answer]")).to_contain_text("已于本周组织补学")
    _fits(page)
    finding.refresh_from_db()
    assert finding.status == Finding.Status.ANSWERED
    assert finding.answered_by == district.users["office"]
    assert page.console_errors == []


def test_a_secretary_records_a_contact_attempt_with_a_graduate(page, live_server, launched,
                                                               district):
    member = graduate(district.schools[0].branches[-1], "毕业生甲", in_city=False)
    log_in(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/oversight/coverage/{launched.pk}/")
    expect(page.get_by_text("毕业生甲")).to_be_visible()
    _fits(page)
    with page.expect_navigation():
        page.get_by_role("link", name="毕业生甲").click()
    _fits(page)
    form = page.locator("[data-testid=attempt-form]")
    form.locator("select[name=channel]").select_option("phone")
    form.locator("select[name=result]").select_option("reached")
    form.locator("textarea[name=notes]").fill("电话联系上，本人将回校参加集中学习。")
    _submit(page, "[data-testid=attempt-form] button[type=submit]")
    expect(page.locator("[data-testid=coverage-attempts] tbody tr")).to_have_count(1)
    expect(page.locator("[data-testid=coverage-attempts]")).to_contain_text("本人将回校")
    _fits(page)
    attempt = ContactAttempt.objects.get(member=member)
    assert (attempt.channel, attempt.result, attempt.made_on) == ("phone", "reached",
                                                                 clock.today())
    assert attempt.recorded_by == district.users["secretary"]
    assert page.console_errors == []


def test_the_public_campaign_page_and_the_embed_page(page, live_server, launched, district):
    published(launched, district, title="支部开展主题党日活动")
    exemplar = approved_exemplar(launched, district)
    exemplars.publish_exemplar(actor=district.users["office"], exemplar=exemplar)

    page.goto(f"{live_server.url}/publicity/public/{launched.pk}/")
    expect(page.locator("[data-testid=public-news]")).to_have_count(1)
    expect(page.locator("[data-testid=public-exemplar]")).to_have_count(1)
    _fits(page)
    with page.expect_navigation():
        page.locator("[data-testid=public-news]").click()
    expect(page.get_by_role("heading", name="支部开展主题党日活动")).to_be_visible()
    _fits(page)

    page.goto(f"{live_server.url}/publicity/public/{launched.pk}/embed/")
    expect(page.locator("[data-testid=public-news]")).to_have_count(1)
    expect(page.locator("[data-testid=public-news]")).to_have_attribute("target", "_blank")
    _fits(page)
    assert page.console_errors == []


def test_the_public_answers_the_preparation_survey(page, live_server, launched, district):
    office = district.users["office"]
    survey = surveys.create_survey(actor=office, campaign=launched,
                                   organization=district.schools[0].committee)
    surveys.open_survey(actor=office, survey=survey,
                        closes_on=clock.today() + dt.timedelta(days=7))

    page.goto(f"{live_server.url}/surveys/public/{survey.public_key}/")
    form = page.locator("[data-testid=public-form]")
    expect(form).to_be_visible()
    _fits(page)
    form.locator(f"input[name=group][value={Group.PARENT}]").check()
    form.locator("input[name=topics]").nth(0).check()
    form.locator("input[name=topics]").nth(1).check()
    form.locator("textarea[name=expectation]").fill("希望减轻学生课业负担。")
    _submit(page, "[data-testid=public-form] button[type=submit]")
    expect(page.locator("[data-testid=answer-done]")).to_be_visible()
    _fits(page)
    response = Response.objects.get(survey=survey)
    assert response.group == Group.PARENT and response.expectation == "希望减轻学生课业负担。"
    assert response.choices.count() == 2
    assert page.console_errors == []


def test_a_member_makes_their_calendar_address(page, live_server, launched, district):
    person = district.users["member"].person
    log_in(page, live_server, "member", PASSWORD)
    page.goto(f"{live_server.url}/campaigns/calendar/mine/")
    _fits(page)
    _submit(page, "form button[name=action][value=create]")
    shown = page.locator("[data-testid=feed-url] input")
    expect(shown).to_be_visible()
    _fits(page)
    address = shown.input_value()
    assert address.startswith(f"{live_server.url}/campaigns/calendar/feed/")
    assert address.endswith(".ics")
    token = address.rsplit("/", 1)[-1].removesuffix(".ics")
    assert feeds.person_for_token(token) == person
    assert CalendarFeed.objects.filter(person=person).count() == 1

    feed = page.request.get(address)
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert feed.text().startswith("BEGIN:VCALENDAR")

    # Shown only once: the page opened again does not show it.
    page.goto(f"{live_server.url}/campaigns/calendar/mine/")
    expect(page.locator("[data-testid=feed-url]")).to_have_count(0)
    assert page.console_errors == []
