"""The header names a roster may use, finding the header row, and spotting trailing notes."""

import re

FIELDS = ("name", "gender", "birth_date", "id_number", "phone", "branch", "category",
          "joined_on", "staff_no", "department")

# The Chinese names schools use, then the English field name; matched after normalizing.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名",),
    "gender": ("性别",),
    "birth_date": ("出生日期", "出生时间", "出生年月"),
    "id_number": ("身份证号码", "身份证号", "公民身份号码"),
    "phone": ("联系电话", "手机", "手机号码", "电话"),
    "branch": ("党支部", "党支部名称", "所在支部", "所在党支部"),
    "category": ("人员类别", "身份", "类别"),
    "joined_on": ("入党时间", "入党日期"),
    "staff_no": ("学号/工号", "工号/学号", "学号", "工号", "学工号"),
    "department": ("部门", "所在部门", "部门名称", "处室", "科室"),
}

# What an export writes: the first Chinese name of each field, in this order.
EXPORT_HEADERS: dict[str, str] = {
    "name": "姓名",
    "gender": "性别",
    "birth_date": "出生日期",
    "id_number": "身份证号码",
    "phone": "联系电话",
    "branch": "党支部",
    "category": "人员类别",
    "joined_on": "入党时间",
    "staff_no": "学号/工号",
    "department": "部门",
}

# Schools put the real header below a title, notes and group headers: look this many
# non-blank rows down.
HEADER_SCAN_ROWS = 15

_TRAILING_PAREN = re.compile(r"[(（][^()（）]*[)）]$")
_NOISE = re.compile(r"[\s_\-*＊:：]+")


def normalize(text: object) -> str:
    """A header as compared: no spaces, stars, colons or trailing "(…)" remark; lower case."""
    if text is None:
        return ""
    value = str(text).strip()
    value = _TRAILING_PAREN.sub("", value)
    return _NOISE.sub("", value).lower()


# English headers are the field names; normalizing lets "Birth date" and "birth_date" match.
_LOOKUP = {normalize(alias): f for f, aliases in ALIASES.items() for alias in (*aliases, f)}


def field_of(header: object) -> str | None:
    return _LOOKUP.get(normalize(header))


def header_columns(row: tuple) -> dict[int, str]:
    """{column index: field} for the cells of `row` that are known headers."""
    return {i: f for i, cell in enumerate(row) if (f := field_of(cell)) is not None}


def find_header_row(rows: list[tuple]) -> int | None:
    """The index of the row naming the most known fields, among the first non-blank rows that
    name 姓名/name. Title rows, notes and merged group headers above it name few, so they lose.
    """
    best, best_score = None, 0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = set(header_columns(row).values())
        if "name" in fields and len(fields) > best_score:
            best, best_score = index, len(fields)
    return best


_NOTE = re.compile(r"^(注\s*\d*\s*[:：]|备\s*注|合\s*计|总\s*计|填表说明|说明\s*[:：])")


def is_trailing_note(row: tuple) -> bool:
    """True for a note or total line under the table ("注：…", "备注", "合计 …")."""
    first = next((c for c in row if c is not None and str(c).strip()), None)
    return isinstance(first, str) and bool(_NOTE.match(first.strip()))
