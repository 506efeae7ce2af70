"""Forms of the talks pages: recording a talk (for oneself or for someone), every text
field bounded, every error explained; the service checks the rest (dates, scope, pairs)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.talks.models import MAX_PLACE, MAX_SUMMARY

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def _person_field(label, invalid):
    return forms.TypedChoiceField(label=label, coerce=int, widget=forms.Select(attrs=SELECT),
                                  error_messages={"invalid_choice": invalid,
                                                  "required": _("Choose a person.")})


class TalkForm(forms.Form):
    partner = _person_field(_("Talked with"), _("Choose someone of your school."))
    held_on = forms.DateField(label=_("Date"), error_messages={
        "required": _("Give the date of the talk."), "invalid": _("Give a date like 2026-09-01.")},
        widget=forms.DateInput(attrs={**TEXT, "type": "date"}, format="%Y-%m-%d"))
    place = forms.CharField(label=_("Place"), max_length=MAX_PLACE, error_messages={
        "required": _("Give the place of the talk."),
        "max_length": _("The place may be at most %(limit_value)d characters.")},
        widget=forms.TextInput(attrs={**TEXT, "maxlength": MAX_PLACE}))
    summary = forms.CharField(label=_("Short summary"), max_length=MAX_SUMMARY, error_messages={
        "required": _("Write a short summary of the talk."),
        "max_length": _("The summary may be at most %(limit_value)d characters.")},
        widget=forms.Textarea(attrs={**TEXT, "rows": 4, "maxlength": MAX_SUMMARY}))
    problem_settled = forms.BooleanField(
        label=_("A concrete problem was settled"), required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))

    field_order = ["party", "partner", "held_on", "place", "summary", "problem_settled"]

    def __init__(self, *args, partners, parties=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", "—")] + list(partners)
        if parties is not None:
            # Recording for someone else (a secretary or the office): whose talk it is.
            self.fields["party"] = _person_field(
                _("Talk of"), _("Choose someone of a unit you run."))
            self.fields["party"].choices = [("", "—")] + list(parties)
            self.order_fields(self.field_order)
