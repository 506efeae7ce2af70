"""Forms of the campaign pages; every text field bounded, every error explained."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns import registry
from vanguard.campaigns.models import CampaignTemplate

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"},
                       format="%Y-%m-%d")


class LaunchForm(forms.Form):
    template = forms.ModelChoiceField(CampaignTemplate.objects.all(), label=_("Template"),
                                      to_field_name="key", empty_label=None,
                                      widget=forms.Select(attrs={"class": "form-select"}))
    organization = forms.ModelChoiceField(None, label=_("Organization"), to_field_name="code",
                                          empty_label=None,
                                          widget=forms.Select(attrs={"class": "form-select"}))
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    name = forms.CharField(label=_("Name (optional)"), max_length=120, required=False,
                           widget=forms.TextInput(attrs={"class": "form-control"}))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class ExamOverrideFields(forms.Form):
    """The override a scheduling form offers for a date in an exam period: ticked, with why."""

    override_exam = forms.BooleanField(
        label=_("Schedule in an exam period anyway"), required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    override_reason = forms.CharField(
        label=_("Reason for scheduling in the exam period"), required=False, max_length=500,
        error_messages={"max_length": _("The reason may be at most %(limit_value)d characters "
                                        "(it has %(show_value)d).")},
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))


class PlanEditForm(ExamOverrideFields):
    """Title, preamble and every date of the plan; the version guards against lost edits."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=150,
                            widget=forms.TextInput(attrs={"class": "form-control"}))
    preamble = forms.CharField(label=_("Preamble"), max_length=4000, required=False,
                               widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}))

    def __init__(self, *args, outline, **kwargs):
        super().__init__(*args, **kwargs)
        self.outline = outline
        for phase, activities in outline:
            self.fields[f"phase-{phase.key}-start"] = forms.DateField(
                label=_("%(name)s starts") % {"name": phase.name}, widget=DATE,
                initial=phase.starts_on)
            self.fields[f"phase-{phase.key}-end"] = forms.DateField(
                label=_("%(name)s ends") % {"name": phase.name}, widget=DATE,
                initial=phase.ends_on)
            for activity in activities:
                self.fields[f"activity-{activity.key}-start"] = forms.DateField(
                    label=_("%(name)s starts") % {"name": activity.name}, widget=DATE,
                    initial=activity.starts_on)
                self.fields[f"activity-{activity.key}-due"] = forms.DateField(
                    label=_("%(name)s is due") % {"name": activity.name}, widget=DATE,
                    initial=activity.due_on)

    def phase_dates(self):
        return {phase.key: (self.cleaned_data[f"phase-{phase.key}-start"],
                            self.cleaned_data[f"phase-{phase.key}-end"])
                for phase, _ in self.outline}

    def activity_dates(self):
        return {a.key: (self.cleaned_data[f"activity-{a.key}-start"],
                        self.cleaned_data[f"activity-{a.key}-due"])
                for _, activities in self.outline for a in activities}

    def rows(self):
        """(phase, its two fields, [(activity, its two fields)]) for the template."""
        return [(phase, self[f"phase-{phase.key}-start"], self[f"phase-{phase.key}-end"],
                 [(a, self[f"activity-{a.key}-start"], self[f"activity-{a.key}-due"])
                  for a in activities])
                for phase, activities in self.outline]


class AddActivityForm(ExamOverrideFields):
    phase = forms.ChoiceField(label=_("Phase or track"),
                              widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    kind = forms.ChoiceField(label=_("Kind"),
                             widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    name = forms.CharField(label=_("Step name"), max_length=120,
                           widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))
    description = forms.CharField(label=_("Description"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}))
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    field_order = ["phase", "kind", "name", "description", "starts_on", "due_on",
                   "override_exam", "override_reason"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [(p.pk, p.name) for p in plan.phases.order_by("kind",
                                                                                     "order")]
        self.fields["kind"].choices = registry.choices()


class ReturnPlanForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), min_length=5, max_length=2000,
                             widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}))


class ClosePhaseForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Reason for closing although the gate has not passed"), required=False,
        max_length=2000, widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}))


class CompleteTaskForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)
