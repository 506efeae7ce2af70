"""Reading roster files: the header below titles and notes, every date form, numbers Excel mangled,
CSV in the encodings Chinese Excel saves, and the checks that run before any parser."""

import datetime as dt
import io
import time
import zipfile

import openpyxl
import pytest

from tests.people import rosters
from vanguard.people.errors import PeopleError
from vanguard.people.roster import safety
from vanguard.people.roster.categories import parse_category
from vanguard.people.roster.reading import read_roster
from vanguard.people.roster.records import ACTIVIST, MEMBER, PUBLIC
from vanguard.people.roster.validation import validate_rows
from vanguard.people.roster.values import (
    ValueProblem,
    parse_date,
    parse_id_number,
    parse_name,
    parse_phone,
)


def read(data: bytes, filename: str = "roster.xlsx"):
    return read_roster(io.BytesIO(data), filename)


def test_header_row_is_found_below_title_note_and_merged_group_header(school_roster):
    sheet = read(school_roster)
    assert sheet.header_row == 5
    assert sheet.labels["category"] == "身份"
    assert sheet.ignored_headers == ["序号"]
    assert [r.number for r in sheet.rows] == [6, 7, 8, 9, 11]


def test_rows_after_a_trailing_note_are_ignored(school_roster):
    sheet = read(school_roster)
    assert sheet.stopped_at == 12
    assert "孙八" not in [r.values.get("name") for r in sheet.rows]


def test_cells_of_the_school_roster_are_read_as_the_secretary_meant(school_roster, ids):
    records, problems = validate_rows(read(school_roster))
    assert problems == []
    zhang, li, wang, zhao, qian = records
    assert (zhang.birth_date, zhang.joined_on) == (dt.date(1980, 5, 6), dt.date(2003, 7, 1))
    assert zhang.id_number == ids["zhang"] and zhang.id_number.endswith("X")
    assert zhang.phone == "13800138000"
    assert (zhang.category, zhang.status, zhang.gender) == ("teacher", MEMBER, "M")
    assert (li.name, li.birth_date, li.joined_on) == ("李四", dt.date(1990, 7, 1),
                                                      dt.date(2003, 7, 1))
    assert (li.phone, li.branch, li.category) == ("0871-1234567", "S1-B2", "student")
    assert (wang.birth_date, wang.phone, wang.status) == (dt.date(1985, 7, 1), "13900139000",
                                                          ACTIVIST)
    assert (zhao.birth_date, zhao.category, zhao.status) == (dt.date(1990, 5, 7), "staff",
                                                             PUBLIC)
    assert (qian.birth_date, qian.category, qian.staff_no) == (dt.date(1970, 3, 1), "parent",
                                                               None)


@pytest.mark.parametrize("value, expected", [
    (dt.datetime(2003, 7, 1), dt.date(2003, 7, 1)),
    (37803, dt.date(2003, 7, 1)),  # an Excel serial number
    (37803.0, dt.date(2003, 7, 1)),
    ("2003-07-01", dt.date(2003, 7, 1)),
    ("2003/7/1", dt.date(2003, 7, 1)),
    ("2003.07", dt.date(2003, 7, 1)),
    ("2003.7.1", dt.date(2003, 7, 1)),
    ("2003年7月", dt.date(2003, 7, 1)),
    ("2003年7月1日", dt.date(2003, 7, 1)),
    ("200307", dt.date(2003, 7, 1)),
    (200307, dt.date(2003, 7, 1)),
    (2003.07, dt.date(2003, 7, 1)),
    (2003.12, dt.date(2003, 12, 1)),
    ("２００３－０７－０１", dt.date(2003, 7, 1)),
    ("2003-07-01 00:00:00", dt.date(2003, 7, 1)),
    (None, None),
    ("  ", None),
])
def test_dates_are_read_in_every_form_schools_write(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value, words", [
    ("2003-13-01", "not a day of the calendar"),
    ("2003年2月30日", "not a day of the calendar"),
    ("七月一日", "is not a date"),
    (2003, "A year alone"),
    (2003.1, "January or October"),
    ("2999-01-01", "lies in the future"),
])
def test_impossible_dates_are_refused_with_the_reason(value, words):
    with pytest.raises(ValueProblem, match=words):
        parse_date(value)


def test_id_number_keeps_its_trailing_x_upper_cased():
    number = rosters.id_number_ending_in_x("19800506")
    assert parse_id_number(number.lower()) == number


@pytest.mark.parametrize("value", [5.30102198005061e17, 530102198005061234, "5.30102E+17"])
def test_id_number_that_excel_turned_into_a_number_is_refused_with_the_reason(value):
    with pytest.raises(ValueProblem, match="stored as a number"):
        parse_id_number(value)


def test_id_number_with_a_wrong_check_digit_is_refused():
    with pytest.raises(ValueProblem, match="check digit"):
        parse_id_number(rosters.with_wrong_check_digit(rosters.id_number("19900701", 1)))


@pytest.mark.parametrize("value, expected", [
    (13800138000.0, "13800138000"),
    (13800138000, "13800138000"),
    ("138-0013-8000", "13800138000"),
    ("+86 138 0013 8000", "13800138000"),
    ("0871-1234567", "0871-1234567"),
    ("(0871)1234567", "0871-1234567"),
    ("010-12345678", "010-12345678"),
])
def test_phones_are_read_as_mobile_or_landline_with_area_code(value, expected):
    assert parse_phone(value) == expected


@pytest.mark.parametrize("value", ["1234567", "23800138000", "138001380001", "phone", 1.5])
def test_a_phone_that_is_not_a_phone_is_refused(value):
    with pytest.raises(ValueProblem, match="not a phone number"):
        parse_phone(value)


def test_names_padded_with_spaces_for_alignment_are_closed_up():
    assert parse_name("张　三") == "张三"
    assert parse_name(" Ma  Li ") == "Ma Li"


@pytest.mark.parametrize("text, expected", [
    ("教师", ("teacher", PUBLIC)),
    ("专任教师", ("teacher", PUBLIC)),
    ("教职工", ("teacher", PUBLIC)),
    ("教师党员", ("teacher", MEMBER)),
    ("行政", ("staff", PUBLIC)),
    ("工勤", ("staff", PUBLIC)),
    ("学生党员", ("student", MEMBER)),
    ("未就业毕业生", ("graduate", PUBLIC)),
    ("毕业生党员", ("graduate", MEMBER)),
    ("离退休", ("retired", PUBLIC)),
    ("退休党员", ("retired", MEMBER)),
    ("家长", ("parent", PUBLIC)),
    ("学生入党积极分子", ("student", ACTIVIST)),
    ("教师 非党员", ("teacher", PUBLIC)),
    ("Teacher member", ("teacher", MEMBER)),
    ("党员", (None, MEMBER)),
    ("", (None, PUBLIC)),
])
def test_category_cell_maps_to_category_and_status(text, expected):
    assert parse_category(text) == expected


def test_csv_saved_by_chinese_excel_in_gbk_is_read(ids):
    data = rosters.csv_bytes([[1, "张三", "男", "1980-05-06", ids["zhang"], "13800138000",
                               "S1第1党支部", "教师党员", "2003.07", "T001"]], encoding="gbk")
    records, problems = validate_rows(read(data, "名册.csv"))
    assert problems == []
    assert (records[0].name, records[0].branch, records[0].joined_on) == (
        "张三", "S1第1党支部", dt.date(2003, 7, 1))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_is_read_in_each_encoding_excel_saves(encoding):
    data = rosters.csv_bytes([[1, "张三", "男"]], encoding=encoding)
    assert read(data, "roster.csv").rows[0].values["name"] == "张三"


def test_english_headers_are_known():
    data = rosters.csv_bytes([["Ma Li", "F", "2001-02-03", "student"]], encoding="utf-8",
                             header=["Name", "gender", "Birth date", "category"])
    records, problems = validate_rows(read(data, "roster.csv"))
    assert problems == [] and records[0].birth_date == dt.date(2001, 2, 3)


def test_a_file_without_a_name_header_is_refused_with_the_known_headers():
    data = rosters.workbook_bytes([["a", "b"]], header=["编号", "备注信息"])
    with pytest.raises(PeopleError, match="No header row was found.*姓名"):
        read(data)


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A few hundred kilobytes that would unpack to 120 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            chunk = b"\0" * 2**20
            for _ in range(120):
                entry.write(chunk)
    return buffer.getvalue()


def test_zip_bomb_is_refused_fast_without_unpacking(zip_bomb):
    assert len(zip_bomb) < 2**20
    started = time.monotonic()
    with pytest.raises(PeopleError, match="would unpack to 120 MB"):
        read(zip_bomb)
    assert time.monotonic() - started < 1


def test_workbook_with_too_many_parts_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(safety.MAX_ZIP_ENTRIES + 1):
            archive.writestr(f"xl/part{index}.xml", "")
    with pytest.raises(PeopleError, match="1001 parts"):
        read(buffer.getvalue())


def test_a_file_named_xlsx_that_is_not_a_zip_is_refused():
    with pytest.raises(PeopleError, match="named like an Excel workbook"):
        read("姓名,性别\n张三,男\n".encode(), "roster.xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(PeopleError, match="not an Excel workbook"):
        read(buffer.getvalue(), "roster.xlsx")


def test_old_xls_files_are_refused_with_how_to_convert():
    with pytest.raises(PeopleError, match=r"old-format Excel file \(.xls\)"):
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "roster.xls")


def test_binary_data_is_neither_workbook_nor_csv():
    with pytest.raises(PeopleError, match="neither an Excel workbook"):
        read(bytes(range(256)) * 4, "roster.bin")


def test_workbooks_are_parsed_with_defusedxml():
    # openpyxl switches to defusedxml's parser when it is installed; entity tricks stay inert.
    assert openpyxl.DEFUSEDXML is True


def test_blank_spacer_rows_do_not_count_towards_the_header_search():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "名册"
    sheet.append([])
    for column, text in enumerate(["姓名", "性别"], start=1):
        sheet.cell(row=20, column=column, value=text)
    sheet.cell(row=21, column=1, value="张三")
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = read(buffer.getvalue())
    assert sheet.header_row == 20 and sheet.rows[0].number == 21
