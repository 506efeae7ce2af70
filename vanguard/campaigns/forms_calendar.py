"""Forms of the school calendar, the feed page and the notification preferences."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vanguard.campaigns.forms import DATE
from vanguard.campaigns.models import CalendarPeriod
from vanguard.campaigns.services.calendar import MAX_NAME

TIME = forms.TimeInput(attrs={"type": "time", "class": "form-control form-control-sm"},
                       format="%H:%M")


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarPeriod.Kind.choices,
                             widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    name = forms.CharField(
        label=pgettext_lazy("calendar period", "Name"), max_length=MAX_NAME,
        error_messages={"max_length": _("The name may be at most %(limit_value)d characters "
                                        "(it has %(show_value)d)."),
                        "required": _("Give the period a name.")},
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))
    starts_on = forms.DateField(label=_("First day"), widget=DATE,
                                error_messages={"required": _("Give the first day."),
                                                "invalid": _("Enter a date as YYYY-MM-DD.")})
    ends_on = forms.DateField(label=_("Last day"), widget=DATE,
                              error_messages={"required": _("Give the last day."),
                                              "invalid": _("Enter a date as YYYY-MM-DD.")})


class TeachingHoursForm(forms.Form):
    starts_at = forms.TimeField(label=_("Teaching starts at"), widget=TIME,
                                error_messages={"invalid": _("Enter a time as HH:MM.")})
    ends_at = forms.TimeField(label=_("Teaching ends at"), widget=TIME,
                              error_messages={"invalid": _("Enter a time as HH:MM.")})


class PeriodImportForm(forms.Form):
    file = forms.FileField(label=_("Excel workbook (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={
                               "class": "form-control form-control-sm", "accept": ".xlsx"}))


class PreferencesForm(forms.Form):
    """A checkbox per configured channel (in-app is always on and is not a field)."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for channel, on, address in rows:
            self.fields[f"channel-{channel.key}"] = forms.BooleanField(
                label=channel.label, required=False, initial=on,
                disabled=not address,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))

    def choices(self) -> dict[str, bool]:
        # A channel without an address keeps its stored choice (the field is disabled).
        return {channel.key: self.cleaned_data[f"channel-{channel.key}"]
                for channel, _on, address in self.rows if address}

    def channel_rows(self):
        return [(channel, self[f"channel-{channel.key}"], address)
                for channel, _on, address in self.rows]
