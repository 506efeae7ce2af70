"""The register's forms: open a case, add a step (with a document), close a case. The
services check everything again; these only shape the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.handling.models import MAX_OUTCOME, MAX_TEXT, Case, Step

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def _date(label):
    return forms.DateField(label=label, widget=forms.DateInput(
        attrs={**TEXT, "type": "date"}, format="%Y-%m-%d"))


def _text(label, limit, rows=4):
    # No max_length here: the service gives the message, and nothing is written.
    return forms.CharField(label=label, required=False, strip=False, widget=forms.Textarea(
        attrs={**TEXT, "rows": rows, "maxlength": limit}))


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, member):
        return f"{member.person.name} · {member.organization.name}"


class OpenCaseForm(forms.Form):
    member = MemberChoice(label=_("Member"), queryset=None, widget=forms.Select(attrs=SELECT))
    kind = forms.ChoiceField(label=_("Kind"), choices=Case.Kind.choices,
                             widget=forms.Select(attrs=SELECT))
    opened_on = _date(_("Opened on"))
    grounds = _text(_("Grounds (why the case is opened)"), MAX_TEXT)
    campaign = forms.ModelChoiceField(label=_("Campaign (optional)"), queryset=None,
                                      required=False, widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, members, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["campaign"].queryset = campaigns


class StepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Step"), choices=Step.Kind.choices,
                             widget=forms.Select(attrs=SELECT))
    happened_on = _date(_("Date"))
    text = _text(_("Record"), MAX_TEXT)
    file = forms.FileField(label=_("Document (PDF, JPG, PNG, Word, Excel; optional)"),
                           required=False, widget=forms.ClearableFileInput(attrs={
                               "class": "form-control",
                               "accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}))


class CloseCaseForm(forms.Form):
    closed_on = _date(_("Closed on"))
    measure = forms.ChoiceField(label=_("Measure decided"), required=False,
                                widget=forms.Select(attrs=SELECT))
    outcome = _text(_("Outcome"), MAX_OUTCOME, rows=3)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Case.Measure.choices)
        self.fields["measure"].choices = [("", _("None"))] + [
            (value, labels[value]) for value in Case.MEASURES[case.kind]]
