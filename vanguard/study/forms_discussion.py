"""Forms of the big discussion: opening it, a post or reply, hiding a post, a requirement."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.study.services.discussion import (
    MAX_HIDE_REASON,
    MAX_POST,
    MAX_QUESTION,
    MAX_REQUIREMENT,
)

BOUNDED = {"max_length": _("At most %(limit_value)d characters (it has %(show_value)d).")}


class OpenDiscussionForm(forms.Form):
    question = forms.CharField(label=_("Question to discuss"), max_length=MAX_QUESTION,
                               error_messages=BOUNDED,
                               widget=forms.TextInput(attrs={"class": "form-control"}))


class PostForm(forms.Form):
    text = forms.CharField(
        label=_("Your contribution"), max_length=MAX_POST, strip=True,
        error_messages={**BOUNDED, "required": _("Write something before posting.")},
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 4,
                                     "maxlength": MAX_POST}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class HidePostForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"), max_length=MAX_HIDE_REASON,
        error_messages={**BOUNDED,
                        "required": _("Give the reason for hiding the post.")},
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))


class RequirementForm(forms.Form):
    text = forms.CharField(
        label=_("Requirement"), max_length=MAX_REQUIREMENT,
        error_messages={**BOUNDED, "required": _("Write the requirement.")},
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


def first_error(form: forms.Form) -> str:
    return next(str(e) for errors in form.errors.values() for e in errors)
