"""App config for handling: the handling register (education and help, organizational
handling, discipline)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandlingConfig(AppConfig):
    name = "vanguard.handling"
    label = "handling"
    verbose_name = _("Handling register")

    def ready(self):
        from vanguard.campaigns.registry import register_campaign_pages
        from vanguard.handling import pages

        register_campaign_pages(pages.campaign_pages)
