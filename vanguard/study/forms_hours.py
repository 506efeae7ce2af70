"""Forms of the hours pages: a session, its attendance, self-study, an exemption, an upload."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vanguard.people.roster.upload_form import SpreadsheetUploadForm
from vanguard.study.models import HoursExemption, StudySession
from vanguard.study.models.hours import StudyKind
from vanguard.study.services.hours import ATTENDANCE_MAX, REASON_MIN, SESSION_KINDS, TITLE_MAX

_TEXT = {"class": "form-control"}
_DATE = {"type": "date", "class": "form-control"}
_HOURS = {"class": "form-control", "inputmode": "decimal", "step": "0.5"}


def _hours_field():
    return forms.DecimalField(
        label=gettext_lazy("Hours"), max_digits=3, decimal_places=1, min_value=Decimal("0.1"),
        max_value=Decimal(24), widget=forms.NumberInput(attrs=_HOURS))


class SessionForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("Held by"), queryset=None, to_field_name="code", empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}))
    kind = forms.ChoiceField(label=gettext_lazy("Kind"),
                             choices=[c for c in StudyKind.choices if c[0] in SESSION_KINDS],
                             widget=forms.Select(attrs={"class": "form-select"}))
    title = forms.CharField(label=gettext_lazy("Title"), max_length=TITLE_MAX,
                            widget=forms.TextInput(attrs=_TEXT))
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=forms.DateInput(
        attrs=_DATE, format="%Y-%m-%d"))
    hours = _hours_field()
    place = forms.CharField(label=gettext_lazy("Place"), required=False,
                            max_length=StudySession._meta.get_field("place").max_length,
                            widget=forms.TextInput(attrs=_TEXT))
    speaker = forms.CharField(label=gettext_lazy("Speaker"), required=False,
                              max_length=StudySession._meta.get_field("speaker").max_length,
                              widget=forms.TextInput(attrs=_TEXT))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class AttendanceForm(forms.Form):
    person = forms.TypedMultipleChoiceField(coerce=int, label=gettext_lazy("Present"),
                                            error_messages={"required": gettext_lazy(
                                                "Tick at least one member.")})

    def __init__(self, *args, person_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(str(i), str(i)) for i in person_ids]

    def clean_person(self):
        ids = self.cleaned_data["person"]
        if len(ids) > ATTENDANCE_MAX:
            raise forms.ValidationError(_("At most %(max)d people can be recorded at once.")
                                        % {"max": ATTENDANCE_MAX})
        return ids


class SelfStudyForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("What you studied"), max_length=TITLE_MAX,
                            widget=forms.TextInput(attrs=_TEXT))
    studied_on = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(
        attrs=_DATE, format="%Y-%m-%d"))
    hours = _hours_field()


class ExemptionForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Reason"), min_length=REASON_MIN,
        max_length=HoursExemption._meta.get_field("reason").max_length,
        widget=forms.TextInput(attrs=_TEXT),
        error_messages={"min_length": gettext_lazy(
            "Give the reason for the exemption (at least 5 characters).")})


class HoursUploadForm(SpreadsheetUploadForm):
    too_large_advice = gettext_lazy("Split it, or ask the platform operator to import it with "
                                    "the import-hours command.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = gettext_lazy("Hours file (.xlsx or .csv)")
