"""Reading an hours sheet: which columns it has, where its header row is, and one row's cells.

The roster's reader parts do the rest (size and zip checks, CSV encodings, the header row
under title and note rows, trailing notes, date cells); the workbook itself is read with
calamine, which reads 100,000 rows in about a second where openpyxl needs ten or more.
"""

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import python_calamine
from django.utils.translation import gettext as _

from vanguard.campaigns.models import Campaign
from vanguard.people.roster import headers, reading, safety
from vanguard.people.roster import values as v
from vanguard.study.errors import StudyError
from vanguard.study.models import HoursEntry
from vanguard.study.models.hours import MAX_HOURS_A_DAY, StudyKind

ONE_PLACE = Decimal("0.1")
TITLE_MAX = HoursEntry._meta.get_field("title").max_length

# The columns an hours sheet has, as schools head them; the member columns are the roster's.
MEMBER_FIELDS = ("branch", "staff_no", "name", "category")
HOURS_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("活动名称", "学习内容", "活动内容", "学习活动", "学习主题", "activity"),
    "studied_on": ("活动时间", "活动日期", "学习时间", "学习日期", "日期", "date"),
    "hours": ("学时数", "学时", "学习学时", "时长", "小时数", "学习时长"),
}
# What an export writes, in this order: the layout schools keep.
EXPORT_HEADERS = {"branch": "党支部", "staff_no": "学号/工号", "name": "姓名", "category": "身份",
                  "title": "活动名称", "studied_on": "活动时间", "hours": "学时数"}
_LOOKUP = {headers.normalize(a): f for f, aliases in HOURS_ALIASES.items() for a in (*aliases, f)}

# 活动名称 → kind, first match wins: 形势报告会 is a situation report, not a deeds report.
KIND_WORDS: list[tuple[str, StudyKind]] = [
    ("形势", StudyKind.SITUATION_REPORT), ("警示", StudyKind.WARNING_EDUCATION),
    ("党课", StudyKind.PARTY_LECTURE), ("辅导", StudyKind.TUTORING),
    ("报告会", StudyKind.EXEMPLARY_DEEDS), ("参观", StudyKind.VISIT),
    ("讨论", StudyKind.DISCUSSION), ("座谈", StudyKind.DISCUSSION), ("自学", StudyKind.SELF),
]
_HOURS_TEXT = re.compile(r"^([+-]?\d+(?:\.\d+)?)(?:个)?(?:学时|小时|课时|h|hours?)?$",
                         re.IGNORECASE)


def kind_of(title: str) -> str:
    return next((kind for word, kind in KIND_WORDS if word in title), StudyKind.CONCENTRATED)


# --- reading the file -------------------------------------------------------------------------

def _field_of(cell) -> str | None:
    roster_field = headers.field_of(cell)
    if roster_field in MEMBER_FIELDS:
        return roster_field
    return _LOOKUP.get(headers.normalize(cell))


def read_table(path_or_file, filename: str) -> reading.Table:
    """The file's non-blank rows, numbered as the spreadsheet shows them."""
    data = reading._read_bytes(path_or_file)
    if safety.detect_kind(data, filename) == safety.CSV:
        return reading._csv_table(data)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        for name in workbook.sheet_names:
            table = reading._numbered(workbook.get_sheet_by_name(name).iter_rows())
            if headers.find_header_row([cells for _n, cells in table]) is not None:
                return table
    except Exception:  # a damaged workbook can fail anywhere inside the reader
        raise StudyError(_("The workbook could not be read; save it again in Excel or WPS as "
                           ".xlsx and retry."), code="bad_xlsx") from None
    raise _no_header()


def _no_header() -> StudyError:
    return StudyError(
        _("No header row was found in the first %(rows)d rows: one row must name the columns "
          "%(columns)s.") % {"rows": headers.HEADER_SCAN_ROWS,
                             "columns": "、".join(EXPORT_HEADERS.values())}, code="no_header")


@dataclass
class HoursSheet:
    header_row: int
    labels: dict[str, str]
    ignored: list[str]
    rows: list[tuple[int, dict]]
    stopped_at: int | None = None


def sheet_of(table: reading.Table) -> HoursSheet:
    index = headers.find_header_row([cells for _n, cells in table])
    if index is None:
        raise _no_header()
    header_number, header = table[index]
    columns = {i: f for i, cell in enumerate(header) if (f := _field_of(cell)) is not None}
    labels: dict[str, str] = {}
    for column, name in columns.items():
        labels.setdefault(name, str(header[column]).strip())
    missing = [EXPORT_HEADERS[f] for f in ("title", "studied_on", "hours") if f not in labels]
    if missing:
        raise StudyError(_("The header row (row %(row)d) lacks the column %(columns)s.")
                         % {"row": header_number, "columns": "、".join(missing)},
                         code="missing_columns")
    sheet = HoursSheet(header_row=header_number, labels=labels, rows=[], ignored=[
        str(c).strip() for i, c in enumerate(header) if i not in columns and not _blank(c)])
    for number, cells in table[index + 1:]:
        if headers.is_trailing_note(cells):
            sheet.stopped_at = number
            break
        values: dict[str, object] = {}
        for column, name in columns.items():
            if column < len(cells) and not _blank(cells[column]):
                values.setdefault(name, cells[column])
        if values:
            sheet.rows.append((number, values))
    return sheet


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


# --- one row's cells --------------------------------------------------------------------------

def parse_hours(value: object) -> Decimal:
    if v.is_number(value):
        hours = Decimal(f"{value:.6f}").normalize()  # 2.5 stored as 2.4999999999 reads 2.5
    else:
        text = unicodedata.normalize("NFKC", v.text_of(value)).replace(" ", "")
        match = _HOURS_TEXT.match(text)
        if not text:
            raise v.ValueProblem(_("The number of hours is missing."))
        if match is None:
            raise v.ValueProblem(_("“%(value)s” is not a number of hours.") % {"value": text})
        try:
            hours = Decimal(match.group(1))
        except InvalidOperation:
            raise v.ValueProblem(_("“%(value)s” is not a number of hours.")
                                 % {"value": text}) from None
    if hours <= 0:
        raise v.ValueProblem(_("Hours must be more than 0."))
    if hours > MAX_HOURS_A_DAY:
        raise v.ValueProblem(_("%(hours)s hours is more than a day has: at most 24.")
                             % {"hours": hours})
    if hours != hours.quantize(ONE_PLACE):
        raise v.ValueProblem(_("Hours are counted to one decimal place, like 2.5; %(hours)s "
                               "has more.") % {"hours": hours})
    return hours.quantize(ONE_PLACE)


def parse_title(value: object) -> str:
    text = v.text_of(value)
    if not text:
        raise v.ValueProblem(_("The activity's name is missing."))
    if len(text) > TITLE_MAX:
        raise v.ValueProblem(_("The activity's name is longer than %(max)d characters.")
                             % {"max": TITLE_MAX})
    return text


def day_parser(campaign: Campaign):
    def parse(value: object) -> dt.date:
        day = v.parse_date(value)
        if day is None:
            raise v.ValueProblem(_("The date is missing."))
        if not campaign.starts_on <= day <= campaign.ends_on:
            raise v.ValueProblem(_("%(date)s lies outside the campaign, %(first)s to "
                                   "%(last)s.") % {"date": day, "first": campaign.starts_on,
                                                    "last": campaign.ends_on})
        return day
    return parse


def optional(parser):
    return lambda value: None if _blank(value) else parser(value)
