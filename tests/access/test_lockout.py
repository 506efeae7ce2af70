"""django-axes: five failed logins for one account from one address lock it for 30 minutes."""

import pytest
from axes.utils import reset
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse

from tests.builders import PASSWORD, make_person, make_user
from vanguard.people.models import School

ADDRESS = "10.9.8.7"
WRONG = "Not-the-password-1"


@pytest.fixture(autouse=True)
def fresh_counters(db):
    # Axes keeps its attempts in the database (rolled back per test); the login view's rate
    # limit per address counts in the cache, which outlives a test.
    reset()
    cache.clear()
    yield
    reset()
    cache.clear()


@pytest.fixture
def teacher(db):
    school = School.objects.create(code="S1", name="第一学校")
    return make_user("wanglaoshi",
                     person=make_person("王老师", school, staff_no="T0042", phone="13800000042"))


def attempt(client, login, password, address=ADDRESS):
    return client.post(reverse("access:login"), {"username": login, "password": password},
                       REMOTE_ADDR=address)


def is_locked_out(response) -> bool:
    return (response.status_code == 429
            and "access/locked_out.html" in [t.name for t in response.templates])


def is_refused_by_the_form(response) -> bool:
    """The login form again, with its message: refused, but not locked."""
    return response.status_code == 200 and "access/login.html" in [
        t.name for t in response.templates]


def test_the_settings_say_five_failures_and_thirty_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == 0.5
    assert settings.AXES_RESET_ON_SUCCESS is True
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_four_failures_still_show_the_login_form(client, teacher):
    for _ in range(4):
        assert is_refused_by_the_form(attempt(client, "wanglaoshi", WRONG))


def test_after_five_failures_even_the_right_password_is_refused(client, teacher):
    answers = [attempt(client, "wanglaoshi", WRONG) for _ in range(5)]
    assert is_locked_out(answers[-1])  # the fifth failure already answers with the lock page

    response = attempt(client, "wanglaoshi", PASSWORD)

    assert is_locked_out(response)
    assert SESSION_KEY not in client.session


def test_the_lock_holds_for_one_account_from_one_address(client, teacher):
    for _ in range(5):
        attempt(client, "wanglaoshi", WRONG)
    assert attempt(client, "wanglaoshi", PASSWORD, address="10.9.8.200").status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, teacher):
    for _ in range(4):
        attempt(client, "wanglaoshi", WRONG)
    assert attempt(client, "wanglaoshi", PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        assert is_refused_by_the_form(attempt(client, "wanglaoshi", WRONG))
    assert attempt(client, "wanglaoshi", PASSWORD).status_code == 302


def test_a_success_with_the_phone_number_resets_the_count_too(client, teacher):
    # Members log in with their phone number (the form's first label); a success must clear
    # the failures counted under that login, not only those under the account's username.
    for _ in range(4):
        attempt(client, "13800000042", WRONG)
    assert attempt(client, "13800000042", PASSWORD).status_code == 302
    client.logout()

    assert is_refused_by_the_form(attempt(client, "13800000042", WRONG))


def test_failures_under_each_login_name_of_one_account_add_up(client, teacher):
    # Phone, staff number and username name one account: together they get five tries,
    # not five each.
    for login in ["13800000042", "T0042", "wanglaoshi", "13800000042", "T0042"]:
        attempt(client, login, WRONG)

    assert is_locked_out(attempt(client, "wanglaoshi", PASSWORD))
