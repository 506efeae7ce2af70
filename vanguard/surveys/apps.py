"""App config for surveys: the preparation survey of members and the public before launch."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "vanguard.surveys"
    label = "surveys"
    verbose_name = _("Preparation surveys")

    def ready(self) -> None:
        from vanguard.access import audit
        from vanguard.campaigns.registry import register_campaign_pages
        from vanguard.surveys import pages
        from vanguard.surveys.models import Choice, Response

        # Answers are written without an audit entry; should anything ever audit one, the
        # entry names nobody and carries no address.
        audit.register_anonymous(Response)
        audit.register_anonymous(Choice)
        register_campaign_pages(pages.campaign_pages)
