"""Forms for scheduling a meeting, recording one person's attendance, and the make-up
material."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.forms import ExamOverrideFields
from vanguard.meetings.models import Attendance
from vanguard.meetings.services import MAX_DURATION, MAX_MATERIAL, MIN_DURATION


class ScheduleForm(ExamOverrideFields):
    """The meeting's facts; a date in an exam period of the school calendar needs the
    override with a reason (the fields come last)."""

    title = forms.CharField(label=_("Title"), max_length=120,
                            widget=forms.TextInput(attrs={"class": "form-control"}))
    held_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "class": "form-control"},
                                   format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"), initial=120, min_value=MIN_DURATION,
        max_value=MAX_DURATION,
        help_text=_("Members can sign in with the QR code from half an hour before the start "
                    "to the end."),
        widget=forms.NumberInput(attrs={"class": "form-control"}))
    place = forms.CharField(label=_("Place"), max_length=120, required=False,
                            widget=forms.TextInput(attrs={"class": "form-control"}))
    speaker = forms.CharField(label=_("Speaker"), max_length=60, required=False,
                              widget=forms.TextInput(attrs={"class": "form-control"}))
    field_order = ["title", "held_at", "duration_minutes", "place", "speaker",
                   "override_exam", "override_reason"]


class AttendanceForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=Attendance.Status.choices, label=_("Status"))
    absence_reason = forms.CharField(label=_("Reason for absence"), max_length=200,
                                     required=False)


class MakeupMaterialForm(forms.Form):
    makeup_material = forms.CharField(
        label=_("Make-up material"), max_length=MAX_MATERIAL, required=False,
        help_text=_("The speech, or the address of the recording, that absent members study "
                    "to make up. Kept as plain text; addresses are shown as text, not links."),
        error_messages={"max_length": _("The make-up material may be at most %(limit_value)d "
                                        "characters (it has %(show_value)d).")},
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 5}))
