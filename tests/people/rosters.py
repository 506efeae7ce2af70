"""Roster workbooks and CSV files built in the tests, laid out the way schools keep them."""

import datetime as dt
import io

import openpyxl

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"

HEADER = ["序号", "姓名", "性别", "出生日期", "身份证号码", "联系电话", "党支部", "身份",
          "入党时间", "学号/工号"]


def id_number(birth: str, sequence: int) -> str:
    """A resident ID number with the right GB 11643 check digit."""
    body = f"530102{birth}{sequence:03d}"
    total = sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True))
    return body + CHECK[total % 11]


def id_number_ending_in_x(birth: str) -> str:
    return next(n for n in (id_number(birth, s) for s in range(1000)) if n.endswith("X"))


def with_wrong_check_digit(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:-1] + last


def workbook_bytes(rows: list[list], *, preamble: bool = False, header=HEADER) -> bytes:
    """A one-sheet workbook: optionally a title, a note and a two-row merged group header above
    the real header, as school rosters have them."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    if preamble:
        width = len(header)
        sheet.append(["S1学校党员花名册"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet.append(["填表说明：身份证号码请设为文本格式，日期写成2003-07-01。"])
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        sheet.append(["基本信息", None, None, None, None, None, "党员信息"])
        sheet.append([None] * width)
        sheet.merge_cells(start_row=3, start_column=1, end_row=4, end_column=6)
        sheet.merge_cells(start_row=3, start_column=7, end_row=4, end_column=width)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], *, encoding: str = "gbk", header=HEADER) -> bytes:
    lines = [",".join("" if v is None else str(v) for v in row) for row in [header, *rows]]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def school_rows(zhang_id: str, li_id: str, zhao_id: str) -> list[list]:
    """Five people of school S1 written five ways, then a blank row, a note and junk after it."""
    return [
        [1, "张三", "男", dt.datetime(1980, 5, 6), zhang_id, 13800138000.0, "S1第1党支部",
         "教师党员", "2003年7月", "T001"],
        [2, "李  四", "女", "1990/7/1", li_id, "0871-1234567", "S1-B2", "学生党员", 200307,
         "T002"],
        [3, "王五", "男", "1985.07", None, "139 0013 9000", "S1第1党支部", "教师入党积极分子",
         None, "T003"],
        [4, "赵六", "女", 33000,  # Excel serial of 1990-05-07
         zhao_id, None, None, "职工", None, "T004"],
        [None, None, None, None, None, None, None, None, None, None],
        [5, "钱七", None, "1970年3月1日", None, "13700137000", None, "家长", None, None],
        ["注：以上信息截至填表之日。"],
        [6, "孙八", "男", "not a date", "123", "x", "nowhere", "?", None, None],
    ]
