"""Idle sessions end after 30 minutes: the server's expiry moves forward on every request."""

import datetime as dt

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone


def test_the_settings_end_idle_sessions_after_thirty_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_an_expired_session_is_treated_as_logged_out(client, district):
    client.force_login(district.users["office"])
    assert client.get(reverse("campaigns:list")).status_code == 200
    Session.objects.filter(pk=session_row(client).pk).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1))

    response = client.get(reverse("campaigns:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("access:login"))


def test_each_request_moves_the_expiry_thirty_minutes_ahead(client, district):
    client.force_login(district.users["office"])
    row = session_row(client)
    Session.objects.filter(pk=row.pk).update(
        expire_date=timezone.now() + dt.timedelta(minutes=2))

    assert client.get(reverse("campaigns:list")).status_code == 200

    left = session_row(client).expire_date - timezone.now()
    assert dt.timedelta(minutes=29) < left <= dt.timedelta(minutes=30)
