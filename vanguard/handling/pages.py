"""The register's link on the campaign page, for its keepers only (one small query)."""

from django.urls import reverse
from django.utils.translation import gettext as _


def campaign_pages(campaign, user) -> list[tuple[str, str]]:
    from vanguard.handling.selectors import keeps_any

    if not keeps_any(user):
        return []
    return [(_("Handling register"), reverse("handling:register"))]
