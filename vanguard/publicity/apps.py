"""App config for publicity: themed practice activities, exemplars, news, the public page."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "vanguard.publicity"
    label = "publicity"
    verbose_name = _("Themed activities and publicity")

    def ready(self):
        from vanguard.campaigns.registry import register_campaign_pages
        from vanguard.publicity import pages

        register_campaign_pages(pages.campaign_pages)
