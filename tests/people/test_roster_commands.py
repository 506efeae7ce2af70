"""The operator's commands: import-roster and export-roster, as `vanguard …` runs them."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.people import rosters
from vanguard.access.models import AuditEntry, User
from vanguard.people.models import Person


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def run_failing(*args) -> tuple[str, str]:
    """(what was printed, the CommandError's message)."""
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue(), str(caught.value)


@pytest.fixture
def roster_file(tmp_path, school_roster):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(school_roster)
    return path


def test_import_prints_each_bad_row_then_one_summary_and_fails(district, tmp_path, ids):
    rows = rosters.school_rows(ids["zhang"], ids["li"], ids["zhao"])
    rows[1][4] = rosters.with_wrong_check_digit(ids["li"])
    rows[2][3] = "1985-02-30"
    path = tmp_path / "bad.xlsx"
    path.write_bytes(rosters.workbook_bytes(rows, preamble=True))
    out, error = run_failing("import-roster", str(path), "--org", "S1-C")
    lines = out.splitlines()
    assert lines[0].startswith("row 7: 身份证号码: The ID number's check digit")
    assert lines[1].startswith("row 8: 出生日期: 1985-02-30 is not a day of the calendar")
    assert lines[-1] == "3 rows ok, 2 rows with errors"
    assert sum(1 for line in lines if "rows ok" in line) == 1
    assert "nothing was imported" in error
    assert not Person.objects.filter(name="张三").exists()


def test_import_writes_the_passwords_of_new_accounts(district, roster_file, tmp_path):
    out_path = tmp_path / "passwords.xlsx"
    out = run("import-roster", str(roster_file), "--org", "S1-C", "--passwords", str(out_path))
    assert out.splitlines()[-1] == "5 rows ok, 0 rows with errors"
    sheet = openpyxl.load_workbook(out_path).active
    rows = [tuple(c.value for c in r) for r in sheet.iter_rows()]
    assert rows[0] == ("Name", "Login", "Initial password")
    logins = {login: password for _name, login, password in rows[1:]}
    assert User.objects.get(username="13800138000").check_password(logins["13800138000"])
    assert AuditEntry.objects.get(action="people.roster.imported").actor_label == "system"


def test_import_creating_accounts_without_passwords_file_writes_nothing(district, roster_file):
    _out, error = run_failing("import-roster", str(roster_file), "--org", "S1-C")
    assert "give --passwords" in error
    assert not Person.objects.filter(name="张三").exists()


def test_dry_run_reports_and_writes_nothing(district, roster_file):
    out = run("import-roster", str(roster_file), "--org", "S1-C", "--dry-run")
    assert "5 people would be created" in out
    assert out.splitlines()[-1] == "5 rows ok, 0 rows with errors"
    assert not Person.objects.filter(name="张三").exists()


def test_unknown_organization_is_a_clear_error(district, roster_file):
    _out, error = run_failing("import-roster", str(roster_file), "--org", "NOPE")
    assert error == "There is no organization with the code 'NOPE'."


def test_missing_or_unreadable_file_is_a_clear_error(district, tmp_path):
    _out, error = run_failing("import-roster", str(tmp_path / "none.xlsx"), "--org", "S1-C")
    assert error.startswith("There is no file at")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    _out, error = run_failing("import-roster", str(junk), "--org", "S1-C")
    assert error == "junk.xlsx: The file is named like an Excel workbook (.xlsx) but is not one."


def test_export_writes_a_roster_the_import_reads_back(district, tmp_path):
    path = tmp_path / "out.xlsx"
    out = run("export-roster", "--org", "S1-C", "-o", str(path))
    assert out == f"7 people written to {path}\n"
    out = run("import-roster", str(path), "--org", "S1-C", "--dry-run")
    assert out.splitlines()[-1] == "7 rows ok, 0 rows with errors"


def test_export_with_id_numbers_adds_the_column(district, tmp_path):
    path = tmp_path / "out.xlsx"
    run("export-roster", "--org", "S1-C", "-o", str(path), "--with-id-numbers")
    header = [c.value for c in next(openpyxl.load_workbook(path).active.iter_rows())]
    assert "身份证号码" in header
