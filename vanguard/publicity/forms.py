"""Forms of publicity: bounds and choices only; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.publicity.models import (
    MAX_BODY,
    MAX_CAPTION,
    MAX_DEEDS,
    MAX_DESCRIPTION,
    MAX_PLACE,
    MAX_REASON,
    MAX_TITLE,
)
from vanguard.publicity.photos import max_bytes


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _photo_help():
    return _("JPEG or PNG, at most %(mb)s MB each.") % {
        "mb": round(max_bytes() / 1024 / 1024, 1)}


class ActivityForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"))
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Place"), max_length=MAX_PLACE, required=False)
    description = forms.CharField(label=_("What was done"), max_length=MAX_DESCRIPTION,
                                  required=False, widget=forms.Textarea(attrs={"rows": 4}))
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple)
    photos = MultiplePhotoField(label=_("Photos"), required=False)
    caption = forms.CharField(label=_("Caption of the photos"), max_length=MAX_CAPTION,
                              required=False)
    for_publication = forms.BooleanField(
        label=_("The photos may be shown publicly with a published news item"), required=False)

    def __init__(self, *args, themes, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "—")] + list(themes)
        self.fields["participants"].queryset = people
        self.fields["photos"].help_text = _photo_help()


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"),
                            widget=forms.ClearableFileInput(
                                attrs={"accept": "image/jpeg,image/png"}))
    caption = forms.CharField(label=_("Caption"), max_length=MAX_CAPTION, required=False)
    for_publication = forms.BooleanField(
        label=_("May be shown publicly with a published news item"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].help_text = _photo_help()


class NominateForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Member"), queryset=None)
    deeds = forms.CharField(label=_("Deeds"), max_length=MAX_DEEDS,
                            widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    reason = forms.CharField(label=_("Reason (when declining)"), max_length=MAX_REASON,
                             required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=MAX_REASON,
                           widget=forms.Textarea(attrs={"rows": 2}))


class NewsForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body = forms.CharField(label=_("Text"), max_length=MAX_BODY,
                           widget=forms.Textarea(attrs={"rows": 10}))
    activity = forms.ModelChoiceField(label=_("About the activity"), queryset=None,
                                      required=False)
    exemplar = forms.ModelChoiceField(label=_("About the exemplar"), queryset=None,
                                      required=False)

    def __init__(self, *args, organizations, activities, exemplars, fixed_organization=False,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["activity"].queryset = activities
        self.fields["exemplar"].queryset = exemplars
        if fixed_organization:
            del self.fields["organization"]
