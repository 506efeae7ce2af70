"""The upload field of every spreadsheet import page: a bounded name, a size limit that says
what to do about it."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

FILENAME_MAX = 200


class SpreadsheetUploadForm(forms.Form):
    """Subclasses set the field's label and `too_large_advice` (what to do with a big file)."""

    too_large_advice = ""
    file = forms.FileField(max_length=FILENAME_MAX,
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; at most %(max)s can be uploaded.")
                % {"size": filesizeformat(upload.size),
                   "max": filesizeformat(settings.UPLOAD_MAX_BYTES)}
                + " " + str(self.too_large_advice), code="too_large")
        return upload
