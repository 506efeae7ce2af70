"""Forms of the assessment pages: bounds and clear errors here; the rules live in services."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.assessments.models import Rating
from vanguard.assessments.services.tokens import MAX_TOKEN

TEXT_ERRORS = {"max_length": _("At most %(limit_value)d characters (it has %(show_value)d).")}
MAX_NUMBERS_TEXT = 20000


class RepresentativesForm(forms.Form):
    numbers = forms.CharField(
        label=_("Staff or student numbers of the representatives, one a line"),
        max_length=MAX_NUMBERS_TEXT, error_messages=TEXT_ERRORS,
        widget=forms.Textarea(attrs={"rows": 4}))

    def number_list(self) -> list[str]:
        return [line for line in self.cleaned_data["numbers"].splitlines() if line.strip()]


class SampleForm(forms.Form):
    margin = forms.DecimalField(label=_("Margin of error (0.05 = 5%)"), min_value=Decimal("0.01"),
                                max_value=Decimal("0.5"), max_digits=4, decimal_places=3)
    confidence = forms.DecimalField(label=_("Confidence level"), min_value=Decimal("0.5"),
                                    max_value=Decimal("0.999"), max_digits=4, decimal_places=3)


class OpenForm(forms.Form):
    closes_on = forms.DateField(label=_("Answers close on"),
                                widget=forms.DateInput(attrs={"type": "date"}))


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Answer code"), max_length=MAX_TOKEN,
                            error_messages=TEXT_ERRORS)


class AnswersForm(forms.Form):
    """One rating per question, every one required."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q_{question['key']}"] = forms.ChoiceField(
                label=question["text"], choices=Rating.choices, widget=forms.RadioSelect,
                error_messages={"required": _("Answer this question."),
                                "invalid_choice": _("Choose one of the four answers.")})

    def ratings(self) -> dict[str, str]:
        return {q["key"]: self.cleaned_data[f"q_{q['key']}"] for q in self.questions}
