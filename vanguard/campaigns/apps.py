"""App config for campaigns; finds every app's activity kinds at start-up."""

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "vanguard.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        autodiscover_modules("activities")
        from vanguard.campaigns.registry import register_campaign_pages
        from vanguard.campaigns.views.calendar import campaign_pages

        register_campaign_pages(campaign_pages)
