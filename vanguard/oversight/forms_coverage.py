"""Forms of the coverage pages: a contact attempt, where a member takes part. Bounds here give
the first, field-level message; the services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.core import clock
from vanguard.oversight.models import ContactAttempt, Participation
from vanguard.oversight.services.coverage import MAX_NOTES, MAX_PLACE, MAX_REASON

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
DATE = forms.DateInput(attrs={**TEXT, "type": "date"}, format="%Y-%m-%d")
LONG = {"max_length": _("At most %(limit_value)d characters (it has %(show_value)d).")}


class AttemptForm(forms.Form):
    made_on = forms.DateField(label=_("Date"), widget=DATE,
                              error_messages={"invalid": _("Enter a date.")})
    channel = forms.ChoiceField(label=_("Channel"), choices=ContactAttempt.Channel.choices,
                                widget=forms.Select(attrs=SELECT))
    result = forms.ChoiceField(label=_("Result"), choices=ContactAttempt.Result.choices,
                               widget=forms.Select(attrs=SELECT))
    notes = forms.CharField(label=_("Notes"), max_length=MAX_NOTES, required=False,
                            error_messages=LONG,
                            widget=forms.Textarea(attrs={**TEXT, "rows": 2}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"made_on": clock.today()})
        super().__init__(*args, **kwargs)


class ParticipationForm(forms.Form):
    mode = forms.ChoiceField(label=_("Takes part"), choices=Participation.Mode.choices,
                             widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    place = forms.CharField(label=_("Where"), max_length=MAX_PLACE, required=False,
                            error_messages=LONG, widget=forms.TextInput(attrs=TEXT),
                            help_text=_("Needed when the member takes part where they live."))
    reason = forms.CharField(label=_("Reason"), max_length=MAX_REASON, required=False,
                             error_messages=LONG,
                             widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
                             help_text=_("Needed when the member takes part elsewhere (long "
                                         "sick leave, abroad …); their pending tasks are "
                                         "excused with it."))
    report = forms.FileField(label=_("Report to the school (PDF, JPG, PNG, Word, Excel)"),
                             required=False, widget=forms.ClearableFileInput(attrs={
                                 "class": "form-control",
                                 "accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}))
    report_received_on = forms.DateField(label=_("Report received on"), required=False,
                                         widget=DATE,
                                         error_messages={"invalid": _("Enter a date.")})

    @classmethod
    def for_member(cls, member, participation=None, data=None, files=None):
        """The form with the record's values, or the suggestion for a new one: back at the
        school for a member living in the city, where they live for one who does not, none when
        it is not known."""
        if participation is not None:
            initial = {"mode": participation.mode, "place": participation.place,
                       "reason": participation.reason,
                       "report_received_on": participation.report_received_on}
        elif member.in_city is True:
            initial = {"mode": Participation.Mode.AT_SCHOOL}
        elif member.in_city is False:
            initial = {"mode": Participation.Mode.WHERE_LIVING}
        else:  # not known: no suggestion
            initial = {}
        return cls(data, files, initial=initial)
