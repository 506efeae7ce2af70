"""Forms of the report pages; every text field bounded, every error explained."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vanguard.reports.sections import MAX_SECTION_CHARACTERS, SECTIONS
from vanguard.reports.services import MAX_REASON, MAX_TITLE, MIN_REASON

# The section headings are the document's (Chinese); the page labels them in the UI language.
SECTION_LABELS = {
    "how_run": _("How the campaign was run"),
    "practices": _("Main practices"),
    "results": pgettext_lazy("report section", "Results"),
    "problems": _("Problems and shortcomings"),
    "next_steps": _("Next steps"),
}


def _too_long(limit: int) -> dict:
    # The validator fills in limit_value and show_value when the message is shown, so the
    # text stays lazy (translated in the viewer's language).
    return {"max_length": _("At most %(limit_value)d characters (this has %(show_value)d).")}


class ReportEditForm(forms.Form):
    """Title and sections; the version guards against two people saving over each other."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE,
                            error_messages={**_too_long(MAX_TITLE),
                                            "required": _("Give the report a title.")},
                            widget=forms.TextInput(attrs={"class": "form-control"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, _heading in SECTIONS:
            self.fields[key] = forms.CharField(
                label=SECTION_LABELS[key], required=False, max_length=MAX_SECTION_CHARACTERS,
                error_messages=_too_long(MAX_SECTION_CHARACTERS),
                widget=forms.Textarea(attrs={"class": "form-control", "rows": 8,
                                             "maxlength": MAX_SECTION_CHARACTERS}))

    def sections(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key, _heading in SECTIONS}


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for return"), min_length=MIN_REASON, max_length=MAX_REASON,
        error_messages={"required": _("Say why the report is returned."),
                        "min_length": _("At least %(limit_value)d characters."),
                        **_too_long(MAX_REASON)},
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3,
                                     "maxlength": MAX_REASON}))
