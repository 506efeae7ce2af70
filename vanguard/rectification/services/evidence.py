"""Evidence that an item was solved: a text, a file, or both. A file must be one of the
allowed types by its actual bytes (not only its name), under the size limit; its digest is
kept, and it is served only through a view that checks scope."""

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import MAX_EVIDENCE_TEXT, Evidence, Item
from vanguard.rectification.services import items

# extension: (content type, what the first bytes must be, for a zip: a member it must hold)
TYPES = {
    "pdf": ("application/pdf", b"%PDF-", None),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n", None),
    "jpg": ("image/jpeg", b"\xff\xd8\xff", None),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff", None),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             b"PK\x03\x04", "word/document.xml"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             b"PK\x03\x04", "xl/workbook.xml"),
}
MAX_FILE_NAME = 120


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str
    sha256: str


def max_bytes() -> int:
    return settings.RECTIFICATION_EVIDENCE_MAX_BYTES


def _wrong_type() -> RectificationError:
    return RectificationError(
        _("The file must be a PDF, JPG, PNG, Word (.docx) or Excel (.xlsx) file, and its "
          "content must be of that type."), code="file_type")


def _holds(content: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False


def check_file(upload) -> CheckedFile:
    """The upload's bytes, if the type by name and by signature agree and the size fits."""
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in TYPES:
        raise _wrong_type()
    limit = max_bytes()
    if (getattr(upload, "size", 0) or 0) > limit:
        raise RectificationError(_("The file is too big: at most %(mb)s MB.")
                                 % {"mb": round(limit / 1024 / 1024, 1)}, code="file_size")
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise RectificationError(_("The file is too big: at most %(mb)s MB.")
                                 % {"mb": round(limit / 1024 / 1024, 1)}, code="file_size")
    if not content:
        raise RectificationError(_("The file is empty."), code="file_empty")
    content_type, signature, member = TYPES[extension]
    if not content.startswith(signature) or (member and not _holds(content, member)):
        raise _wrong_type()
    stem = name[: -(len(extension) + 1)][: MAX_FILE_NAME - len(extension) - 1] or "evidence"
    return CheckedFile(name=f"{stem}.{extension}", content=content, content_type=content_type,
                       sha256=hashlib.sha256(content).hexdigest())


@transaction.atomic
def add_evidence(*, actor, item: Item, text: str = "", upload=None) -> Evidence:
    """A text and/or a file on an item not yet verified; evidence on an open item starts it."""
    item = items.locked(item)
    items.require_workable(actor, item)
    if item.status == Item.Status.VERIFIED:
        raise RectificationError(_("The item is verified; its evidence is closed."),
                                 code="verified")
    text = (text or "").strip()
    if len(text) > MAX_EVIDENCE_TEXT:
        raise RectificationError(_("The evidence text may be at most %(n)d characters.")
                                 % {"n": MAX_EVIDENCE_TEXT}, code="long_text")
    checked = check_file(upload) if upload else None
    if not text and checked is None:
        raise RectificationError(_("Write what was done, or attach a file."), code="empty")
    evidence = Evidence(item=item, text=text, added_by=actor)
    if checked is not None:
        evidence.file_name, evidence.content_type = checked.name, checked.content_type
        evidence.size, evidence.sha256 = len(checked.content), checked.sha256
    if item.status == Item.Status.OPEN:
        item.status = Item.Status.IN_PROGRESS
        item.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="rectification.evidence.added", target=item,
                 changes={"text": [None, len(text)], "file": [None, evidence.file_name],
                          "sha256": [None, evidence.sha256]})
    # The file is written last: if it fails, the transaction rolls back and nothing stays;
    # if anything after it failed, the stored file would be an orphan, so nothing follows.
    if checked is not None:
        evidence.file.save(checked.name, ContentFile(checked.content), save=False)
    try:
        evidence.save()
    except Exception:
        if evidence.file:
            evidence.file.delete(save=False)
        raise
    return evidence
