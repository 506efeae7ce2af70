"""The home page (each role's start), the language switch, and friendly error pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from vanguard.access import scope
from vanguard.access.models import Role


@login_required
def home(request):
    """Send each role to where its work starts: members to their tasks, others to campaigns."""
    kinds = {r.kind for r in scope.roles_of(request.user)}
    if kinds - {Role.Kind.MEMBER}:
        return redirect("campaigns:list")
    if hasattr(request.user, "person"):
        return redirect("campaigns:my_tasks")
    return render(request, "web/no_role.html")


@require_POST
def set_language(request):
    return django_set_language(request)


def _error(request, status: int, title: str, text: str):
    return render(request, "web/error.html", {"title": title, "text": text}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("Bad request"), _("The request could not be understood."))


def forbidden(request, exception=None):
    return _error(request, 403, _("Not allowed"),
                  _("Your role does not allow this page. Ask your office if you need it."))


def not_found(request, exception=None):
    return _error(request, 404, _("Not found"),
                  _("There is no such page, or it is outside what your role may see."))


def server_error(request):
    return _error(request, 500, _("Something went wrong"),
                  _("The error has been logged. Nothing you entered was half-saved; please "
                    "try again, and tell your office if it happens again."))
