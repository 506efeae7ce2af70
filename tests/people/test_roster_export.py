"""Exporting a roster: the import's own headers, no formulas ever, and a lossless round trip."""

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest

from tests.builders import make_member, make_person, make_user
from vanguard.access.models import AuditEntry
from vanguard.people import tree
from vanguard.people.errors import PeopleError
from vanguard.people.models import Organization, Person
from vanguard.people.services import export_roster, import_roster


def last_audit_id() -> int:
    """Ids are not counts: PostgreSQL's sequences go on after rolled-back tests."""
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def export(district, *, user="office", organization=None, include_id_numbers=False):
    return export_roster(actor=district.users[user] if user else None,
                         organization=organization or district.schools[0].committee,
                         include_id_numbers=include_id_numbers)


def rows_of(content: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [tuple(c.value for c in r) for r in sheet.iter_rows()]


def test_export_lists_members_by_branch_then_activists_then_the_public(district):
    s1 = district.schools[0]
    make_person("群众甲", s1.school, category="parent", phone="13900000001")
    rows = rows_of(export(district).content)
    assert rows[0] == ("姓名", "性别", "出生日期", "联系电话", "党支部", "人员类别", "入党时间",
                       "学号/工号", "部门")
    assert [r[0] for r in rows[1:]] == [
        "S1党员11", "S1党员12", "S1党员13", "S1党员21", "S1党员22", "S1党员23", "S1积极分子0",
        "群众甲"]
    assert rows[1][4:] == ("S1第1党支部", "教师党员", dt.datetime(2000, 7, 1), "S1101", None)
    assert rows[7][5] == "教师入党积极分子"
    assert rows[8][3] == "13900000001" and rows[8][5] == "家长"


def test_dates_are_real_excel_dates_shown_as_year_month_day(district):
    sheet = openpyxl.load_workbook(io.BytesIO(export(district).content)).active
    cell = sheet["G2"]
    assert cell.is_date and cell.number_format == "yyyy-mm-dd"


def test_export_has_no_formula_cells_even_for_a_name_like_a_formula(district):
    s1 = district.schools[0]
    for index, name in enumerate(["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB"]):
        make_person(name, s1.school, category="staff", staff_no=f"F{index}")
    content = export(district).content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [c for r in sheet.iter_rows() for c in r]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    names = {c.value for c in cells if c.column == 1}
    assert {"=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB"} <= names
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert not re.search(r"<f[ >]", xml)


def test_id_numbers_are_exported_only_when_asked(district, ids):
    person = district.schools[0].members[0]
    person.set_id_number(ids["zhang"])
    person.save()
    assert "身份证号码" not in rows_of(export(district).content)[0]
    rows = rows_of(export(district, include_id_numbers=True).content)
    assert rows[0][3] == "身份证号码" and rows[1][3] == ids["zhang"]
    entry = AuditEntry.objects.filter(action="people.roster.exported").first()
    assert entry.changes == {"rows": [None, 7], "id_numbers": [None, True]}


def test_supervisor_exports_without_id_numbers_but_not_with_them(district):
    assert export(district, user="supervisor").rows == 7
    with pytest.raises(PeopleError, match="not allowed"):
        export(district, user="supervisor", include_id_numbers=True)


def test_office_of_another_school_may_not_export(district):
    with pytest.raises(PeopleError):
        export(district, user="other_office")


def snapshot():
    """Everything a roster carries, per person: nothing of it may move on a round trip."""
    people = Person.objects.select_related("member__organization", "activist__organization")
    return sorted(
        (p.pk, p.name, p.gender, p.birth_date, p.phone, p.staff_no, p.category, p.school_id,
         p.id_number_hash, p.user_id,
         getattr(getattr(p, "member", None), "organization_id", None),
         getattr(getattr(p, "member", None), "joined_on", None),
         getattr(getattr(p, "activist", None), "organization_id", None))
        for p in people)


@pytest.mark.parametrize("include_id_numbers", [False, True])
def test_export_then_import_changes_nothing(district, school_roster, include_id_numbers):
    s1 = district.schools[0]
    office = district.users["office"]
    import_roster(actor=office, organization=s1.committee, path_or_file=io.BytesIO(school_roster),
                  filename="first.xlsx")
    for person in Person.objects.filter(user__isnull=True, school=s1.school):
        if hasattr(person, "member") or hasattr(person, "activist"):
            make_user(f"user-{person.pk}", person=person)
    before, audits = snapshot(), last_audit_id()
    exported = export(district, include_id_numbers=include_id_numbers)
    result = import_roster(actor=office, organization=s1.committee,
                           path_or_file=io.BytesIO(exported.content), filename=exported.filename)
    assert result.problems == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, exported.rows)
    assert snapshot() == before
    assert list(AuditEntry.objects.filter(pk__gt=audits).values_list("action", flat=True)
                .order_by("id")) == ["people.roster.exported", "people.roster.imported"]
    assert exported.rows == 12  # 6 + 2 members, 2 activists, 2 of the public


def test_branches_sharing_a_name_are_written_by_code_and_read_back(district):
    s1 = district.schools[0]
    general = tree.add_child(s1.committee, code="S1-G", name="S1总支",
                             kind=Organization.Kind.GENERAL_BRANCH, school=s1.school)
    twin = tree.add_child(general, code="S1-G1", name="S1第1党支部",
                          kind=Organization.Kind.BRANCH, school=s1.school)
    make_member("双名", twin, staff_no="G001")
    exported = export(district)
    branches = {r[0]: r[4] for r in rows_of(exported.content)[1:]}
    assert branches["双名"] == "S1-G1" and branches["S1党员11"] == "S1-B1"
    assert branches["S1党员21"] == "S1第2党支部"
    result = import_roster(actor=None, organization=s1.committee,
                           path_or_file=io.BytesIO(exported.content), dry_run=True)
    assert result.problems == [] and result.created == 0


def test_a_member_registered_above_the_branches_keeps_their_place(district):
    s1 = district.schools[0]
    person = make_member("委员", s1.committee, staff_no="C001")
    make_user("c001", person=person)
    exported = export(district)
    assert {r[0]: r[4] for r in rows_of(exported.content)[1:]}["委员"] is None
    result = import_roster(actor=None, organization=s1.committee,
                           path_or_file=io.BytesIO(exported.content), filename="r.xlsx")
    assert result.problems == []
    person.refresh_from_db()
    assert person.member.organization == s1.committee
