"""Forms of the leadership team and departments page; every text bounded, every error explained."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vanguard.people.services.team import MAX_DEPARTMENT_NAME, MAX_TITLE


def _text(label, limit, *, help_text=""):
    return forms.CharField(
        label=label, max_length=limit, help_text=help_text,
        widget=forms.TextInput(attrs={"class": "form-control", "maxlength": limit}),
        error_messages={"required": _("This field is required."),
                        "max_length": _("At most %(limit_value)d characters (this has "
                                        "%(show_value)d).")})


def _person(label, *, required=True):
    return forms.ModelChoiceField(
        label=label, queryset=None, required=required,
        empty_label=_("— nobody —") if not required else "---------",
        error_messages={"required": _("Choose a person."),
                        "invalid_choice": _("Choose one of the school's teachers and staff.")},
        widget=forms.Select(attrs={"class": "form-select"}))


def _departments():
    return forms.ModelMultipleChoiceField(
        label=_("Departments overseen"), queryset=None, required=False,
        error_messages={"invalid_choice": _("Choose among the school's departments."),
                        "invalid_pk_value": _("Choose among the school's departments.")},
        widget=forms.CheckboxSelectMultiple)


class DepartmentForm(forms.Form):
    name = _text(_("Name of the department"), MAX_DEPARTMENT_NAME,
                 help_text=_("As the roster's 部门 column writes it (for example: 教务处)."))


class DepartmentHeadForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=None,
        error_messages={"required": _("Choose a department."),
                        "invalid_choice": _("Choose among the school's departments.")},
        widget=forms.Select(attrs={"class": "form-select"}))
    head = _person(_("Head of the department"), required=False)

    def __init__(self, *args, departments, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["head"].queryset = people


class LeaderChangeForm(forms.Form):
    title = _text(pgettext_lazy("post held", "Title"), MAX_TITLE,
                  help_text=_("The post held (for example: 副校长)."))
    departments = _departments()

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = departments


class LeaderForm(LeaderChangeForm):
    person = _person(_("Person"))
    is_principal = forms.BooleanField(
        label=_("Principal leader"), required=False,
        help_text=_("The team has one principal leader: checking this moves the flag to this "
                    "person."),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    field_order = ["person", "title", "is_principal", "departments"]

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
