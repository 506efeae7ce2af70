"""System checks that refuse settings an assessor would fail (run by `vanguard check`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from vanguard.access.retention import MINIMUM_RETENTION_DAYS


@register(Tags.security)
def audit_retention_long_enough(app_configs, **kwargs):
    if settings.AUDIT_RETENTION_DAYS < MINIMUM_RETENTION_DAYS:
        return [Error(f"VANGUARD_AUDIT_RETENTION_DAYS is {settings.AUDIT_RETENTION_DAYS}; "
                      f"the audit log must be kept at least {MINIMUM_RETENTION_DAYS} days.",
                      id="vanguard.E001")]
    return []


@register(Tags.security, deploy=True)
def production_keys_are_set(app_configs, **kwargs):
    problems = []
    if settings.FIELD_ENCRYPTION_KEY == settings.SECRET_KEY:
        problems.append(Warning(
            "VANGUARD_FIELD_KEY is not set: ID numbers are encrypted with the secret key.",
            hint="Set VANGUARD_FIELD_KEY to its own long random value and keep it safe.",
            id="vanguard.W002"))
    if not settings.SECURE:
        problems.append(Warning("VANGUARD_SECURE is off: no HTTPS redirect, HSTS or secure "
                                "cookies.", id="vanguard.W003"))
    return problems


@register(Tags.security, deploy=True)
def no_demo_accounts(app_configs, databases=None, **kwargs):
    """A production deploy must not keep the demo's shared password.

    Reads the database only when asked to (`vanguard check --deploy --database default`),
    as Django expects of checks."""
    from django.db import DatabaseError

    from vanguard.access.models import User
    from vanguard.demo.district import DEMO_PASSWORD

    if not databases:
        return []
    try:
        admin = User.objects.filter(username="admin").first()
    except DatabaseError:  # not migrated yet: nothing to find
        return []
    if admin is not None and admin.check_password(DEMO_PASSWORD):
        return [Error("The demo accounts are present (admin accepts the demo password).",
                      hint="Deploy on a database without `vanguard load-demo`.",
                      id="vanguard.E004")]
    return []
