"""Reads for the disclosure, the lasting rules and the public pages: a school's snapshots,
scoped to the viewer (404 outside, 403 inside without the right), and the public lookups."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import Http404

from vanguard.access import scope
from vanguard.campaigns.models import Campaign
from vanguard.opinions.models import Intake
from vanguard.people.models import Organization
from vanguard.rectification.models import Disclosure, LastingRule
from vanguard.web.views_public import school_top

PUBLISH = "rectification.publish_disclosure"
EDIT_RULES = "rectification.edit_rules"


def _sees(viewer, organization: Organization) -> bool:
    """In the viewer's reading scope: below a node they read at, or above one (a branch
    secretary sees their school exists); anything else answers 404."""
    return (scope.is_admin(viewer) or scope.holds(viewer, scope.READERS, organization)
            or scope.covers(viewer, scope.READERS, organization))


def _checked(viewer, organization: Organization, perm: str, obj=None) -> None:
    if not _sees(viewer, organization):
        raise Http404
    if not viewer.has_perm(perm, obj if obj is not None else organization):
        raise PermissionDenied


def get_school_for(viewer, code: str, perm: str) -> Organization:
    top = school_top(code)
    _checked(viewer, top, perm)
    return top


def get_campaign_of(pk: int, top: Organization) -> Campaign:
    """A campaign the school takes part in (its plan in it); 404 otherwise."""
    campaign = Campaign.objects.filter(pk=pk, plans__organization=top).first()
    if campaign is None:
        raise Http404
    return campaign


def school_disclosures(campaign: Campaign, top: Organization):
    """The school's snapshots in a campaign, newest first, without their content."""
    return (Disclosure.objects.filter(campaign=campaign, organization=top)
            .defer("content").select_related("superseded_by", "published_by"))


def get_disclosure_for(viewer, pk: int) -> Disclosure:
    disclosure = Disclosure.objects.select_related(
        "campaign", "organization__school", "superseded_by", "published_by").filter(
        pk=pk).first()
    if disclosure is None:
        raise Http404
    _checked(viewer, disclosure.organization, PUBLISH)
    return disclosure


def school_rules(campaign: Campaign, top: Organization):
    return LastingRule.objects.filter(campaign=campaign, organization=top)


def get_rule_for(viewer, pk: int) -> LastingRule:
    rule = LastingRule.objects.select_related("campaign", "organization").filter(pk=pk).first()
    if rule is None:
        raise Http404
    _checked(viewer, rule.organization, EDIT_RULES)
    return rule


# --- public (no login) ----------------------------------------------------------------------

@dataclass
class CampaignDisclosures:
    campaign: Campaign
    latest: Disclosure
    older: list[Disclosure] = field(default_factory=list)


def public_disclosures(top: Organization) -> list[CampaignDisclosures]:
    """Per campaign (newest first): the current snapshot and the older or superseded ones.
    One query, without the contents."""
    rows = (Disclosure.objects.filter(organization=top).defer("content")
            .select_related("campaign", "superseded_by")
            .order_by("-campaign__starts_on", "campaign_id", "-number"))
    groups: dict[int, CampaignDisclosures] = {}
    for row in rows:
        group = groups.get(row.campaign_id)
        if group is None:
            groups[row.campaign_id] = CampaignDisclosures(row.campaign, row)
        else:
            group.older.append(row)
    return list(groups.values())


def get_public_disclosure(top: Organization, number: int) -> Disclosure:
    disclosure = (Disclosure.objects.filter(organization=top, number=number)
                  .select_related("campaign", "superseded_by").first())
    if disclosure is None:
        raise Http404
    return disclosure


def comment_intake(disclosure: Disclosure) -> Intake | None:
    """The school's opinion intake of the campaign (phase 2's channels), if it has one."""
    return (Intake.objects.filter(campaign_id=disclosure.campaign_id,
                                  organization_id=disclosure.organization_id)
            .select_related("activity__phase", "campaign", "organization").first())


def find_item(disclosure: Disclosure, item_id: int) -> tuple[dict, dict] | None:
    """(plan, item) of the snapshot with that item id, read from the frozen content."""
    for plan in disclosure.content.get("plans", []):
        for item in plan.get("items", []):
            if item.get("id") == item_id:
                return plan, item
    return None
