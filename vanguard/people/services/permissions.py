"""The check every people service starts with: refuse, with a message, what the actor may not do."""

from django.utils.translation import gettext as _

from vanguard.people.errors import PeopleError


def require(actor, perm: str, obj=None) -> None:
    if actor is None:  # the platform itself (an operator's command) acts with full authority
        return
    if not actor.has_perm(perm, obj):
        raise PeopleError(_("You are not allowed to do this here."), code="forbidden")
