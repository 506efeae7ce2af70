"""Writing a reflection in the browser: drafts reach the server as the member types, and what
was typed after the session ended comes back after logging in again, ready to hand in."""

import pytest
from django.contrib.sessions.models import Session

from tests.browser.conftest import log_in
from tests.builders import PASSWORD
from vanguard.campaigns.models import Assignment
from vanguard.study.models import Reflection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = "学习党章，" * 100  # 500 characters
SECOND = "联系本职工作谈体会。" * 40  # 400 more


def server_has(page, piece, characters: int) -> None:
    """Wait (up to 15 s) for the draft calls to bring the server to `characters`."""
    for _ in range(75):
        piece.refresh_from_db()
        if piece.characters == characters:
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"the server has {piece.characters} characters, not {characters}")


def test_a_reflection_survives_an_expired_session_and_is_handed_in(page, live_server, launched,
                                                                   district):
    log_in(page, live_server, "member", PASSWORD)
    page.goto(f"{live_server.url}/study/writing/{launched.pk}/")
    with page.expect_navigation():
        page.click("[data-testid=new-reflection]")
    piece = Reflection.objects.get(person=district.users["member"].person)
    editor_url = f"{live_server.url}/study/writing/reflection/{piece.pk}/edit/"
    assert page.url == editor_url
    assert page.locator("textarea[name=body]").is_hidden()  # the editor has replaced it

    page.fill("input[name=title]", "学习党章的体会")
    page.click("[data-testid=editor]")
    page.click("button[data-cmd=bold]")
    page.keyboard.insert_text(FIRST)
    server_has(page, piece, 500)  # the draft call has saved it, about 5 s after typing
    assert piece.title == "学习党章的体会"
    assert "<b>" in piece.body or "<strong>" in piece.body
    assert page.locator("[data-testid=counter]").inner_text().startswith("500")

    Session.objects.all().delete()  # the session ends on the server while the member writes
    page.click("[data-testid=editor]")
    page.keyboard.press("Control+End")
    page.keyboard.insert_text(SECOND)
    page.click("input[name=title]")  # leaving the text area sends the draft at once
    page.wait_for_selector("[data-testid=session-expired]", state="visible")
    piece.refresh_from_db()
    assert piece.characters == 500  # the server did not get the rest …

    page.goto(editor_url)  # … so the member logs in again and comes back
    assert "/accounts/login/" in page.url
    page.fill("input[name=username]", "member")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert page.url == editor_url
    assert page.locator("[data-draft-note]").is_visible()
    shown = page.locator("[data-testid=editor]").inner_text().replace("\n", "")
    assert FIRST in shown and SECOND in shown

    with page.expect_navigation():
        page.click("[data-testid=hand-in]")
    assert page.url.endswith(f"/study/writing/reflection/{piece.pk}/?saved=1")
    piece.refresh_from_db()
    assert piece.status == "submitted" and piece.characters == 900
    assert SECOND in piece.body
    kept = page.evaluate(f"window.localStorage.getItem('vanguard-draft:reflection-{piece.pk}')")
    assert kept is None
    assert Assignment.objects.get(person=piece.person,
                                  activity__kind="study.reflection").status == "done"
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


def test_a_short_reflection_is_refused_with_what_is_missing(page, live_server, launched,
                                                            district):
    log_in(page, live_server, "member", PASSWORD)
    page.goto(f"{live_server.url}/study/writing/{launched.pk}/")
    with page.expect_navigation():
        page.click("[data-testid=new-reflection]")
    page.click("[data-testid=editor]")
    page.keyboard.insert_text("太短了")
    with page.expect_navigation():
        page.click("[data-testid=hand-in]")
    assert page.locator("[data-testid=form-error]").is_visible()
    assert "797" in page.locator("[data-testid=form-error]").inner_text()
    assert "太短了" in page.locator("[data-testid=editor]").inner_text()
