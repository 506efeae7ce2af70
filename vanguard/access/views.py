"""Login, logout, the password change (forced on first login and when too old), the audit log."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from vanguard.access.forms import ChangePasswordForm, LoginForm
from vanguard.access.models import AuditEntry
from vanguard.access.ratelimit import rate_limited


@method_decorator(rate_limited("login", limit_setting="LOGIN_RATE_LIMIT", seconds=600),
                  name="dispatch")
class LoginView(auth_views.LoginView):
    """Axes locks an account after 5 failures; the rate limit stops one address trying
    many accounts."""

    template_name = "access/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): logging out ends the session on the server."""


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "access/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("web:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        messages.success(self.request, _("Your password has been changed."))
        return response


@login_required
def audit_log(request):
    if not request.user.has_perm("access.view_audit"):
        raise PermissionDenied
    entries = AuditEntry.objects.all()
    action = request.GET.get("action", "").strip()[:80]
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "access/audit_log.html", {"page": page, "action": action})
