"""Checks on an uploaded roster before any parser sees it: its type by content, and zip bombs."""

import codecs
import io
import zipfile

from django.utils.translation import gettext as _

from vanguard.people.errors import PeopleError

XLSX = "xlsx"
CSV = "csv"

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls (and .doc) container
TEXT_ENCODINGS = ("utf-8", "gb18030")  # GB18030 reads everything GBK and GB2312 wrote


def detect_kind(data: bytes, filename: str = "") -> str:
    """XLSX or CSV, decided by the bytes; a name that claims the other type is refused."""
    named = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if not data.strip():
        raise PeopleError(_("The file is empty."), code="empty")
    if data.startswith(_OLE2_MAGIC):
        raise PeopleError(_("This is an old-format Excel file (.xls). Open it in Excel or WPS, "
                            "save it as .xlsx, and upload that."), code="xls")
    if data.startswith(_ZIP_MAGIC) and named not in ("csv", "txt"):
        check_zip(data)
        return XLSX
    if named in ("xlsx", "xlsm"):
        raise PeopleError(_("The file is named like an Excel workbook (.xlsx) but is not one."),
                          code="not_xlsx")
    if decode_text(data) is not None:
        return CSV
    raise PeopleError(_("The file is neither an Excel workbook (.xlsx) nor a CSV text file."),
                      code="unknown_type")


def check_zip(data: bytes) -> None:
    """Refuse an archive that would unpack into too many entries or too many bytes.

    The sizes come from the central directory; Python's zipfile stops inflating an entry at
    its declared size, so an entry that lies about its size cannot unpack past the limit.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise PeopleError(_("The file is damaged: it starts like an Excel workbook but cannot be "
                            "opened."), code="bad_zip") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise PeopleError(
                _("The workbook holds %(count)d parts; a roster needs far fewer (at most "
                  "%(max)d). Copy the roster into a new workbook and upload that.")
                % {"count": len(entries), "max": MAX_ZIP_ENTRIES}, code="zip_entries")
        total = sum(entry.file_size for entry in entries)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise PeopleError(
                _("The workbook would unpack to %(size)d MB; at most %(max)d MB is accepted. "
                  "Remove pictures and other sheets, or split the roster.")
                % {"size": total // 2**20, "max": MAX_UNCOMPRESSED_BYTES // 2**20},
                code="zip_size")
        names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        raise PeopleError(_("The file is a zip archive but not an Excel workbook (.xlsx)."),
                          code="not_xlsx")


def decode_text(data: bytes) -> str | None:
    """The text of a CSV file as Excel saves it (UTF-8 with or without BOM, UTF-16, GBK)."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = [(data[len(codecs.BOM_UTF8):], "utf-8")]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [(data, "utf-16")]
    else:
        candidates = [(data, encoding) for encoding in TEXT_ENCODINGS]
    for raw, encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        # A NUL or other control characters mean binary data that happened to decode.
        if not any(ch in text for ch in "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"):
            return text
    return None
