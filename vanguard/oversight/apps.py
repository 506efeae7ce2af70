"""App config for oversight: leading groups, supervision groups, red flags and coverage."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "vanguard.oversight"
    label = "oversight"
    verbose_name = _("Leadership and supervision")

    def ready(self):
        from vanguard.campaigns.registry import register_campaign_pages
        from vanguard.oversight import pages_coverage, pages_leading, pages_supervision

        for pages in (pages_leading, pages_supervision, pages_coverage):
            register_campaign_pages(pages.campaign_pages)
