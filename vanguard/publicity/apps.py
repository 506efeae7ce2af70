"""App config for publicity: themed practice activities, exemplars, news and the public campaign page."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "vanguard.publicity"
    label = "publicity"
    verbose_name = _("Themed activities and publicity")
