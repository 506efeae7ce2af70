"""The register of lasting rules (长效机制) a school adopts: added, edited and removed by the
office, each change audited; a rule already in a published disclosure is not removed (the
public saw it: a correction says what changed)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Campaign
from vanguard.campaigns.services.notices import plain_text
from vanguard.core import clock
from vanguard.people.models import Organization
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import LastingRule
from vanguard.rectification.services.disclosure import is_published_rule, is_school_top

MAX_TITLE = 120
MAX_TEXT = 10_000
MAX_OWNER = 60
FIELDS = ("title", "text", "adopted_on", "owner")


def _require(actor, organization: Organization) -> None:
    if not actor.has_perm("rectification.edit_rules", organization):
        raise RectificationError(_("You are not allowed to do this here."), code="forbidden")


def _bounded(value: str, *, limit: int, empty: str, code: str, multiline: bool = False) -> str:
    # The raw value is bounded before cleaning, so a huge paste is refused cheaply.
    if len(value or "") > 4 * limit:
        raise RectificationError(_("At most %(n)d characters.") % {"n": limit}, code=code)
    value = plain_text(value) if multiline else " ".join(plain_text(value).split())
    if not value:
        raise RectificationError(empty, code=code)
    if len(value) > limit:
        raise RectificationError(_("At most %(n)d characters (it has %(has)d).")
                                 % {"n": limit, "has": len(value)}, code=code)
    return value


def _checked(title: str, text: str, adopted_on: dt.date | None, owner: str) -> dict:
    values = {
        "title": _bounded(title, limit=MAX_TITLE, empty=_("Give the rule a title."),
                          code="title"),
        "text": _bounded(text, limit=MAX_TEXT, empty=_("Write the text of the rule."),
                         code="text", multiline=True),
        "owner": _bounded(owner, limit=MAX_OWNER,
                          empty=_("Name the department or person responsible for the rule."),
                          code="owner"),
    }
    if adopted_on is None:
        raise RectificationError(_("Give the date the rule was adopted."), code="adopted_on")
    if adopted_on > clock.today():
        raise RectificationError(_("The date of adoption cannot be in the future: record the "
                                   "rule once it is adopted."), code="adopted_on")
    values["adopted_on"] = adopted_on
    return values


def _snapshot(rule: LastingRule) -> dict:
    return {f: getattr(rule, f) for f in FIELDS}


def _locked(rule: LastingRule) -> LastingRule:
    return LastingRule.objects.select_for_update(of=("self",)).select_related(
        "organization", "campaign").get(pk=rule.pk)


@transaction.atomic
def add_rule(*, actor, campaign: Campaign, organization: Organization, title: str, text: str,
             adopted_on: dt.date | None, owner: str) -> LastingRule:
    _require(actor, organization)
    if not is_school_top(organization) or not organization.path.startswith(
            campaign.organization.path):
        raise RectificationError(_("Lasting rules are registered for a school of the "
                                   "campaign."), code="not_school")
    values = _checked(title, text, adopted_on, owner)
    rule = LastingRule.objects.create(campaign=campaign, organization=organization, **values)
    audit.record(actor=actor, action="rectification.rule.added", target=rule,
                 changes=audit.field_diff({}, values | {"text": len(values["text"])}))
    return rule


@transaction.atomic
def update_rule(*, actor, rule: LastingRule, title: str, text: str,
                adopted_on: dt.date | None, owner: str) -> LastingRule:
    """Change the register. A disclosure already published keeps the text it showed."""
    rule = _locked(rule)
    _require(actor, rule.organization)
    values = _checked(title, text, adopted_on, owner)
    before = _snapshot(rule)
    for field, value in values.items():
        setattr(rule, field, value)
    rule.save(update_fields=[*FIELDS, "updated_at"])
    changes = audit.field_diff(before, values)
    if "text" in changes:
        changes["text"] = [len(before["text"]), len(values["text"])]
    audit.record(actor=actor, action="rectification.rule.updated", target=rule, changes=changes)
    return rule


@transaction.atomic
def remove_rule(*, actor, rule: LastingRule) -> None:
    rule = _locked(rule)
    _require(actor, rule.organization)
    if is_published_rule(rule):
        raise RectificationError(_("This rule is in a published disclosure and cannot be "
                                   "removed. Edit it instead (say that it is repealed, and "
                                   "since when), then publish a correction."), code="published")
    audit.record(actor=actor, action="rectification.rule.removed", target=rule,
                 changes={"title": [rule.title, None], "adopted_on": [str(rule.adopted_on),
                                                                      None]})
    rule.delete()
