"""App config for handling: the handling register (education and help, organizational handling, discipline)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandlingConfig(AppConfig):
    name = "vanguard.handling"
    label = "handling"
    verbose_name = _("Handling register")
