"""A big roster is written in bulk, and its one-time passwords are hashed for their entropy:
quickly at import, the full way once their holder logs in."""

import io

from django.contrib.auth.hashers import identify_hasher
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.people import rosters
from vanguard.access.models import AuditEntry, Role, User
from vanguard.access.passwords import InitialPasswordHasher
from vanguard.people.models import Activist, Member, Person
from vanguard.people.services import import_roster

INITIAL = "vanguard.access.passwords.InitialPasswordHasher"
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"


def roster(count: int, *, start: int = 0) -> bytes:
    """`count` new people of S1: members, activists and staff in turn, each with a phone."""
    categories = ("教师党员", "教师入党积极分子", "职工")
    return rosters.workbook_bytes([
        [None, f"新人{start + i}", "男", "1990-01-01", None, f"1500000{start + i:04d}",
         "S1-B1", categories[i % 3], "2010-07-01" if i % 3 == 0 else None, f"N{start + i:04d}"]
        for i in range(count)])


def run(district, data: bytes):
    return import_roster(actor=district.users["office"],
                         organization=district.schools[0].committee,
                         path_or_file=io.BytesIO(data), filename="roster.xlsx")


def writes_of(district, data: bytes) -> int:
    with CaptureQueriesContext(connection) as queries:
        result = run(district, data)
    assert result.written, result.problems
    return sum(1 for q in queries.captured_queries
               if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE")))


def test_new_people_accounts_roles_and_audit_entries_are_written_in_bulk(district):
    few = writes_of(district, roster(6))
    many = writes_of(district, roster(60, start=100))
    assert few == many
    assert Person.objects.filter(name__startswith="新人").count() == 66
    assert Member.objects.filter(person__name__startswith="新人").count() == 22
    assert Activist.objects.filter(person__name__startswith="新人").count() == 22
    assert Role.objects.filter(user__person__name__startswith="新人", kind="member").count() == 22
    assert AuditEntry.objects.filter(action="people.person.created").count() == 66


def test_each_new_account_is_linked_to_its_person(district):
    result = run(district, roster(9))
    for account in result.accounts:
        assert User.objects.get(username=account.login).person.name == account.name


def test_initial_passwords_get_the_few_iterations_hasher_when_it_is_configured(district,
                                                                              settings):
    settings.PASSWORD_HASHERS = [MD5, INITIAL]
    account = run(district, roster(3)).accounts[0]
    user = User.objects.get(username=account.login)
    assert identify_hasher(user.password).algorithm == InitialPasswordHasher.algorithm
    assert user.password.split("$")[1] == str(InitialPasswordHasher.iterations)
    assert user.must_change_password


def test_the_default_hasher_takes_over_at_the_first_login(district, settings, client):
    settings.PASSWORD_HASHERS = [MD5, INITIAL]
    account = run(district, roster(3)).accounts[0]
    assert client.post("/accounts/login/", {"username": account.login,
                                            "password": account.password}).status_code == 302
    user = User.objects.get(username=account.login)
    assert identify_hasher(user.password).algorithm == "md5"
    assert user.check_password(account.password)


def test_without_the_initial_hasher_the_default_hashes_them(district, settings):
    settings.PASSWORD_HASHERS = [MD5]
    account = run(district, roster(3)).accounts[0]
    assert identify_hasher(User.objects.get(username=account.login).password).algorithm == "md5"
