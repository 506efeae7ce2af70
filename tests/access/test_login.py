"""Logging in with each login name, refusals, the audit entries, logout and session fixation."""

from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.builders import PASSWORD, make_person, make_user
from vanguard.access.forms import LoginForm
from vanguard.access.models import AuditEntry
from vanguard.people.models import School

ADDRESS = "10.1.2.3"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    # The login view counts attempts per address in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def school(db):
    return School.objects.create(code="S1", name="第一学校")


@pytest.fixture
def teacher(school):
    person = make_person("王老师", school, staff_no="T0042", phone="13800000042")
    return make_user("wanglaoshi", person=person)


def log_in(client, login, password=PASSWORD, address=ADDRESS):
    return client.post(reverse("access:login"), {"username": login, "password": password},
                       REMOTE_ADDR=address)


def logged_in_user_id(client):
    value = client.session.get(SESSION_KEY)
    return int(value) if value is not None else None


def session_exists(key) -> bool:
    return import_module(settings.SESSION_ENGINE).SessionStore().exists(key)


@pytest.mark.parametrize("login", ["13800000042", "T0042", "wanglaoshi", " T0042 "])
def test_login_with_phone_staff_number_or_username(client, teacher, login):
    response = log_in(client, login)
    assert response.status_code == 302
    assert logged_in_user_id(client) == teacher.pk


def test_wrong_password_is_refused_with_the_forms_message(client, teacher):
    response = log_in(client, "T0042", "Not-the-password-1")
    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    with translation.override("en"):  # the test client has chosen English
        message = str(LoginForm.error_messages["invalid_login"])
    [error] = response.context["form"].errors.as_data()["__all__"]
    assert error.code == "invalid_login"
    assert message in response.content.decode()


def test_same_staff_number_in_two_schools_the_password_decides(client, school):
    other_school = School.objects.create(code="S2", name="第二学校")
    first = make_user("first", person=make_person("甲", school, staff_no="0007"))
    second = make_user("second", person=make_person("乙", other_school, staff_no="0007"))
    second.set_password("Second-Pass-99")
    second.save()

    assert log_in(client, "0007", PASSWORD).status_code == 302
    assert logged_in_user_id(client) == first.pk
    client.logout()
    assert log_in(client, "0007", "Second-Pass-99").status_code == 302
    assert logged_in_user_id(client) == second.pk


def test_same_staff_number_and_a_password_fitting_both_is_refused(client, school):
    other_school = School.objects.create(code="S2", name="第二学校")
    make_user("first", person=make_person("甲", school, staff_no="0007"))
    make_user("second", person=make_person("乙", other_school, staff_no="0007"))
    response = log_in(client, "0007", PASSWORD)
    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_inactive_user_is_refused(client, teacher):
    teacher.is_active = False
    teacher.save(update_fields=["is_active"])
    response = log_in(client, "T0042")
    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_successful_login_writes_an_audit_entry_with_the_address(client, teacher):
    log_in(client, "13800000042")
    entry = AuditEntry.objects.get(action="access.login")
    assert entry.actor == teacher
    assert entry.actor_label == "wanglaoshi"
    assert entry.outcome == "success"
    assert entry.address == ADDRESS


def test_failed_login_writes_an_anonymous_failure_entry(client, teacher):
    log_in(client, "T0042", "Not-the-password-1")
    entry = AuditEntry.objects.get(action="access.login_failed")
    assert entry.outcome == "failure"
    assert entry.actor is None
    assert entry.actor_label == "anonymous"
    assert entry.address == ADDRESS
    assert entry.changes == {"login": "T0042"}
    assert not AuditEntry.objects.filter(action="access.login").exists()


def test_logout_is_audited_and_ends_the_session_on_the_server(client, teacher):
    log_in(client, "T0042")
    old_key = client.session.session_key
    assert session_exists(old_key)

    response = client.post(reverse("access:logout"), REMOTE_ADDR=ADDRESS)

    assert response.status_code == 302
    assert not session_exists(old_key)
    entry = AuditEntry.objects.get(action="access.logout")
    assert (entry.actor, entry.address) == (teacher, ADDRESS)
    # The old cookie, replayed, opens nothing.
    client.cookies[settings.SESSION_COOKIE_NAME] = old_key
    assert client.get(reverse("campaigns:list"))["Location"].startswith(reverse("access:login"))


def test_logout_by_get_is_refused(client, teacher):
    log_in(client, "T0042")
    assert client.get(reverse("access:logout")).status_code == 405
    assert logged_in_user_id(client) == teacher.pk


def test_login_gives_a_new_session_key(client, teacher):
    before = client.session  # an anonymous session, as an attacker could plant one
    before["planted"] = True
    before.save()
    planted_key = before.session_key

    log_in(client, "T0042")

    assert client.session.session_key != planted_key
    assert not session_exists(planted_key)
    assert logged_in_user_id(client) == teacher.pk
