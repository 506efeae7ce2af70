"""Forms of the special meetings: scheduling one, a self-criticism, a criticism, the minutes,
and the notice to the public."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vanguard.campaigns.services.notices import MAX_BODY, MAX_TITLE
from vanguard.meetings.forms import ScheduleForm
from vanguard.meetings.services_special import MAX_MINUTES, MAX_SUMMARY

TEXT = {"class": "form-control"}


class SpecialScheduleForm(ScheduleForm):
    """The phase 1 schedule form, with the branch chosen among those the user runs and no
    speaker (the meeting's secretary records who spoke in the minutes)."""

    organization = forms.TypedChoiceField(label=_("Organization"), coerce=int,
                                          widget=forms.Select(attrs={"class": "form-select"}))
    field_order = ["organization", "title", "held_at", "duration_minutes", "place",
                   "override_exam", "override_reason"]

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["speaker"]
        self.fields["organization"].choices = [(p.pk, p.name) for p in places]
        self.fields["duration_minutes"].help_text = ""


class SelfCriticismForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    done = forms.BooleanField(required=False)


class CriticismForm(forms.Form):
    ACCEPTED = (("", _("not stated")), ("yes", _("accepted")), ("no", _("not accepted")))

    critic = forms.TypedChoiceField(label=_("Given by"), coerce=int,
                                    widget=forms.Select(attrs={"class": "form-select"}))
    target = forms.TypedChoiceField(label=_("Given to"), coerce=int,
                                    widget=forms.Select(attrs={"class": "form-select"}))
    summary = forms.CharField(
        label=_("Summary"), max_length=MAX_SUMMARY,
        error_messages={"max_length": _("The summary may be at most %(limit_value)d "
                                        "characters (it has %(show_value)d)."),
                        "required": _("Write a short summary of the criticism.")},
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}))
    accepted = forms.ChoiceField(label=pgettext_lazy("criticism", "Accepted"), choices=ACCEPTED,
                                 required=False,
                                 widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(p.pk, p.name) for p in people]
        self.fields["critic"].choices = self.fields["target"].choices = choices

    def accepted_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("accepted") or "")


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), max_length=MAX_MINUTES,
        help_text=_("What was said and decided. Kept as plain text."),
        error_messages={"max_length": _("The minutes may be at most %(limit_value)d "
                                        "characters (it has %(show_value)d)."),
                        "required": _("Write the minutes of the meeting.")},
        widget=forms.Textarea(attrs={**TEXT, "rows": 8}))


class NoticeForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=MAX_TITLE,
        error_messages={"max_length": _("The title may be at most %(limit_value)d characters "
                                        "(it has %(show_value)d).")},
        widget=forms.TextInput(attrs=TEXT))
    body = forms.CharField(
        label=_("Text"), max_length=MAX_BODY,
        error_messages={"max_length": _("The notice may be at most %(limit_value)d characters "
                                        "(it has %(show_value)d).")},
        widget=forms.Textarea(attrs={**TEXT, "rows": 8}))
