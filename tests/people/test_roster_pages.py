"""The roster pages: upload, preview, commit, passwords once; and who is turned away how."""

import io
import json
import os
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.people import rosters
from vanguard.access.models import User
from vanguard.people.models import Person
from vanguard.people.roster import uploads
from vanguard.people.views_roster import SESSION_KEY


@pytest.fixture
def browser(settings):
    # The interface language follows the language cookie only; assert the English sources.
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def as_user(browser, district, role):
    browser.force_login(district.users[role])
    return browser


def import_url(code="S1-C"):
    return reverse("people:roster_import", args=[code])


def export_url(code="S1-C"):
    return reverse("people:roster_export", args=[code])


def upload(data: bytes, name="roster.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def stored_uploads(media_root) -> list:
    folder = media_root / "imports"
    return list(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("url", [import_url(), export_url()])
def test_anonymous_is_sent_to_login(browser, district, url):
    response = browser.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("access:login"))


def test_supervisor_may_see_but_not_import(browser, district):
    as_user(browser, district, "supervisor")
    assert browser.get(import_url()).status_code == 403
    response = browser.post(import_url(), {"file": upload(b"x")})
    assert response.status_code == 403


def test_supervisor_exports_but_not_id_numbers(browser, district):
    as_user(browser, district, "supervisor")
    assert browser.get(export_url()).status_code == 200
    assert browser.get(export_url() + "?id_numbers=1").status_code == 403


def test_office_of_another_school_gets_not_found(browser, district):
    as_user(browser, district, "other_office")
    assert browser.get(import_url()).status_code == 404
    assert browser.get(export_url()).status_code == 404
    assert browser.post(import_url(), {"commit": "1"}).status_code == 404


def test_a_member_gets_not_found(browser, district):
    as_user(browser, district, "member")
    assert browser.get(import_url("S1-B2")).status_code == 404


def test_import_page_shows_the_upload_form(browser, district, django_assert_max_num_queries):
    as_user(browser, district, "office")
    with django_assert_max_num_queries(12):
        response = browser.get(import_url())
    assert response.status_code == 200
    assert b'type="file"' in response.content
    assert b'enctype="multipart/form-data"' in response.content


def test_bad_rows_are_listed_with_numbers_and_reasons_and_nothing_is_kept(
        browser, district, ids, media_root):
    as_user(browser, district, "office")
    rows = rosters.school_rows(ids["zhang"], ids["li"], ids["zhao"])
    rows[1][5] = "12345"
    response = browser.post(import_url(), {
        "file": upload(rosters.workbook_bytes(rows, preamble=True))})
    text = response.content.decode()
    assert response.status_code == 200
    assert "1 row has errors, so nothing was imported" in text
    assert "<td>7</td>" in text and "is not a phone number" in text
    assert 'name="commit"' not in text
    assert stored_uploads(media_root) == [] and SESSION_KEY not in browser.session
    assert not Person.objects.filter(name="张三").exists()


def test_preview_then_commit_imports_and_shows_passwords_once(browser, district, school_roster,
                                                             media_root):
    as_user(browser, district, "office")
    preview = browser.post(import_url(), {"file": upload(school_roster)})
    assert "All 5 rows can be imported: 5 new, 0 changed, 0 unchanged" in preview.content.decode()
    assert "3 accounts will be created." in preview.content.decode()
    assert 'name="commit"' in preview.content.decode()
    assert len(stored_uploads(media_root)) == 1
    assert not Person.objects.filter(name="张三").exists()

    done = browser.post(import_url(), {"commit": "1"})
    text = done.content.decode()
    assert "The roster is imported: 5 rows" in text
    assert done["Cache-Control"] == "no-store"
    assert Person.objects.get(name="张三").member.organization.code == "S1-B1"
    assert stored_uploads(media_root) == [] and SESSION_KEY not in browser.session
    password = done.context["result"].accounts[0].password
    # Initial passwords may hold "&", which the page escapes.
    assert f"<code>{escape(password)}</code>" in text

    again = browser.post(import_url(), {"commit": "1"}, follow=True)
    assert "There is no checked file waiting" in again.content.decode()


def test_passwords_download_as_a_workbook(browser, district):
    as_user(browser, district, "office")
    accounts = [["张三", "13800138000", "Ab3#efghJk2m"], ["=1+1", "x", "y"]]
    response = browser.post(import_url(), {"passwords": json.dumps(accounts)})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == accounts[0]
    assert sheet["A3"].data_type == "s"
    assert browser.post(import_url(), {"passwords": "[1, 2]"}).status_code == 400


def test_upload_over_the_size_limit_is_refused_with_a_message(browser, district, settings,
                                                              school_roster):
    settings.UPLOAD_MAX_BYTES = 1000
    as_user(browser, district, "office")
    response = browser.post(import_url(), {"file": upload(school_roster)})
    assert "at most 1000\xa0bytes can be uploaded" in response.content.decode()


def test_an_unreadable_file_is_refused_with_a_message(browser, district, media_root):
    as_user(browser, district, "secretary")
    response = browser.post(import_url("S1-B2"), {"file": upload(b"\x00\x01\x02" * 50,
                                                                  "x.bin")})
    assert "neither an Excel workbook" in response.content.decode()
    assert stored_uploads(media_root) == []


def test_export_downloads_the_roster(browser, district):
    as_user(browser, district, "office")
    response = browser.get(export_url())
    assert response.status_code == 200
    assert 'attachment; filename="roster-S1-C-' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "姓名" and sheet.max_row == 8


def test_secretary_commits_a_branch_roster_and_the_member_can_log_in(browser, district, ids):
    as_user(browser, district, "secretary")
    data = rosters.workbook_bytes([[None, "新党员", "女", "1990-01-01", ids["li"],
                                    "13812345678", None, "教师党员", "2020-07-01", None]])
    browser.post(import_url("S1-B2"), {"file": upload(data)})
    done = browser.post(import_url("S1-B2"), {"commit": "1"})
    account = done.context["result"].accounts[0]
    assert User.objects.get(username=account.login).person.member.organization.code == "S1-B2"
    login = Client().post(reverse("access:login"), {"username": "13812345678",
                                                    "password": account.password}, follow=True)
    assert login.redirect_chain[-1][0] == reverse("access:password_change")


def test_uploads_never_committed_are_purged_after_a_day(media_root):
    folder = media_root / "imports"
    folder.mkdir(parents=True)
    old, fresh = folder / ("o" * 43), folder / ("f" * 43)
    old.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(old, (time.time() - 2 * 24 * 3600,) * 2)
    uploads.purge_stale()
    assert not old.exists() and fresh.exists()
