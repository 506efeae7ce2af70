"""Forms of the evaluation pages: bounds and clear errors here; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.evaluations.models import MAX_OPINION, Grade
from vanguard.evaluations.services.paper import MAX_PAPER_BALLOTS
from vanguard.evaluations.services.tokens import MAX_TOKEN

GRADE_CHOICES = Grade.choices
TEXT_ERRORS = {"max_length": _("At most %(limit_value)d characters (it has %(show_value)d).")}


class OpenForm(forms.Form):
    closes_on = forms.DateField(label=_("Ballots close on"),
                                widget=forms.DateInput(attrs={"type": "date"}))


class VoterForm(forms.Form):
    staff_no = forms.CharField(label=_("Staff number of a non-member"), max_length=32,
                               error_messages=TEXT_ERRORS)


class SelfEvaluationForm(forms.Form):
    grade = forms.ChoiceField(label=_("Grade"), choices=GRADE_CHOICES, widget=forms.RadioSelect)
    text = forms.CharField(label=_("Self-evaluation"), max_length=MAX_OPINION, required=False,
                           widget=forms.Textarea(attrs={"rows": 5}), error_messages=TEXT_ERRORS)


class GradeForm(forms.Form):
    grade = forms.ChoiceField(label=_("Grade"), choices=GRADE_CHOICES, widget=forms.RadioSelect)
    achievements = forms.CharField(label=_("Achievements"), max_length=MAX_OPINION,
                                   widget=forms.Textarea(attrs={"rows": 4}),
                                   error_messages=TEXT_ERRORS)
    shortcomings = forms.CharField(label=_("Shortcomings"), max_length=MAX_OPINION,
                                   widget=forms.Textarea(attrs={"rows": 4}),
                                   error_messages=TEXT_ERRORS)


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Voting code"), max_length=MAX_TOKEN,
                            error_messages=TEXT_ERRORS,
                            widget=forms.TextInput(attrs={"autocomplete": "off",
                                                          "data-vote-token": "1"}))


class BallotForm(forms.Form):
    """One grade per member of the branch, every one required (a ballot grades everyone)."""

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        for person in members:
            self.fields[f"g{person.pk}"] = forms.ChoiceField(
                label=person.name, choices=GRADE_CHOICES, widget=forms.RadioSelect,
                error_messages={"required": _("Give %(name)s a grade.") % {"name": person.name}})
        self.members = members

    def grades(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data[f"g{p.pk}"] for p in self.members}


class TallyForm(forms.Form):
    """A paper tally: the number of ballots, then per member a count per grade."""

    ballots = forms.IntegerField(label=_("Paper ballots"), min_value=0,
                                 max_value=MAX_PAPER_BALLOTS)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for person in members:
            for grade, label in GRADE_CHOICES:
                self.fields[f"c{person.pk}_{grade}"] = forms.IntegerField(
                    label=f"{person.name} · {label}", min_value=0,
                    max_value=MAX_PAPER_BALLOTS, initial=0)

    def rows(self):
        """(person, [bound field per grade]) for the table."""
        return [(p, [self[f"c{p.pk}_{g}"] for g, _label in GRADE_CHOICES]) for p in self.members]

    def counts(self) -> dict[int, dict[str, int]]:
        return {p.pk: {g: self.cleaned_data[f"c{p.pk}_{g}"] for g, _label in GRADE_CHOICES}
                for p in self.members}
