"""The check every service starts with: refuse, with a message, what the actor may not do."""

from django.utils.translation import gettext as _

from vanguard.campaigns.errors import CampaignError


def require(actor, perm: str, obj=None) -> None:
    if actor is None:  # the system (calendar, jobs) acts with the platform's authority
        return
    if not actor.has_perm(perm, obj):
        raise CampaignError(_("You are not allowed to do this here."), code="forbidden")
