"""Links to the supervision pages on the campaign page (role checks only)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from vanguard.access import scope
from vanguard.access.models import Role


def campaign_pages(campaign, user) -> list[tuple[str, str]]:
    roles = scope.roles_of(user)
    admin = scope.is_admin(user)
    links = []
    if admin or any(r.kind == Role.Kind.OFFICE for r in roles) or any(
            r.kind == Role.Kind.SUPERVISOR and r.source.startswith("supervision:")
            for r in roles):
        links.append((_("Supervision groups"),
                      reverse("oversight:supervision_groups", args=[campaign.pk])))
    if any(r.kind in (Role.Kind.OFFICE, Role.Kind.SECRETARY) and r.organization
           and r.organization.school_id for r in roles):
        links.append((_("Supervision findings about our school"),
                      reverse("oversight:supervision_school_findings", args=[campaign.pk])))
    if admin or any(r.kind in (Role.Kind.OFFICE, Role.Kind.LEADER, Role.Kind.SUPERVISOR)
                    for r in roles):
        links.append((_("Red flags"), reverse("oversight:supervision_flags",
                                              args=[campaign.pk])))
    return links
