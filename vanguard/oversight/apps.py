"""App config for oversight: leading groups, supervision groups, red flags and coverage."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "vanguard.oversight"
    label = "oversight"
    verbose_name = _("Leadership and supervision")
