"""Forms of the sorting, release and feedback pages; every text field bounded, every error
explained (the services check the same bounds, so a form is a convenience, not the guard)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.opinions.models import MAX_RESPONSE
from vanguard.opinions.services.sorting import MAX_REASON, MAX_SUMMARY

TEXT = {"class": "form-control"}


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Neutral summary (what the subject reads)"), max_length=MAX_SUMMARY,
        error_messages={"required": _("Write the summary the subject will read."),
                        "max_length": _("The summary may be at most %(limit_value)d "
                                        "characters.")},
        widget=forms.Textarea(attrs={**TEXT, "rows": 3, "maxlength": MAX_SUMMARY}))


class RouteForm(forms.Form):
    subject = forms.ChoiceField(label=_("About"), widget=forms.Select(
        attrs={"class": "form-select"}))

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = choices


class SetAsideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is set aside"), max_length=MAX_REASON,
        error_messages={"required": _("Say why the opinion is set aside (abusive, "
                                      "off-topic …)."),
                        "max_length": _("The reason may be at most %(limit_value)d "
                                        "characters.")},
        widget=forms.TextInput(attrs={**TEXT, "maxlength": MAX_REASON}))


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Your response (optional; the office reads it)"), max_length=MAX_RESPONSE,
        error_messages={"required": _("Write your response first."),
                        "max_length": _("The response may be at most %(limit_value)d "
                                        "characters.")},
        widget=forms.Textarea(attrs={**TEXT, "rows": 2, "maxlength": MAX_RESPONSE}))
