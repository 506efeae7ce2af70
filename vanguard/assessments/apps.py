"""App config for assessments."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "vanguard.assessments"
    label = "assessments"
    verbose_name = _("Satisfaction assessment")
