"""Links to the coverage pages on the campaign page (role checks only), and the phase-1 gate's
figure for graduates (registered here, when the app's ready() imports this module)."""

from django.urls import reverse
from django.utils.translation import gettext

from vanguard.access import scope as access_scope
from vanguard.campaigns import registry
from vanguard.oversight.selectors.coverage import graduates_reached


def campaign_pages(campaign, user) -> list[tuple[str, str]]:
    if access_scope.is_admin(user) or access_scope.role_paths(user, access_scope.READERS):
        return [(gettext("Coverage of members"),
                 reverse("oversight:coverage", args=[campaign.pk]))]
    return []


registry.register_phase_facts(graduates_reached)
