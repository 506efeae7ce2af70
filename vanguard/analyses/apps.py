"""App config for analyses."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysesConfig(AppConfig):
    name = "vanguard.analyses"
    label = "analyses"
    verbose_name = _("Self-analyses")
