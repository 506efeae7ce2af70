"""The roster's optional 部门 column: a department of the person's school, never created by an
import; an unknown name is a row error naming the known ones, and nothing is written."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.builders import make_person, make_user
from tests.people import rosters
from vanguard.access.models import AuditEntry
from vanguard.people.models import Department, Member, Person
from vanguard.people.services import export_roster, import_roster

HEADER = ["姓名", "党支部", "人员类别", "学号/工号", "部门"]


def run(district, rows, *, header=HEADER, dry_run=False):
    data = rosters.workbook_bytes(rows, header=header)
    return import_roster(actor=district.users["office"], organization=district.schools[0].committee,
                         path_or_file=io.BytesIO(data), filename="roster.xlsx", dry_run=dry_run)


def export_rows(district) -> list[tuple]:
    content = export_roster(actor=district.users["office"],
                            organization=district.schools[0].committee).content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [tuple(c.value for c in r) for r in sheet.iter_rows()]


@pytest.fixture
def departments(district):
    """S1's departments; every S1 member and activist has an account, so that an import
    makes none and only the department moves."""
    s1 = district.schools[0].school
    for person in Person.objects.filter(user__isnull=True, school=s1):
        if hasattr(person, "member") or hasattr(person, "activist"):
            make_user(f"user-{person.pk}", person=person)
    Department.objects.create(school=s1, name="政教处")
    return {d.name: d for d in Department.objects.filter(school=s1)}


def test_a_department_name_links_new_and_stored_people(district, departments):
    s1 = district.schools[0]
    result = run(district, [["新老师", "S1第1党支部", "教师党员", "N001", "教务处"],
                            ["S1党员11", None, None, "S1101", " 政教处 "]])
    assert result.ok and result.written and (result.created, result.updated) == (1, 1)
    assert Person.objects.get(name="新老师").department == departments["教务处"]
    stored = Person.objects.get(pk=s1.members[0].pk)
    assert stored.department == departments["政教处"]
    entry = AuditEntry.objects.get(action="people.person.updated", target_id=str(stored.pk))
    assert entry.changes == {"department": [None, "政教处"]}


def test_the_department_is_the_one_of_the_persons_school(district, departments):
    """S2 has a 教务处 too: the S1 row gets S1's."""
    run(district, [["S1党员12", None, None, "S1102", "教务处"]])
    person = Person.objects.get(staff_no="S1102")
    assert person.department.school_id == district.schools[0].school.pk


def test_an_unknown_department_is_a_row_error_naming_the_known_ones(district, departments):
    before = (Person.objects.count(), Member.objects.count(), Department.objects.count(),
              AuditEntry.objects.count())
    result = run(district, [["新老师", "S1第1党支部", "教师党员", "N001", "教务处"],
                            ["S1党员11", None, None, "S1101", "后勤处"]])
    assert not result.ok and not result.written
    [problem] = result.problems
    assert problem.row == 3
    [reason] = problem.reasons
    assert "“后勤处” is not a department of S1学校" in reason
    assert "政教处" in reason and "教务处" in reason
    after = (Person.objects.count(), Member.objects.count(), Department.objects.count(),
             AuditEntry.objects.count())
    assert after == before
    assert Person.objects.get(staff_no="S1101").department is None


def test_a_school_without_departments_says_so(district):
    Department.objects.filter(school=district.schools[0].school).delete()
    result = run(district, [["S1党员11", None, None, "S1101", "教务处"]])
    [problem] = result.problems
    assert "which has no departments recorded" in problem.reasons[0]
    assert not Department.objects.filter(school=district.schools[0].school).exists()


def test_an_empty_cell_keeps_the_stored_department_and_gives_a_new_person_none(
        district, departments):
    s1 = district.schools[0]
    Person.objects.filter(pk=s1.members[0].pk).update(department=departments["教务处"])
    result = run(district, [["S1党员11", None, None, "S1101", None],
                            ["新职工", None, "职工", "N002", ""]])
    assert (result.created, result.updated, result.unchanged) == (1, 0, 1)
    assert Person.objects.get(pk=s1.members[0].pk).department == departments["教务处"]
    assert Person.objects.get(name="新职工").department is None


def test_a_file_without_the_column_keeps_every_department(district, departments):
    s1 = district.schools[0]
    Person.objects.filter(pk=s1.members[0].pk).update(department=departments["教务处"])
    result = run(district, [["S1党员11", None, None, "S1101"]], header=HEADER[:-1])
    assert result.unchanged == 1
    assert Person.objects.get(pk=s1.members[0].pk).department == departments["教务处"]


def test_export_writes_the_department_and_reads_back_unchanged(district, departments):
    s1 = district.schools[0]
    Person.objects.filter(pk=s1.members[1].pk).update(department=departments["政教处"])
    make_person("群众甲", s1.school, category="staff")
    Person.objects.filter(name="群众甲").update(department=departments["教务处"])
    rows = export_rows(district)
    assert rows[0][-1] == "部门"
    by_name = {r[0]: r[-1] for r in rows[1:]}
    assert by_name["S1党员12"] == "政教处" and by_name["群众甲"] == "教务处"
    assert by_name["S1党员11"] is None
    content = export_roster(actor=district.users["office"],
                            organization=s1.committee).content
    result = import_roster(actor=district.users["office"], organization=s1.committee,
                           path_or_file=io.BytesIO(content), filename="back.xlsx")
    assert result.ok and result.updated == 0 and result.created == 0


def test_export_costs_the_same_with_departments(district, departments,
                                                django_assert_max_num_queries):
    for person in district.schools[0].members:
        Person.objects.filter(pk=person.pk).update(department=departments["教务处"])
    with django_assert_max_num_queries(12):
        export_rows(district)


def test_a_person_may_not_hold_another_schools_department(district, departments):
    person = district.schools[0].members[0]
    person.department = Department.objects.get(school=district.schools[1].school)
    with pytest.raises(ValidationError) as raised:
        person.full_clean()
    assert "department" in raised.value.message_dict
    person.department = departments["教务处"]
    person.full_clean()


def test_the_person_page_shows_the_department(district, departments, client):
    person = district.schools[0].members[-1]
    Person.objects.filter(pk=person.pk).update(department=departments["政教处"])
    client.force_login(district.users["secretary"])
    page = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "政教处" in page.split('data-testid="department"')[1].split("</dd>")[0]
