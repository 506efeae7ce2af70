"""The password rules, the change page, and the forced change (first login, or too old)."""

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.builders import PASSWORD
from vanguard.access.models import User
from vanguard.access.passwords import CharacterClassValidator

NEW_PASSWORD = "Zhongshanlu-9"


def refusal_codes(password, user=None) -> set[str]:
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    return {error.code for error in refused.value.error_list}


def test_a_short_password_is_refused():
    assert "password_too_short" in refusal_codes("Ab1-xyz")


def test_a_common_password_is_refused():
    # Three classes, long enough: only the list of common passwords refuses it.
    assert refusal_codes("Password1") == {"password_too_common"}


def test_an_all_digit_password_is_refused():
    assert "password_entirely_numeric" in refusal_codes("2026090112345")


def test_a_password_like_the_username_is_refused():
    user = User(username="zhangweiming", first_name="Weiming", last_name="Zhang")
    assert "password_too_similar" in refusal_codes("Zhangweiming1", user)


def test_fewer_than_three_character_classes_is_refused():
    assert "password_too_plain" in refusal_codes("Abcdefgh")
    # Not a common password either: the class rule alone refuses it.
    assert refusal_codes("Zhongshanlu") == {"password_too_plain"}


def test_three_character_classes_are_enough():
    CharacterClassValidator().validate("Abcdefg1")
    CharacterClassValidator().validate("abcdefg-1")
    validate_password("Zhongshanlu9")  # and with every rule: accepted


def test_abcdefg1_passes_the_class_rule_but_is_a_common_password():
    assert refusal_codes("Abcdefg1") == {"password_too_common"}


def test_set_password_stamps_the_change_time(db):
    user = User(username="someone")
    user.password_changed_at = None
    before = timezone.now()
    user.set_password(NEW_PASSWORD)
    assert before <= user.password_changed_at <= timezone.now()


@pytest.fixture
def secretary(district):
    return district.users["secretary"]  # holds a role and has a person: both pages open


def change_password(client, new, old=PASSWORD):
    return client.post(reverse("access:password_change"),
                       {"old_password": old, "new_password1": new, "new_password2": new})


def test_the_change_page_refuses_a_weak_password_visibly_and_changes_nothing(client, secretary):
    client.force_login(secretary)
    stamped = User.objects.get(pk=secretary.pk).password_changed_at

    response = change_password(client, "12345678")

    assert response.status_code == 200
    errors = response.context["form"].errors["new_password2"]
    assert errors and all(escape(e) in response.content.decode() for e in errors)
    after = User.objects.get(pk=secretary.pk)
    assert after.check_password(PASSWORD)
    assert after.password_changed_at == stamped


@pytest.mark.parametrize("url", ["/campaigns/", "/campaigns/tasks/", "/"])
def test_a_user_who_must_change_the_password_is_sent_to_the_change_page(client, secretary,
                                                                        url):
    User.objects.filter(pk=secretary.pk).update(must_change_password=True)
    client.force_login(secretary)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("access:password_change")


def test_after_a_valid_change_the_flag_is_cleared_and_pages_open(client, secretary):
    User.objects.filter(pk=secretary.pk).update(must_change_password=True)
    client.force_login(secretary)
    assert client.get(reverse("access:password_change")).status_code == 200

    response = change_password(client, NEW_PASSWORD)

    assert response.status_code == 302
    user = User.objects.get(pk=secretary.pk)
    assert user.must_change_password is False
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/campaigns/").status_code == 200
    assert client.get("/campaigns/tasks/").status_code == 200


def test_a_password_older_than_the_limit_forces_the_change(client, secretary, settings):
    too_old = timezone.now() - dt.timedelta(days=settings.PASSWORD_MAX_AGE_DAYS, hours=1)
    User.objects.filter(pk=secretary.pk).update(password_changed_at=too_old)
    client.force_login(secretary)

    assert client.get("/campaigns/")["Location"] == reverse("access:password_change")
    change_password(client, NEW_PASSWORD)
    assert client.get("/campaigns/").status_code == 200


def test_a_password_younger_than_the_limit_does_not(client, secretary, settings):
    recent = timezone.now() - dt.timedelta(days=settings.PASSWORD_MAX_AGE_DAYS - 1)
    User.objects.filter(pk=secretary.pk).update(password_changed_at=recent)
    client.force_login(secretary)
    assert client.get("/campaigns/").status_code == 200
