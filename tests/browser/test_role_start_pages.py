"""Each role logs in on a phone and on a desktop and reaches its own start page."""

import pytest

from tests.browser.conftest import log_in
from tests.builders import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START = {
    "admin": ("/campaigns/", "campaign-list"),
    "district_office": ("/campaigns/", "campaign-list"),
    "office": ("/campaigns/", "campaign-list"),
    "secretary": ("/campaigns/", "campaign-list"),
    "leader": ("/campaigns/", "campaign-list"),
    "supervisor": ("/campaigns/", "campaign-list"),
    "member": ("/campaigns/tasks/", "open-tasks"),
}


@pytest.mark.parametrize("role", sorted(START))
def test_role_reaches_its_start_page(role, page, live_server, launched, district):
    path, marker = START[role]
    log_in(page, live_server, district.users[role].username, PASSWORD)
    assert page.url == f"{live_server.url}{path}"
    assert page.get_by_test_id(marker).is_visible()
    assert page.console_errors == []


def test_member_marks_a_task_done_on_a_phone(page, live_server, review_open, plain_task_step,
                                             district):
    log_in(page, live_server, "member", PASSWORD)
    tasks = page.get_by_test_id("open-tasks")
    before = page.get_by_test_id("my-progress").inner_text()
    tasks.get_by_role("button").first.click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_test_id("my-progress").inner_text() != before
    assert page.get_by_role("alert").first.is_visible()


def test_wrong_password_is_explained_in_chinese(page, live_server, district):
    log_in(page, live_server, "member", "not-the-password")
    assert page.url.endswith("/accounts/login/")
    assert "错误" in page.get_by_role("alert").inner_text()
