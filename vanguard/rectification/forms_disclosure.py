"""Forms of the disclosure pages: publishing, correcting, and the register of lasting rules.
Every text field is bounded with a clear message; the services check again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.rectification.services import disclosure, rules

TEXT = {"class": "form-control"}


def _bounded(label, limit, *, required=True, empty=None, widget=None, help_text=""):
    messages = {"max_length": _("At most %(limit_value)d characters (it has %(show_value)d).")}
    if empty:
        messages["required"] = empty
    return forms.CharField(label=label, max_length=limit, required=required,
                           error_messages=messages, help_text=help_text,
                           widget=widget or forms.TextInput(attrs={**TEXT, "maxlength": limit}))


class PublishForm(forms.Form):
    title = _bounded(_("Title"), disclosure.MAX_TITLE, empty=_("Give the disclosure a title."))


class CorrectForm(forms.Form):
    note = _bounded(_("What the correction changes"), disclosure.MAX_NOTE,
                    empty=_("Say what the correction changes."),
                    widget=forms.Textarea(attrs={**TEXT, "rows": 3,
                                                 "maxlength": disclosure.MAX_NOTE}))


class RuleForm(forms.Form):
    title = _bounded(_("Title"), rules.MAX_TITLE, empty=_("Give the rule a title."))
    text = _bounded(_("Text"), rules.MAX_TEXT, empty=_("Write the text of the rule."),
                    widget=forms.Textarea(attrs={**TEXT, "rows": 8,
                                                 "maxlength": rules.MAX_TEXT}))
    adopted_on = forms.DateField(
        label=_("Adopted on"), widget=forms.DateInput(attrs={**TEXT, "type": "date"}),
        error_messages={"required": _("Give the date the rule was adopted."),
                        "invalid": _("Enter the date as YYYY-MM-DD.")})
    owner = _bounded(_("Responsible department or person"), rules.MAX_OWNER,
                     empty=_("Name the department or person responsible for the rule."))
