"""Forms of the analysis pages: one text field per section, the opinion links, the review.
Every text field bounded, every error explained; no field names a reviewer (the chain does)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.analyses.models import MAX_COMMENT
from vanguard.study.sanitize import MAX_RAW_LENGTH

TEXT = {"class": "form-control"}
LINKS_FORM_ID = "analysis-links"


class AnalysisForm(forms.Form):
    """The sections as the editor's HTML; the server cleans and counts them."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, specs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.specs = list(specs)
        for spec in self.specs:
            self.fields[f"section_{spec.key}"] = forms.CharField(
                label=spec.label, required=False, max_length=MAX_RAW_LENGTH, strip=False,
                error_messages={"max_length": _("This section is too long.")},
                widget=forms.Textarea(attrs={**TEXT, "rows": 8, "data-editor-source": ""}))

    def sections(self) -> dict[str, str]:
        return {s.key: self.cleaned_data.get(f"section_{s.key}") or "" for s in self.specs}

    def section_fields(self):
        return [(spec, self[f"section_{spec.key}"]) for spec in self.specs]


class LinksForm(forms.Form):
    """Per section, the fed-back opinions it answers. Its boxes sit under each section but
    belong to a form of their own (`form=` attribute): they are ticks, not typed text, and
    the text form's browser copy (app.js `data-keep-draft`) keeps only typed values."""

    def __init__(self, *args, specs=(), opinions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.specs = list(specs)
        choices = [(str(o.pk), o.summary or "—") for o in opinions]
        for spec in self.specs:
            self.fields[f"links_{spec.key}"] = forms.MultipleChoiceField(
                label=spec.label, required=False, choices=choices,
                error_messages={"invalid_choice": _(
                    "You can link only the opinions fed back to you. Nothing was saved.")},
                widget=forms.CheckboxSelectMultiple(attrs={"form": LINKS_FORM_ID}))

    def links(self) -> dict[str, list[str]]:
        return {s.key: self.cleaned_data.get(f"links_{s.key}") or [] for s in self.specs}

    def link_fields(self):
        return {spec.key: self[f"links_{spec.key}"] for spec in self.specs}


class ReviewForm(forms.Form):
    """The reviewer's decision on the version they read, with a comment box per section."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("return", _("Return"))])
    comment = forms.CharField(
        label=_("Overall comment"), required=False, max_length=MAX_COMMENT,
        error_messages={"max_length": _("A comment may be at most %(limit_value)d "
                                        "characters.")},
        widget=forms.Textarea(attrs={**TEXT, "rows": 3, "maxlength": MAX_COMMENT}))

    def __init__(self, *args, specs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.specs = list(specs)
        for spec in self.specs:
            self.fields[f"comment_{spec.key}"] = forms.CharField(
                label=_("Comment on “%(label)s”") % {"label": spec.label}, required=False,
                max_length=MAX_COMMENT,
                error_messages={"max_length": _("A comment may be at most %(limit_value)d "
                                                "characters.")},
                widget=forms.Textarea(attrs={**TEXT, "rows": 4, "maxlength": MAX_COMMENT}))

    def comments(self) -> dict[str, str]:
        return {s.key: self.cleaned_data.get(f"comment_{s.key}") or "" for s in self.specs}

    def comment_field(self, key: str):
        return self[f"comment_{key}"]
