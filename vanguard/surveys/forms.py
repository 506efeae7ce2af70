"""Forms of the survey pages: bounds and clear errors here; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.core.tokens import MAX_TOKEN
from vanguard.surveys.models import (
    MAX_EXPECTATION,
    MAX_INTRO,
    MAX_OTHER,
    MAX_QUESTION,
    MAX_TOPIC_LABEL,
    MAX_TOPICS,
    OTHER,
    PUBLIC_GROUPS,
    Group,
)

TEXT_ERRORS = {"max_length": _("At most %(limit_value)d characters (it has %(show_value)d).")}
MAX_TOPICS_TEXT = MAX_TOPICS * (MAX_TOPIC_LABEL + 2) + 200


class EditForm(forms.Form):
    intro = forms.CharField(label=_("Introduction shown above the questions"), required=False,
                            max_length=MAX_INTRO, error_messages=TEXT_ERRORS,
                            widget=forms.Textarea(attrs={"rows": 3}))
    topics = forms.CharField(label=_("Topics to choose from, one a line (“other” is always "
                                     "added)"), max_length=MAX_TOPICS_TEXT,
                             error_messages=TEXT_ERRORS, widget=forms.Textarea(attrs={"rows": 8}))
    max_choices = forms.IntegerField(label=_("Topics one may choose at most"), min_value=1,
                                     max_value=5)
    expectation_question = forms.CharField(label=_("Question on expectations"),
                                           max_length=MAX_QUESTION, error_messages=TEXT_ERRORS)
    public_enabled = forms.BooleanField(label=_("Open a public link for staff, students and "
                                                "parents (no login)"), required=False)

    @classmethod
    def for_survey(cls, survey, data=None):
        return cls(data, initial={
            "intro": survey.intro, "topics": "\n".join(t["label"] for t in survey.topics),
            "max_choices": survey.max_choices,
            "expectation_question": survey.expectation_question,
            "public_enabled": survey.public_enabled})

    def topic_lines(self) -> list[str]:
        return self.cleaned_data["topics"].splitlines()


class OpenForm(forms.Form):
    closes_on = forms.DateField(label=_("Answers close on"),
                                widget=forms.DateInput(attrs={"type": "date"}))


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Answer code"), max_length=MAX_TOKEN,
                            error_messages=TEXT_ERRORS)


class AnswerForm(forms.Form):
    """The survey's questions: topics (checkboxes, "other" last with its text) and the
    expectation; the public form adds who is answering."""

    topics = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                       error_messages={"invalid_choice": _(
                                           "Choose among the listed issues.")})
    other = forms.CharField(label=_("Other issue"), required=False, max_length=MAX_OTHER,
                            error_messages=TEXT_ERRORS)
    expectation = forms.CharField(required=False, max_length=MAX_EXPECTATION,
                                  error_messages=TEXT_ERRORS,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, survey, public=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["topics"].label = _("Which hot and hard issues do you most want solved? "
                                        "Choose at most %(n)d.") % {"n": survey.max_choices}
        self.fields["topics"].choices = [(t["key"], t["label"]) for t in survey.topics] + [
            (OTHER, _("Other (write it below)"))]
        self.fields["expectation"].label = survey.expectation_question
        if public:
            self.fields["group"] = forms.ChoiceField(
                label=_("You are"), widget=forms.RadioSelect,
                choices=[(g.value, g.label) for g in Group if g in PUBLIC_GROUPS],
                error_messages={"required": _("Choose who you are."),
                                "invalid_choice": _("Choose who you are.")})
            self.fields["nonce"] = forms.CharField(widget=forms.HiddenInput, max_length=64)
            self.order_fields(["group", "topics", "other", "expectation"])
