"""The login form (phone or staff/student number) and the password change form."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Phone number or staff/student number"), max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username",
                                      "class": "form-control", "inputmode": "text"}))
    password = forms.CharField(
        label=_("Password"), strip=False, max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password",
                                          "class": "form-control"}))

    error_messages = {
        "invalid_login": _("The login or the password is wrong. After 5 failed attempts the "
                           "account is locked for 30 minutes."),
        "inactive": _("This account is disabled. Ask your office."),
    }


class ChangePasswordForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"
            field.max_length = 128
