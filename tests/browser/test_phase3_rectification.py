"""Rectification on a phone: a member writes their plan's item and submits it, and the branch
secretary approves it; a member adds text evidence to their item and marks it done; anyone,
without logging in, reads the school's disclosures, one snapshot with its sha256 and the
superseded one marked so."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.builders import PASSWORD
from tests.rectification.disclosure_support import add_rule, team_plan_with_items
from tests.rectification.plans_support import a_deadline, approved_member_plan
from vanguard.rectification.models import Disclosure, Evidence, Item, RectificationPlan
from vanguard.rectification.services import disclosure as disclosure_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.parametrize("page", ["phone"], indirect=True)]


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).click()


def test_member_writes_and_submits_an_item_and_the_secretary_approves_it(
        page, live_server, rectify_open, district):
    log_in(page, live_server, "member", PASSWORD)
    page.goto(f"{live_server.url}/rectification/plans/{rectify_open.campaign_id}/")
    _submit(page, "[data-testid=my-plan] form button[type=submit]")
    form = page.locator("[data-testid=item-form]")
    form.locator("textarea[name=problem]").fill("作业批改不及时，学生反映较多。")
    form.locator("select[name=item_class]").select_option("now")
    form.locator("input[name=responsible_name]").fill("本人")
    form.locator("textarea[name=measures]").fill("制定批改计划，每周自查一次。")
    form.locator("input[name=deadline]").fill(a_deadline(rectify_open).isoformat())
    _submit(page, "[data-testid=item-form] button[type=submit]")
    expect(page.locator("[data-testid=items] [data-item]")).to_have_count(1)
    _submit(page, "form[action$='/submit/'] button[type=submit]")
    plan = RectificationPlan.objects.get(person=district.users["member"].person)
    assert plan.status == RectificationPlan.Status.SUBMITTED
    assert plan.items.get().problem == "作业批改不及时，学生反映较多。"

    page.context.clear_cookies()
    log_in(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/rectification/plan/{plan.pk}/")
    _submit(page, "[data-testid=decision] form:has(input[value=approve]) button")
    expect(page.locator("[data-testid=decision]")).to_have_count(0)
    plan.refresh_from_db()
    assert plan.status == RectificationPlan.Status.APPROVED
    assert plan.decided_by == district.users["secretary"]


def test_member_adds_text_evidence_and_marks_the_item_done(page, live_server, rectify_open,
                                                            district):
    item = approved_member_plan(rectify_open, district).items.get()
    log_in(page, live_server, "member", PASSWORD)
    page.goto(f"{live_server.url}/rectification/items/{item.pk}/")
    page.locator("[data-testid=evidence-form] textarea[name=text]").fill(
        "已制定批改计划，本月作业均在两天内批改完毕。")
    _submit(page, "[data-testid=evidence-form] button[type=submit]")
    expect(page.locator("[data-testid=evidence]")).to_contain_text("本月作业均在两天内批改完毕")
    _submit(page, "form[action$='/done/'] button[type=submit]")
    expect(page.locator("[data-testid=item-status]")).to_have_attribute("data-status", "done")
    item.refresh_from_db()
    assert item.status == Item.Status.DONE
    assert Evidence.objects.get(item=item).text.startswith("已制定批改计划")


@pytest.fixture
def corrected(rectify_open, district):
    """S1's disclosure No. 1, corrected by No. 2 after a lasting rule was adopted."""
    team_plan_with_items(rectify_open, district)
    office, top = district.users["office"], district.schools[0].committee
    first = disclosure_services.publish_disclosure(actor=office, campaign=rectify_open.campaign,
                                                   organization=top, title="整改情况公示")
    add_rule(rectify_open, district)
    second = disclosure_services.correct_disclosure(actor=office, disclosure=first,
                                                    note="补充了集体备课制度")
    first.refresh_from_db()
    return top, first, second


def test_public_disclosures_list_a_snapshot_with_its_sha256_and_the_superseded_one(
        page, live_server, corrected):
    top, first, second = corrected
    page.goto(f"{live_server.url}/rectification/public/{top.code}/")
    latest = page.locator("[data-testid=public-latest]")
    expect(latest).to_contain_text(second.sha256)
    older = page.locator("[data-testid=public-older]")
    expect(older).to_have_count(1)
    expect(older.locator(".badge")).to_be_visible()  # "superseded by No. 2"

    with page.expect_navigation():
        latest.click()
    expect(page.locator("[data-testid=sha256]")).to_have_text(second.sha256)
    expect(page.locator("[data-testid=correction-note]")).to_contain_text("补充了集体备课制度")
    expect(page.locator("[data-testid=disclosure-item]")).to_have_count(
        second.content["counts"]["items"])

    page.goto(f"{live_server.url}/rectification/public/{top.code}/{first.number}/")
    expect(page.locator("[data-testid=superseded]")).to_be_visible()
    expect(page.locator("[data-testid=sha256]")).to_have_text(first.sha256)
    assert Disclosure.objects.get(pk=first.pk).superseded_by_id == second.pk
