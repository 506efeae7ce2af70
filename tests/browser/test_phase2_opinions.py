"""Opinions on a phone and a desktop: the public form gives a receipt whose "Continue" waits
for the "I have kept my code" tick, and the receipt page then shows the opinion's status;
a member marks an opinion of their feedback read and writes a response to another."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.builders import PASSWORD
from tests.opinions.opinion_rows import add_opinion, token_of
from vanguard.core import clock
from vanguard.opinions.models import Opinion
from vanguard.opinions.services import feedback as feedback_services
from vanguard.opinions.services.intake import ensure_intake

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def intake(review_open):
    return ensure_intake(review_open.activities.get(key="opinion_intake"))


def test_public_opinion_gives_a_receipt_kept_before_continuing_then_looked_up(
        page, live_server, intake, district):
    subject = district.schools[0].members[5]
    page.goto(f"{live_server.url}/opinions/public/{intake.form_key}/")
    form = page.locator("[data-testid=public-form]")
    form.locator("select[name=subject]").select_option(f"member:{subject.pk}")
    form.locator("select[name=category]").select_option("work")
    form.locator("select[name=source_group]").select_option("parent")
    form.locator("textarea[name=text]").fill("希望多与家长沟通孩子的学习情况。")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()

    code = page.locator("[data-testid=receipt-code]").inner_text().strip()
    assert re.fullmatch(r"(\d{4} ){4}\d{4}", code)
    opinion = Opinion.objects.get(subject_person=subject)
    assert opinion.anonymous and opinion.status == Opinion.Status.RECEIVED
    go_on = page.locator("[data-testid=continue]")
    expect(go_on).to_have_attribute("aria-disabled", "true")
    page.locator("[data-testid=kept]").check()
    expect(go_on).to_have_attribute("aria-disabled", "false")
    with page.expect_navigation():
        go_on.click()
    assert page.url.endswith(f"/opinions/public/{intake.form_key}/")

    page.goto(f"{live_server.url}/opinions/public/receipt/")
    page.fill("input[name=code]", code)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    status = page.locator("[data-testid=receipt-status]")
    expect(status).to_be_visible()
    expect(status).to_contain_text(clock.today().isoformat())


@pytest.fixture
def released(intake, review_open, district):
    """Two sorted opinions about the member, released to them by the school office."""
    member = district.users["member"].person
    for summary in ("希望多关心后进学生", "批评学生方式需改进"):
        add_opinion(intake, token_of(member), status=Opinion.Status.SORTED, summary=summary)
    return feedback_services.release_feedback(actor=district.users["office"],
                                              campaign=review_open.campaign,
                                              subject_token_or_resolved=token_of(member))


def test_member_marks_an_opinion_read_and_responds_to_another(page, live_server, released):
    log_in(page, live_server, "member", PASSWORD)
    page.goto(f"{live_server.url}/opinions/feedback/{released.pk}/")
    first = page.locator("[data-testid=line]", has_text="希望多关心后进学生")
    with page.expect_navigation():
        first.locator("form[action$='/read/'] button").click()
    expect(page.locator("[data-testid=line]", has_text="希望多关心后进学生")
           .locator("form[action$='/read/']")).to_have_count(0)

    second = page.locator("[data-testid=line]", has_text="批评学生方式需改进")
    second.locator("textarea[name=response]").fill("接受批评，今后注意方式方法。")
    with page.expect_navigation():
        second.locator("form[action$='/respond/'] button").click()
    expect(page.locator("[data-testid=response]")).to_contain_text("接受批评")
    expect(page.locator("[data-testid=read]")).to_be_visible()  # every opinion is read now

    answered = Opinion.objects.get(summary="批评学生方式需改进")
    assert answered.response == "接受批评，今后注意方式方法。" and answered.read_on
    released.refresh_from_db()
    assert released.read_on == clock.today()
