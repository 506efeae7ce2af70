"""Sends a user whose password must change (first login, or too old) to the change page."""

import datetime as dt

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

ALLOWED = ("access:password_change", "access:logout", "web:set_language")


def password_change_due(user) -> bool:
    if user.must_change_password:
        return True
    changed = user.password_changed_at
    if changed is None or not settings.PASSWORD_MAX_AGE_DAYS:
        return False
    return timezone.now() - changed > dt.timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and password_change_due(user):
            allowed = {reverse(name) for name in ALLOWED}
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                return redirect("access:password_change")
        return self.get_response(request)
