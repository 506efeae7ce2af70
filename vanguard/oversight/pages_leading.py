"""Links to the leading pages on the campaign page (role checks only)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from vanguard.access import scope


def campaign_pages(campaign, user) -> list[tuple[str, str]]:
    links = []
    if scope.is_admin(user) or scope.role_paths(user, scope.READERS):
        links.append((_("Leading groups"),
                      reverse("oversight:leading_groups", kwargs={"campaign": campaign.pk})))
    if _is_leader(user):
        links.append((_("My figures and my departments"),
                      reverse("oversight:leader_figures", kwargs={"campaign": campaign.pk})))
    return links


def _is_leader(user) -> bool:
    """A person in a school's leadership team: read once per request and kept on the user."""
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return False
    if not hasattr(user, "_vanguard_is_team_leader"):
        user._vanguard_is_team_leader = person.leader_posts.exists()
    return user._vanguard_is_team_leader
