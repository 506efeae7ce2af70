"""Links to the publicity pages on the campaign page (role checks only, no queries beyond the
roles read once per request)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from vanguard.access import scope


def campaign_pages(campaign, user) -> list[tuple[str, str]]:
    links = []
    if scope.is_admin(user) or scope.role_paths(user, scope.READERS):
        links = [
            (_("Practice activities"), reverse("publicity:activities", args=[campaign.pk])),
            (_("Exemplars"), reverse("publicity:exemplars", args=[campaign.pk])),
            (_("News"), reverse("publicity:news_list", args=[campaign.pk])),
        ]
    links.append((_("Public campaign page"), reverse("publicity:public", args=[campaign.pk])))
    return links
