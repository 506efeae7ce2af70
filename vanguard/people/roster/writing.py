"""Writing workbooks people open in Excel: text stays text, never a formula; dates are dates."""

import datetime as dt
import io
from collections.abc import Iterable

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from vanguard.people.roster.records import NewAccount

# Text starting with these is what spreadsheet programs read as a formula (CSV/formula
# injection); such text is stored as a string cell with Excel's quote prefix.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"


def cell(worksheet, value, *, bold: bool = False) -> WriteOnlyCell:
    """A cell holding `value` as data: a string is always a string cell, a date a date."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    item = WriteOnlyCell(worksheet, value=value)
    if isinstance(value, str):
        # openpyxl turns a string starting with "=" into a formula; undo that, and mark the
        # cell as text so that editing it in Excel does not turn it into one either.
        item.data_type = "s"
        item.number_format = TEXT_FORMAT
        if value.startswith(FORMULA_STARTS):
            item.quotePrefix = True
    elif isinstance(value, (dt.date, dt.datetime)):
        item.number_format = DATE_FORMAT
    if bold:
        item.font = Font(bold=True)
    return item


def workbook_bytes(title: str, header: list[str], rows: Iterable[list], *,
                   widths: list[int] | None = None) -> bytes:
    """One sheet: a bold, frozen header row, then the rows."""
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet(title)
    worksheet.freeze_panes = "A2"
    for index, width in enumerate(widths or [], start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width
    worksheet.append([cell(worksheet, text, bold=True) for text in header])
    for row in rows:
        worksheet.append([cell(worksheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def passwords_workbook(accounts: list[NewAccount]) -> bytes:
    """The initial passwords of new accounts, to print and hand out once."""
    return workbook_bytes(
        _("Initial passwords"), [_("Name"), _("Login"), _("Initial password")],
        [[a.name, a.login, a.password] for a in accounts], widths=[14, 16, 16])
