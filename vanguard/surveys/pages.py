"""The link to the preparation survey on the campaign page (role checks only)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from vanguard.access import scope
from vanguard.access.models import Role

# Who reads a survey's results somewhere: the offices, leaders and supervisors (a branch
# secretary reads below the school's top organization, where no survey is held).
READERS = (Role.Kind.OFFICE, Role.Kind.LEADER, Role.Kind.SUPERVISOR)


def campaign_pages(campaign, user) -> list[tuple[str, str]]:
    if not (scope.is_admin(user) or scope.role_paths(user, READERS)):
        return []
    return [(_("Preparation survey"), reverse("surveys:campaign", args=[campaign.pk]))]
