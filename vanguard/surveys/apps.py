"""App config for surveys: the preparation survey of members and the public before launch."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "vanguard.surveys"
    label = "surveys"
    verbose_name = _("Preparation surveys")
