"""Reading a roster file (.xlsx or .csv) into its header and data rows, numbered as shown."""

import csv
import io
from pathlib import Path

import python_calamine
from django.utils.translation import gettext as _

from vanguard.people.errors import PeopleError
from vanguard.people.roster import headers, safety
from vanguard.people.roster.records import RawRow, Sheet

# The non-blank rows of a sheet, each with its number as the spreadsheet shows it. Blank rows
# are dropped as they are read: a sheet formatted down to row 1,048,576 costs no memory.
Table = list[tuple[int, tuple]]


def read_roster(path_or_file, filename: str = "") -> Sheet:
    """The roster in a path or an open binary file; PeopleError when it cannot be read."""
    data = _read_bytes(path_or_file)
    kind = safety.detect_kind(data, filename or _name_of(path_or_file))
    if kind == safety.XLSX:
        return _xlsx_sheet(data)
    return sheet_from_table(_csv_table(data))


def _name_of(path_or_file) -> str:
    if isinstance(path_or_file, (str, Path)):
        return Path(path_or_file).name
    return getattr(path_or_file, "name", "") or ""


def _read_bytes(path_or_file) -> bytes:
    limit = safety.MAX_FILE_BYTES
    try:
        if isinstance(path_or_file, (str, Path)):
            with open(path_or_file, "rb") as handle:
                data = handle.read(limit + 1)
        else:
            if hasattr(path_or_file, "seek"):
                path_or_file.seek(0)
            data = path_or_file.read(limit + 1)
    except OSError as exc:
        raise PeopleError(_("The file could not be read: %(reason)s")
                          % {"reason": exc.strerror or exc}, code="unreadable") from None
    if len(data) > limit:
        raise PeopleError(_("The file is larger than %(max)d MB.") % {"max": limit // 2**20},
                          code="too_large")
    return data


def _xlsx_sheet(data: bytes) -> Sheet:
    """The first worksheet that has a header row among its first rows.

    Read with calamine, which reads a 10,000-row roster in about a second where openpyxl took
    five; it gives a formula's last computed value, ignores a wrong recorded used range, and
    gives blank cells as "" (blank either way here)."""
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # a damaged workbook can fail anywhere inside the reader
        raise PeopleError(_("The workbook could not be opened; save it again in Excel or WPS "
                            "as .xlsx and retry."), code="bad_xlsx") from None
    readable = False
    for name in workbook.sheet_names:
        try:
            table = _numbered(workbook.get_sheet_by_name(name).iter_rows())
        except Exception:  # a chart sheet, or one sheet damaged: try the others
            continue
        readable = True
        if headers.find_header_row([cells for _n, cells in table]) is not None:
            return sheet_from_table(table)
    if not readable:
        raise PeopleError(_("The workbook could not be read; save it again in Excel or WPS "
                            "as .xlsx and retry."), code="bad_xlsx")
    raise _no_header()


def _csv_table(data: bytes) -> Table:
    text = safety.decode_text(data)
    if text is None:
        raise PeopleError(_("The CSV file is not text in a known encoding (UTF-8 or GBK)."),
                          code="encoding")
    sample = text[:8192]
    delimiter = max(",\t;", key=sample.count)
    return _numbered(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _numbered(rows) -> Table:
    table = []
    for number, row in enumerate(rows, start=1):
        cells = tuple(row)
        while cells and _blank(cells[-1]):
            cells = cells[:-1]
        if cells:
            table.append((number, cells))
    return table


def _no_header() -> PeopleError:
    known = "、".join(aliases[0] for aliases in headers.ALIASES.values())
    return PeopleError(
        _("No header row was found in the first %(rows)d rows: one row must name the columns, "
          "with 姓名 among them. Known headers: %(known)s.")
        % {"rows": headers.HEADER_SCAN_ROWS, "known": known}, code="no_header")


def sheet_from_table(table: Table) -> Sheet:
    """Find the header row, then turn each later row into the cells of the known fields."""
    index = headers.find_header_row([cells for _n, cells in table])
    if index is None:
        raise _no_header()
    header_number, header = table[index]
    columns = headers.header_columns(header)
    labels: dict[str, str] = {}
    for column, field in columns.items():
        labels.setdefault(field, str(header[column]).strip())
    ignored = [str(c).strip() for i, c in enumerate(header) if i not in columns and not _blank(c)]
    rows, stopped_at = [], None
    for number, cells in table[index + 1:]:
        if headers.is_trailing_note(cells):
            stopped_at = number
            break
        values = _values(cells, columns)
        if values:
            rows.append(RawRow(number=number, values=values))
    return Sheet(rows=rows, header_row=header_number, labels=labels, ignored_headers=ignored,
                 stopped_at=stopped_at)


def _values(row: tuple, columns: dict[int, str]) -> dict[str, object]:
    """Each field's first non-blank cell; all category cells joined (人员类别 and 身份 both)."""
    values: dict[str, object] = {}
    for column, field in columns.items():
        cell = row[column] if column < len(row) else None
        if _blank(cell):
            continue
        if field == "category" and field in values:
            values[field] = f"{values[field]} {cell}"
        else:
            values.setdefault(field, cell)
    return values
