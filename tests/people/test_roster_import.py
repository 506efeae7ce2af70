"""Importing a roster: all or nothing, idempotent, people found again, accounts made once."""

import datetime as dt
import io

import pytest
from django.contrib.auth.password_validation import validate_password

from tests.builders import make_person
from tests.people import rosters
from vanguard.access.models import AuditEntry, Role, User
from vanguard.people import identity, tree
from vanguard.people.errors import PeopleError
from vanguard.people.models import Activist, Member, Organization, Person
from vanguard.people.services import import_roster


def last_audit_id() -> int:
    """Ids are not counts: PostgreSQL's sequences go on after rolled-back tests."""
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def run(district, data: bytes, *, user="office", organization=None, dry_run=False,
        filename="roster.xlsx"):
    actor = district.users[user] if user else None
    return import_roster(actor=actor, organization=organization or district.schools[0].committee,
                         path_or_file=io.BytesIO(data), filename=filename, dry_run=dry_run)


def row(name, *, ident=None, phone=None, branch="S1第1党支部", category="教师党员", joined=None,
        staff=None, birth=None, gender=None):
    return [None, name, gender, birth, ident, phone, branch, category, joined, staff]


def people_count():
    return Person.objects.count(), Member.objects.count(), Activist.objects.count()


def test_school_roster_creates_people_members_activists_and_accounts(district, school_roster,
                                                                       ids):
    result = run(district, school_roster)
    assert (result.rows_ok, result.created, result.updated, result.unchanged) == (5, 5, 0, 0)
    zhang = Person.objects.get(name="张三")
    assert zhang.member.organization.code == "S1-B1"
    assert zhang.member.joined_on == dt.date(2003, 7, 1)
    assert zhang.id_number() == ids["zhang"] and zhang.school.code == "S1"
    assert Person.objects.get(name="李四").member.organization.code == "S1-B2"
    assert Person.objects.get(name="王五").activist.organization.code == "S1-B1"
    zhao = Person.objects.get(name="赵六")
    assert not hasattr(zhao, "member") and not hasattr(zhao, "activist") and zhao.user is None
    assert sorted(a.login for a in result.accounts) == ["0871-1234567", "13800138000",
                                                        "13900139000"]


def test_id_numbers_are_stored_encrypted_and_found_by_keyed_hash(district, school_roster, ids):
    run(district, school_roster)
    zhang = Person.objects.get(name="张三")
    assert ids["zhang"] not in zhang.id_number_encrypted
    assert zhang.id_number_hash == identity.keyed_hash(ids["zhang"])


def test_new_accounts_must_change_a_valid_twelve_character_password(district, school_roster):
    result = run(district, school_roster)
    account = next(a for a in result.accounts if a.name == "张三")
    user = User.objects.get(username="13800138000")
    assert user.person.name == "张三" and user.must_change_password
    assert len(account.password) == 12 and user.check_password(account.password)
    validate_password(account.password, user)
    assert Role.objects.filter(user=user, kind="member", organization__code="S1-B1").exists()
    assert not User.objects.get(username="13900139000").roles.exists()  # the activist


def test_preview_lists_each_bad_row_with_its_number_and_reason(district, ids):
    bad_id = rosters.with_wrong_check_digit(ids["li"])
    data = rosters.workbook_bytes([
        row("好人", ident=ids["zhang"], staff="A1"),
        row("", staff="A2"),
        row("错号", ident=bad_id, staff="A3"),
        row("错期", birth="2003-13-01", staff="A4"),
        row("无支部", branch="火星支部", staff="A5"),
        row("错话", phone="12345", staff="A6", category="教师"),
        row("缺支部", branch=None, staff="A7"),
        row("重号", ident=ids["zhang"], staff="A8"),
        row("重工号", staff="A1"),
    ], preamble=True)
    result = run(district, data, dry_run=True)
    reasons = {p.row: " ".join(p.reasons) for p in result.problems}
    assert sorted(reasons) == [6, 7, 8, 9, 10, 11, 12, 13, 14]
    assert "name is missing" in reasons[7]
    assert "check digit" in reasons[8]
    assert "出生日期" in reasons[9] and "not a day of the calendar" in reasons[9]
    assert "“火星支部” is not a branch" in reasons[10]
    assert "联系电话" in reasons[11] and "not a phone number" in reasons[11]
    assert "A member needs a branch" in reasons[12]
    assert "same ID number is also on row 13" in reasons[6]
    assert "same ID number is also on row 6" in reasons[13]
    assert "same staff or student number is also on row 14" in reasons[6]
    assert (result.rows_ok, result.rows_with_errors) == (0, 9)


def test_nothing_is_written_when_any_row_is_bad(district, school_roster, ids):
    before, audits = people_count(), AuditEntry.objects.count()
    rows = rosters.school_rows(ids["zhang"], ids["li"], ids["zhao"])
    rows.insert(3, row("坏", birth="yesterday"))
    result = run(district, rosters.workbook_bytes(rows, preamble=True))
    assert result.rows_with_errors == 1 and result.rows_ok == 5 and not result.written
    assert people_count() == before and AuditEntry.objects.count() == audits
    assert not User.objects.filter(username="13800138000").exists()


def test_dry_run_writes_nothing_but_counts_what_would_change(district, school_roster):
    before = people_count()
    result = run(district, school_roster, dry_run=True)
    assert (result.created, len(result.accounts), result.written) == (5, 3, False)
    assert all(a.password == "" for a in result.accounts)
    assert people_count() == before


def test_importing_the_same_file_twice_changes_nothing_the_second_time(district, school_roster):
    run(district, school_roster)
    snapshot = list(Person.objects.values().order_by("id"))
    audits = last_audit_id()
    again = run(district, school_roster)
    assert (again.created, again.updated, again.unchanged, again.accounts) == (0, 0, 5, [])
    assert list(Person.objects.values().order_by("id")) == snapshot
    # Only the import itself is recorded, no entry for an unchanged person.
    assert list(AuditEntry.objects.filter(pk__gt=audits).values_list("action", flat=True)) == [
        "people.roster.imported"]


def test_each_created_or_changed_person_is_audited_with_a_masked_id_number(district,
                                                                           school_roster, ids):
    run(district, school_roster)
    entry = AuditEntry.objects.get(action="people.person.created", target_label="张三")
    assert entry.actor_label == "office"
    assert entry.changes["id_number"] == [None, identity.mask_id_number(ids["zhang"])]
    assert entry.changes["branch"] == [None, "S1-B1"]
    assert entry.changes["account"] == [None, "13800138000"]
    assert not any(ids["zhang"] in str(e.changes) for e in AuditEntry.objects.all())
    summary = AuditEntry.objects.get(action="people.roster.imported")
    assert summary.changes["created"] == [None, 5] and summary.target_label == "S1学校党委"


def test_a_changed_row_updates_the_person_and_moves_the_member(district, school_roster, ids):
    run(district, school_roster)
    rows = rosters.school_rows(ids["zhang"], ids["li"], ids["zhao"])
    rows[0][5], rows[0][6] = "13600136000", "S1-B2"  # 张三: new phone, other branch
    result = run(district, rosters.workbook_bytes(rows, preamble=True))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 4)
    zhang = Person.objects.get(name="张三")
    assert zhang.phone == "13600136000" and zhang.member.organization.code == "S1-B2"
    assert Role.objects.filter(user=zhang.user, kind="member").get().organization.code == "S1-B2"
    entry = AuditEntry.objects.filter(action="people.person.updated").get()
    assert entry.changes == {"phone": ["13800138000", "13600136000"],
                             "branch": ["S1-B1", "S1-B2"]}


def test_people_are_found_by_staff_number_when_the_roster_has_no_id_numbers(district):
    s1 = district.schools[0]
    existing = s1.members[0]  # S1党员11, staff number S1101
    data = rosters.workbook_bytes([row("S1党员11", staff="S1101", phone="13511111111",
                                       branch="S1-B1")])
    result = run(district, data)
    assert (result.created, result.updated) == (0, 1)
    existing.refresh_from_db()
    assert existing.phone == "13511111111"


def test_an_activist_who_joins_becomes_a_member_and_stops_being_an_activist(district):
    activist = district.schools[0].activists[0]
    data = rosters.workbook_bytes([row(activist.name, joined="2026-07-01", category="教师",
                                       phone="13522222222")])
    run(district, data)
    activist.refresh_from_db()
    assert activist.member.joined_on == dt.date(2026, 7, 1)
    assert not Activist.objects.filter(person=activist).exists()


def test_an_id_number_of_another_schools_person_is_refused(district, ids):
    other = make_person("外校人", district.schools[1].school)
    other.set_id_number(ids["li"])
    other.save()
    data = rosters.workbook_bytes([row("外校人", ident=ids["li"], staff="X1")])
    result = run(district, data)
    assert "belongs to a person of another school" in result.problems[0].reasons[0]


def test_supervisor_may_not_import(district, school_roster):
    with pytest.raises(PeopleError, match="not allowed"):
        run(district, school_roster, user="supervisor")


def test_secretary_imports_only_into_their_own_branch(district, ids):
    data = rosters.workbook_bytes([row("新人", ident=ids["zhang"], branch=None)])
    branch = district.schools[0].branches[-1]
    result = run(district, data, user="secretary", organization=branch)
    assert Person.objects.get(name="新人").member.organization == branch
    assert result.created == 1
    with pytest.raises(PeopleError):
        run(district, data, user="secretary", organization=district.schools[0].branches[0])


def test_a_branch_of_another_subtree_is_unknown(district, ids):
    data = rosters.workbook_bytes([row("新人", ident=ids["zhang"], branch="S2第1党支部")])
    result = run(district, data)
    assert "is not a branch of S1学校党委" in result.problems[0].reasons[0]


def test_an_organization_without_a_school_needs_a_branch_on_every_row(district, ids):
    data = rosters.workbook_bytes([
        row("甲", ident=ids["zhang"], branch="S2第1党支部"),
        row("乙", ident=ids["li"], branch=None, category="教师"),
    ])
    result = run(district, data, user=None, organization=district.root)
    assert [p.row for p in result.problems] == [3]
    assert "belongs to no school" in result.problems[0].reasons[0]


def test_a_person_without_phone_or_staff_number_is_imported_without_an_account(district, ids):
    data = rosters.workbook_bytes([row("无号", ident=ids["zhang"])])
    result = run(district, data)
    assert result.created == 1 and result.accounts == []
    assert result.skipped_accounts[0].row == 2
    assert "no phone number or staff number" in result.skipped_accounts[0].reason
    assert Person.objects.get(name="无号").member


def test_a_taken_phone_falls_back_to_the_staff_number_as_login(district, ids):
    User.objects.create_user(username="13800138000", password="x")
    data = rosters.workbook_bytes([row("甲", ident=ids["zhang"], phone="13800138000",
                                       staff="T9")])
    assert [a.login for a in run(district, data).accounts] == ["T9"]


def test_system_imports_without_a_user_and_is_audited_as_system(district, school_roster):
    run(district, school_roster, user=None)
    assert AuditEntry.objects.get(action="people.roster.imported").actor_label == "system"


def test_an_unreadable_file_is_refused_before_anything_else(district):
    with pytest.raises(PeopleError, match="neither an Excel workbook"):
        run(district, bytes(range(256)) * 8, filename="roster.bin")


def test_a_general_branch_in_between_is_searched_for_branches(district, ids):
    s1 = district.schools[0]
    general = tree.add_child(s1.committee, code="S1-G", name="S1总支",
                             kind=Organization.Kind.GENERAL_BRANCH, school=s1.school)
    deep = tree.add_child(general, code="S1-G1", name="S1总支第1支部",
                          kind=Organization.Kind.BRANCH, school=s1.school)
    data = rosters.workbook_bytes([row("深", ident=ids["zhang"], branch="S1总支第1支部")])
    run(district, data)
    assert Person.objects.get(name="深").member.organization == deep
