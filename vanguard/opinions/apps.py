"""App config for opinions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "vanguard.opinions"
    label = "opinions"
    verbose_name = _("Opinions")
