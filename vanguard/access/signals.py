"""Receivers that write logins, failed logins and logouts to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from vanguard.access import audit
from vanguard.access.ratelimit import client_address


def _address(request):
    return (client_address(request) or None) if request is not None else None


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit.record(actor=user, action="access.login", address=_address(request))


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(actor=user, action="access.logout", address=_address(request))


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    audit.record(actor=None, actor_label="anonymous", action="access.login_failed",
                 outcome="failure",
                 changes={"login": str(credentials.get("username", ""))[:150]},
                 address=_address(request))
