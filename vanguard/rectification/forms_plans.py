"""Forms of the rectification pages: an item of a plan (the "five clear"), a decision on a
plan, evidence on a ledger item. Bounds here give the first, field-level message; the
services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.rectification.models import (
    MAX_EVIDENCE_TEXT,
    MAX_EXPLANATION,
    MAX_MEASURES,
    MAX_PROBLEM,
    MAX_STANDARD,
    Item,
)
from vanguard.rectification.services.item_checks import MAX_NAME, ItemInput
from vanguard.rectification.services.plans import MAX_REASON

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def _bounded(label, limit, *, rows=None, required=False, help_text=""):
    widget = forms.Textarea(attrs={**TEXT, "rows": rows}) if rows else forms.TextInput(
        attrs=TEXT)
    return forms.CharField(
        label=label, max_length=limit, required=required, help_text=help_text, widget=widget,
        error_messages={"max_length": _("At most %(limit_value)d characters (it has "
                                        "%(show_value)d).")})


class ItemForm(forms.Form):
    problem = _bounded(_("Problem"), MAX_PROBLEM, rows=3)
    item_class = forms.ChoiceField(label=_("Class"), choices=Item.Class.choices,
                                   widget=forms.Select(attrs=SELECT))
    responsible = forms.TypedChoiceField(label=_("Responsible person"), coerce=int,
                                         required=False, empty_value=None,
                                         widget=forms.Select(attrs=SELECT))
    responsible_name = _bounded(_("…or the responsible person's name"), MAX_NAME)
    standard = _bounded(_("Standard to reach"), MAX_STANDARD, rows=2)
    measures = _bounded(_("Measures"), MAX_MEASURES, rows=3)
    deadline = forms.DateField(label=_("Deadline"), required=False,
                               widget=forms.DateInput(attrs={**TEXT, "type": "date"}),
                               error_messages={"invalid": _("Enter a date.")})
    explanation = _bounded(_("Explanation to staff and students"), MAX_EXPLANATION, rows=2,
                           help_text=_("Only for an item that cannot be solved yet: why, and "
                                       "what is done meanwhile. Such an item has no deadline."))
    opinions = forms.MultipleChoiceField(label=_("Opinions it answers"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    evaluation = forms.TypedChoiceField(label=_("Evaluation finding it answers"), coerce=int,
                                        required=False, empty_value=None,
                                        widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, people=(), opinions=(), findings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = [("", "—")] + [(p.pk, p.name) for p in people]
        self.fields["opinions"].choices = [(str(o.pk), o.summary or "—") for o in opinions]
        if findings:
            self.fields["evaluation"].choices = [("", "—")] + [
                (g.pk, f"{g.get_grade_display()}：{g.shortcomings[:60]}") for g in findings]
        else:
            del self.fields["evaluation"]

    def to_input(self) -> ItemInput:
        data = self.cleaned_data
        return ItemInput(problem=data["problem"], item_class=data["item_class"],
                         responsible_id=data["responsible"],
                         responsible_name=data["responsible_name"], standard=data["standard"],
                         measures=data["measures"], deadline=data["deadline"],
                         explanation=data["explanation"], opinion_ids=data["opinions"],
                         evaluation_id=data.get("evaluation"))

    @staticmethod
    def initial_of(item: Item) -> dict:
        return {"problem": item.problem, "item_class": item.item_class,
                "responsible": item.responsible_id,
                "responsible_name": "" if item.responsible_id else item.responsible_name,
                "standard": item.standard, "measures": item.measures,
                "deadline": item.deadline, "explanation": item.explanation,
                "opinions": [str(o.pk) for o in item.opinions.all()],
                "evaluation": item.evaluation_id}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=(("approve", _("Approve")), ("return", _("Return"))),
                                 widget=forms.HiddenInput)
    reason = _bounded(_("Reason for returning"), MAX_REASON, rows=2)


class EvidenceForm(forms.Form):
    text = _bounded(_("What was done"), MAX_EVIDENCE_TEXT, rows=3)
    file = forms.FileField(label=_("File (PDF, JPG, PNG, Word, Excel)"), required=False,
                           widget=forms.ClearableFileInput(attrs={
                               "class": "form-control",
                               "accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}))
