"""What the publicity services share: permission checks and where an organization may act."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from vanguard.people.models import Organization, Person
from vanguard.publicity.errors import PublicityError

MAX_PARTICIPANTS = 2000


def require(actor, perm: str, obj) -> None:
    if not actor.has_perm(perm, obj):
        raise PublicityError(_("You are not allowed to do this here."), code="forbidden")


def in_campaign(campaign, organization: Organization) -> bool:
    return organization.path.startswith(campaign.organization.path)


def require_school_unit(campaign, organization: Organization) -> None:
    """A school or one of its branches, inside the campaign's tree."""
    if organization.school_id is None or not in_campaign(campaign, organization):
        raise PublicityError(_("Choose a school or a branch that takes part in this campaign."),
                             code="organization")


def eligible_people(organization: Organization) -> QuerySet[Person]:
    """Who can take part in an organization's activity: the members registered in its
    subtree and, for a school's committee, every person of the school (teachers, students …)."""
    condition = Q(member__organization__path__startswith=organization.path)
    if organization.kind == Organization.Kind.COMMITTEE and organization.school_id:
        condition |= Q(school_id=organization.school_id)
    return Person.objects.filter(condition).distinct().order_by("name", "id")


def members_of(organization: Organization) -> QuerySet[Person]:
    """The party members registered in the organization's subtree (who may be exemplars)."""
    return Person.objects.filter(
        member__organization__path__startswith=organization.path).order_by("name", "id")


def text(value, *, limit: int, field: str, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise PublicityError(_("Fill in the %(field)s.") % {"field": field}, code="empty")
    if len(value) > limit:
        raise PublicityError(_("The %(field)s may be at most %(n)d characters.")
                             % {"field": field, "n": limit}, code="too_long")
    return value
