"""Importing a school calendar's periods from an Excel sheet: kind, name, first day, last day.
All rows or none: the first bad row is named and nothing is added."""

import datetime as dt
import io

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import CalendarPeriod
from vanguard.campaigns.services import calendar
from vanguard.campaigns.services.permissions import require
from vanguard.people.models import Organization
from vanguard.people.roster import safety

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 200
HEADERS = {
    "kind": ("kind", "type", "类型", "类别"),
    "name": ("name", "名称"),
    "starts_on": ("start", "starts on", "first day", "开始", "开始日期"),
    "ends_on": ("end", "ends on", "last day", "结束", "结束日期"),
}
KINDS = {
    CalendarPeriod.Kind.TERM: ("term", "学期"),
    CalendarPeriod.Kind.EXAM: ("exam", "exam period", "考试", "考试周", "考试期"),
    CalendarPeriod.Kind.HOLIDAY: ("holiday", "假期", "节假日", "放假"),
}


def _rows(upload) -> list[tuple]:
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise CampaignError(_("The workbook is larger than %(n)d MB.")
                            % {"n": MAX_BYTES // 2**20}, code="too_large")
    if not data.startswith(b"PK\x03\x04"):
        raise CampaignError(_("The file is not an Excel workbook (.xlsx)."), code="not_xlsx")
    safety.check_zip(data)
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS + 2))
    except Exception:  # a damaged workbook can fail anywhere inside the reader
        raise CampaignError(_("The workbook could not be read; save it again as .xlsx and "
                              "retry."), code="bad_xlsx") from None
    return [row for row in rows if any(cell not in (None, "") for cell in row)]


def _columns(header: tuple) -> dict[str, int]:
    names = [str(cell or "").strip().lower() for cell in header]
    columns = {}
    for field, accepted in HEADERS.items():
        for index, name in enumerate(names):
            if name in accepted:
                columns[field] = index
                break
        else:
            raise CampaignError(_("The first row must name the columns: kind, name, start, "
                                  "end (类型, 名称, 开始, 结束)."), code="no_header")
    return columns


def _date(value, line: int) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip().replace("/", "-"))
    except ValueError:
        raise CampaignError(_("Row %(row)d: %(value)s is not a date (YYYY-MM-DD).")
                            % {"row": line, "value": value or "—"}, code="bad_date") from None


def _kind(value, line: int) -> str:
    text = str(value or "").strip().lower()
    for kind, names in KINDS.items():
        if text in names:
            return kind
    raise CampaignError(_("Row %(row)d: the kind must be term, exam or holiday (学期, 考试, "
                          "假期).") % {"row": line}, code="bad_kind")


@transaction.atomic
def import_periods(*, actor, organization: Organization, upload) -> int:
    require(actor, "campaigns.edit_calendar", organization)
    rows = _rows(upload)
    if len(rows) < 2:
        raise CampaignError(_("The sheet has no periods below its header row."), code="empty")
    if len(rows) > MAX_ROWS + 1:
        raise CampaignError(_("At most %(n)d periods are imported at once.") % {"n": MAX_ROWS},
                            code="too_many")
    columns = _columns(rows[0])
    for line, row in enumerate(rows[1:], start=2):
        cells = {field: row[index] if index < len(row) else None
                 for field, index in columns.items()}
        try:
            calendar.add_period(actor=actor, organization=organization,
                                kind=_kind(cells["kind"], line), name=str(cells["name"] or ""),
                                starts_on=_date(cells["starts_on"], line),
                                ends_on=_date(cells["ends_on"], line))
        except CampaignError as exc:
            if exc.code in ("bad_date", "bad_kind"):
                raise
            raise CampaignError(_("Row %(row)d: %(text)s") % {"row": line, "text": exc.text},
                                code=exc.code) from None
    return len(rows) - 1
