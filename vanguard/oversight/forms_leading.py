"""Forms of the leading-group pages; every text field bounded, every error explained."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.oversight.models import Seat
from vanguard.oversight.services.leading import MAX_DUTIES, MAX_DUTY, MAX_NAME, MAX_OFFICE_NAME


def _too_long() -> dict:
    return {"max_length": _("At most %(limit_value)d characters (this has %(show_value)d).")}


def _text(label, limit, *, required=False, rows=0, help_text=""):
    widget = (forms.Textarea(attrs={"class": "form-control", "rows": rows, "maxlength": limit})
              if rows else forms.TextInput(attrs={"class": "form-control", "maxlength": limit}))
    return forms.CharField(label=label, max_length=limit, required=required,
                           help_text=help_text, widget=widget,
                           error_messages={**_too_long(),
                                           "required": _("This field is required.")})


class GroupForm(forms.Form):
    """The group's name, its office's name and the office's duties."""

    name = _text(_("Name of the leading group"), MAX_NAME, required=True)
    office_name = _text(_("Name of the office"), MAX_OFFICE_NAME,
                        help_text=_("For example: 先进性教育活动领导小组办公室."))
    duties = _text(_("Duties of the office"), MAX_DUTIES, rows=5)


class NewGroupForm(GroupForm):
    name = _text(_("Name of the leading group"), MAX_NAME,
                 help_text=_("Left empty, the name is made from the organization's."))


class SeatForm(forms.Form):
    """One person's seat: the people offered are those of the group's level."""

    person = forms.ModelChoiceField(
        label=_("Person"), queryset=None,
        error_messages={"required": _("Choose a person."),
                        "invalid_choice": _("Choose one of the people of this level.")},
        widget=forms.Select(attrs={"class": "form-select"}))
    post = forms.ChoiceField(label=_("Post"), choices=Seat.Post.choices,
                             error_messages={"required": _("Choose a post."),
                                             "invalid_choice": _("Choose a post.")},
                             widget=forms.Select(attrs={"class": "form-select"}))
    duty = _text(_("Duty"), MAX_DUTY,
                 help_text=_("What this person answers for (for example: 负责学习教育)."))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
