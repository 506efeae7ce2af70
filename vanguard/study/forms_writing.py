"""Forms of the reading list and writing pages; every text field bounded, every error explained."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.study.sanitize import MAX_RAW_LENGTH
from vanguard.study.services.writing import MAX_COMMENT, MAX_TITLE

TEXT = {"class": "form-control"}


class ReadingItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            widget=forms.TextInput(attrs=TEXT))
    source = forms.CharField(label=_("Source or note (optional)"), max_length=200,
                             required=False, widget=forms.TextInput(attrs=TEXT))
    required = forms.BooleanField(label=_("Required reading"), required=False, initial=True,
                                  widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, required=False,
                               widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}))


class WritingForm(forms.Form):
    """The editor's form: `body` is the editor's HTML (a plain textarea without script);
    the server cleans it and counts its characters."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE, required=False,
                            widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off"}))
    item = forms.TypedChoiceField(label=_("On the reading"), required=False, coerce=int,
                                  empty_value=None,
                                  widget=forms.Select(attrs={"class": "form-select"}))
    body = forms.CharField(
        label=_("Text"), required=False, max_length=MAX_RAW_LENGTH, strip=False,
        error_messages={"max_length": _("The text is too long.")},
        widget=forms.Textarea(attrs={**TEXT, "rows": 14, "data-editor-source": ""}))

    def __init__(self, *args, readings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if readings is None:
            del self.fields["item"]
        else:
            self.fields["item"].choices = [("", _("(not about one reading)"))] + [
                (r.pk, r.title) for r in readings]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("return", _("Return"))])
    comment = forms.CharField(
        label=_("Comment"), max_length=MAX_COMMENT, required=False,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3, "maxlength": MAX_COMMENT}))
