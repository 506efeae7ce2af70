"""Forms of the supervision pages: sending or changing a group, visits, findings, answers,
closing notes and good practices. Every text is bounded; the services check the rest (scope,
the schools a group covers, dates against the period)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.oversight.models import Finding
from vanguard.oversight.services import supervision as limits

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
DATE_INVALID = _("Give a date like 2026-09-01.")


def _date(label, required_message, *, required=True):
    return forms.DateField(label=label, required=required, error_messages={
        "required": required_message, "invalid": DATE_INVALID},
        widget=forms.DateInput(attrs={**TEXT, "type": "date"}, format="%Y-%m-%d"))


def _text(label, limit, required_message, *, rows=0, required=True):
    widget = (forms.Textarea(attrs={**TEXT, "rows": rows, "maxlength": limit}) if rows
              else forms.TextInput(attrs={**TEXT, "maxlength": limit}))
    return forms.CharField(label=label, max_length=limit, required=required, widget=widget,
                           error_messages={"required": required_message, "max_length": _(
                               "At most %(limit_value)d characters.")})


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.school.name}）" if obj.school_id else obj.name


class _PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.school.name}）" if obj.school_id else obj.name


class GroupForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Sent by"), queryset=None,
                                          widget=forms.Select(attrs=SELECT), error_messages={
                                              "required": _("Choose the sending organization."),
                                              "invalid_choice": _("Choose one of the listed "
                                                                  "organizations.")})
    name = _text(_("Name of the group"), limits.MAX_NAME, _("Give the group a name."))
    leader = _PersonChoice(label=_("Group leader"), queryset=None, required=False,
                           widget=forms.Select(attrs=SELECT),
                           error_messages={"invalid_choice": _("Choose one of the listed "
                                                               "people.")})
    members = _PeopleChoice(label=_("Members"), queryset=None,
                            widget=forms.CheckboxSelectMultiple, error_messages={
                                "required": _("Choose at least one member."),
                                "invalid_choice": _("Choose people from the list.")})
    schools = forms.ModelMultipleChoiceField(label=_("Schools covered"), queryset=None,
                                             widget=forms.CheckboxSelectMultiple,
                                             error_messages={
                                                 "required": _("Choose at least one school."),
                                                 "invalid_choice": _("Choose schools from the "
                                                                     "list.")})
    starts_on = _date(_("First day"), _("Give the first day of the period."))
    ends_on = _date(_("Last day"), _("Give the last day of the period."))

    def __init__(self, *args, organizations, people, schools, with_organization=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_organization:
            self.fields["organization"].queryset = organizations
        else:
            del self.fields["organization"]
        self.fields["leader"].queryset = people.select_related("school")
        self.fields["members"].queryset = people.select_related("school")
        self.fields["schools"].queryset = schools


class VisitForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=None,
                                    widget=forms.Select(attrs=SELECT), error_messages={
                                        "required": _("Choose the school."),
                                        "invalid_choice": _("Choose one of the group's "
                                                            "schools.")})
    planned_on = _date(_("Planned on"), _("Give the day of the visit."))
    purpose = _text(_("Purpose"), limits.MAX_PURPOSE, _("Say what the visit is for."), rows=2)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


class VisitHeldForm(forms.Form):
    held_on = _date(_("Held on"), _("Give the day the visit was held."))
    notes = _text(_("Notes"), limits.MAX_NOTES, "", rows=3, required=False)


class FindingForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=None,
                                    widget=forms.Select(attrs=SELECT), error_messages={
                                        "required": _("Choose the school."),
                                        "invalid_choice": _("Choose one of the group's "
                                                            "schools.")})
    visit = forms.ModelChoiceField(label=_("During the visit"), queryset=None, required=False,
                                   widget=forms.Select(attrs=SELECT), error_messages={
                                       "invalid_choice": _("Choose one of the group's "
                                                           "visits.")})
    problem = _text(_("Problem"), limits.MAX_TEXT, _("Describe the problem."), rows=4)
    severity = forms.ChoiceField(label=_("Severity"), choices=Finding.Severity.choices,
                                 widget=forms.Select(attrs=SELECT),
                                 error_messages={"required": _("Choose the severity.")})
    recommendation = _text(_("Recommendation"), limits.MAX_TEXT,
                           _("Write what the school should do."), rows=3)
    due_on = _date(_("Answer due on"), _("Give the day the school must answer by."))

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the group's schools are offered; the service refuses any other all the same.
        self.fields["school"].queryset = group.schools.order_by("code")
        self.fields["visit"].queryset = group.visits.select_related("school")


class AnswerForm(forms.Form):
    answer = _text(_("The school's answer"), limits.MAX_TEXT,
                   _("Write the school's answer."), rows=4)


class CloseForm(forms.Form):
    note = _text(_("Closing note"), limits.MAX_CLOSING_NOTE, "", rows=2, required=False)


class PracticeForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=None,
                                    widget=forms.Select(attrs=SELECT), error_messages={
                                        "required": _("Choose the school."),
                                        "invalid_choice": _("Choose one of the group's "
                                                            "schools.")})
    title = _text(_("Title"), limits.MAX_TITLE, _("Give the good practice a title."))
    text = _text(_("What they do"), limits.MAX_PRACTICE, _("Describe the good practice."),
                 rows=6)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
