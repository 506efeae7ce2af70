"""Evidence files: only PDF, JPG, PNG, Word and Excel by their actual bytes, under the size
limit, stored under MEDIA_ROOT with their SHA-256, and downloaded only through the view that
checks scope. A refused file leaves nothing behind."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.rectification.plans_support import (
    JPG,
    PDF,
    PNG,
    approved_member_plan,
    docx_bytes,
    member_user,
    xlsx_bytes,
)
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import Evidence, Item
from vanguard.rectification.services import evidence, items

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def line(rectify_open, district):
    return approved_member_plan(rectify_open, district).items.get()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("报告.pdf", PDF, "application/pdf"),
    ("照片.PNG", PNG, "image/png"),
    ("照片.jpg", JPG, "image/jpeg"),
    ("总结.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument."
                               "wordprocessingml.document"),
    ("台账.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument."
                               "spreadsheetml.sheet"),
])
def test_allowed_file_is_stored_with_its_digest(district, line, media_root, name, content,
                                                content_type):
    saved = evidence.add_evidence(actor=member_user(district), item=line,
                                  upload=upload(name, content))
    assert saved.sha256 == hashlib.sha256(content).hexdigest()
    assert (saved.size, saved.content_type) == (len(content), content_type)
    assert saved.file.path.startswith(str(media_root))
    assert open(saved.file.path, "rb").read() == content
    assert Item.objects.get(pk=line.pk).status == "in_progress"


@pytest.mark.parametrize(("name", "content"), [
    ("程序.exe", b"MZ\x90\x00" + b"\x00" * 32),
    ("假的.pdf", b"MZ\x90\x00 not a pdf at all"),
    ("假的.png", PDF),
    ("假的.docx", xlsx_bytes()),  # a zip, but a workbook, not a Word document
    ("假的.xlsx", b"PK\x03\x04 broken zip"),
    ("没有扩展名", PDF),
])
def test_wrong_type_by_name_or_by_bytes_is_refused_and_nothing_stored(district, line,
                                                                      media_root, name,
                                                                      content):
    with pytest.raises(RectificationError) as refused:
        evidence.add_evidence(actor=member_user(district), item=line,
                              upload=upload(name, content))
    assert refused.value.code == "file_type"
    assert "PDF, JPG, PNG, Word (.docx) or Excel (.xlsx)" in refused.value.text
    assert not Evidence.objects.exists() and stored_files(media_root) == []
    assert Item.objects.get(pk=line.pk).status == "open"


def test_file_over_the_limit_is_refused(district, line, media_root, settings):
    settings.RECTIFICATION_EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(RectificationError) as refused:
        evidence.add_evidence(actor=member_user(district), item=line,
                              upload=upload("大文件.pdf", PDF + b"0" * 1024))
    assert refused.value.code == "file_size"
    assert not Evidence.objects.exists() and stored_files(media_root) == []


def test_empty_evidence_and_overlong_text_are_refused(district, line):
    for kwargs, code in (({"text": "  "}, "empty"), ({"text": "字" * 2001}, "long_text")):
        with pytest.raises(RectificationError) as refused:
            evidence.add_evidence(actor=member_user(district), item=line, **kwargs)
        assert refused.value.code == code
    assert not Evidence.objects.exists()


def test_someone_else_cannot_add_evidence(district, line):
    with pytest.raises(RectificationError) as refused:
        evidence.add_evidence(actor=district.users["other_secretary"], item=line, text="完成")
    assert refused.value.code == "forbidden"


def test_verified_item_takes_no_more_evidence(district, line):
    evidence.add_evidence(actor=member_user(district), item=line, text="完成")
    items.mark_done(actor=member_user(district), item=line)
    items.verify_item(actor=district.users["office"], item=line)
    with pytest.raises(RectificationError) as refused:
        evidence.add_evidence(actor=member_user(district), item=line, text="补充")
    assert refused.value.code == "verified"


@pytest.mark.parametrize(("who", "expected"), [
    ("member", 200), ("secretary", 200), ("office", 200), ("district_office", 200),
    ("other_secretary", 404), ("other_office", 404), ("anonymous", 302)])
def test_download_checks_scope(district, line, client, who, expected):
    saved = evidence.add_evidence(actor=member_user(district), item=line,
                                  upload=upload("报告.pdf", PDF))
    if who != "anonymous":
        client.force_login(district.users[who])
    response = client.get(f"/rectification/evidence/{saved.pk}/")
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "attachment" in response["Content-Disposition"]


def test_upload_on_the_page_with_a_wrong_file_shows_the_message(district, line, client,
                                                                media_root):
    client.force_login(member_user(district))
    response = client.post(f"/rectification/items/{line.pk}/evidence/",
                           {"text": "", "file": upload("病毒.pdf", b"MZ not a pdf")})
    assert response.status_code == 200
    assert "its content must be of that type" in response.content.decode()
    assert not Evidence.objects.exists() and stored_files(media_root) == []
