"""Web hardening and audit retention: each setting, and a test that fails when it is lost."""

import datetime as dt
import os
import secrets
import subprocess
import sys

import pytest
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from vanguard.access import checks
from vanguard.access.models import AuditEntry
from vanguard.access.retention import purge_audit


def test_check_deploy_passes_with_the_production_settings(tmp_path):
    env = {**os.environ, "VANGUARD_SECURE": "1", "VANGUARD_DEBUG": "0",
           "VANGUARD_SECRET_KEY": secrets.token_urlsafe(64),
           "VANGUARD_FIELD_KEY": secrets.token_urlsafe(32),
           "VANGUARD_ALLOWED_HOSTS": "vanguard.example.edu.cn",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests, never in a deploy
    result = subprocess.run([sys.executable, "-m", "vanguard.manage", "check", "--deploy",
                             "--fail-level", "WARNING"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout


def test_check_deploy_warns_when_id_numbers_share_the_secret_key(settings):
    settings.FIELD_ENCRYPTION_KEY = settings.SECRET_KEY
    assert "vanguard.W002" in {m.id for m in checks.production_keys_are_set(None)}


def test_demo_accounts_fail_the_deploy_check(district):
    from vanguard.access.models import User
    from vanguard.demo.district import DEMO_PASSWORD

    admin = User.objects.get(username="admin")
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    assert [m.id for m in checks.no_demo_accounts(None, databases=["default"])] == \
        ["vanguard.E004"]


def test_audit_retention_under_180_days_is_refused(settings):
    settings.AUDIT_RETENTION_DAYS = 90
    assert [m.id for m in checks.audit_retention_long_enough(None)] == ["vanguard.E001"]
    settings.AUDIT_RETENTION_DAYS = 180
    assert checks.audit_retention_long_enough(None) == []


def test_purge_removes_only_entries_older_than_the_retention(db, settings):
    settings.AUDIT_RETENTION_DAYS = 180
    old = AuditEntry.objects.create(actor_label="system", action="test.old")
    young = AuditEntry.objects.create(actor_label="system", action="test.young")
    # Rows cannot be updated through the audit manager; age them around it.
    models.QuerySet.update(AuditEntry.objects.filter(pk=old.pk),
                           at=timezone.now() - dt.timedelta(days=181))
    models.QuerySet.update(AuditEntry.objects.filter(pk=young.pk),
                           at=timezone.now() - dt.timedelta(days=179))
    assert purge_audit() == 1
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["test.young"]


def test_a_shorter_setting_never_purges_younger_than_180_days(db, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    entry = AuditEntry.objects.create(actor_label="system", action="test.kept")
    models.QuerySet.update(AuditEntry.objects.filter(pk=entry.pk),
                           at=timezone.now() - dt.timedelta(days=100))
    assert purge_audit() == 0


def test_pages_carry_the_security_headers(client, db):
    response = client.get(reverse("access:login"))
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if "script-src" in part)
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.cookies["csrftoken"]["samesite"] == "Lax"


def test_behind_tls_http_is_redirected_and_hsts_is_sent(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    assert client.get(reverse("access:login"))["Location"].startswith("https://")
    response = client.get(reverse("access:login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_production_settings_mark_cookies_secure_and_httponly():
    env = {**os.environ, "VANGUARD_SECURE": "1"}
    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE']='vanguard.settings';"
            "from django.conf import settings as s;"
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
            " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["True"] * 5, out.stderr


def views(resolver=None):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from views(entry)
        elif isinstance(entry, URLPattern):
            yield entry.callback


def test_no_view_is_exempt_from_csrf():
    exempt = [v.__name__ for v in views() if getattr(v, "csrf_exempt", False)]
    assert exempt == []


def test_one_address_trying_many_logins_is_rate_limited(client, db, settings):
    settings.LOGIN_RATE_LIMIT = 3
    answers = [client.post(reverse("access:login"), {"username": f"u{i}", "password": "x"},
                           REMOTE_ADDR="10.9.9.9").status_code for i in range(4)]
    assert answers == [200, 200, 200, 429]
    # Another address is not held back by the first one's count.
    assert client.post(reverse("access:login"), {"username": "u", "password": "x"},
                       REMOTE_ADDR="10.9.9.8").status_code == 200


@pytest.mark.parametrize("setting", ["AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME",
                                     "AXES_RESET_ON_SUCCESS", "AXES_LOCKOUT_PARAMETERS"])
def test_every_lockout_setting_is_explicit(setting):
    from django.conf import settings

    expected = {"AXES_FAILURE_LIMIT": 5, "AXES_COOLOFF_TIME": 0.5, "AXES_RESET_ON_SUCCESS": True,
                "AXES_LOCKOUT_PARAMETERS": [["username", "ip_address"]]}
    assert getattr(settings, setting) == expected[setting]
