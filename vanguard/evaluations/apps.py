"""App config for evaluations."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "vanguard.evaluations"
    label = "evaluations"
    verbose_name = _("Democratic evaluation")
