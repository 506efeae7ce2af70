"""Forms for scheduling a meeting and recording one person's attendance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.meetings.models import Attendance


class ScheduleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120,
                            widget=forms.TextInput(attrs={"class": "form-control"}))
    held_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "class": "form-control"},
                                   format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    place = forms.CharField(label=_("Place"), max_length=120, required=False,
                            widget=forms.TextInput(attrs={"class": "form-control"}))
    speaker = forms.CharField(label=_("Speaker"), max_length=60, required=False,
                              widget=forms.TextInput(attrs={"class": "form-control"}))


class AttendanceForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=Attendance.Status.choices, label=_("Status"))
    absence_reason = forms.CharField(label=_("Reason for absence"), max_length=200,
                                     required=False)
