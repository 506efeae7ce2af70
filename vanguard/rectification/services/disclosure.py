"""Disclosure (公布整改): a school's approved plans, measures, results and lasting rules frozen
into a numbered snapshot with the sha256 of its canonical JSON; a correction is a new
snapshot and the old one is marked superseded, never changed.

Numbers run per school across campaigns (1, 2, 3 …), so that the public address
`public/<school code>/<number>/` names exactly one snapshot.
"""

import hashlib
import json

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Campaign
from vanguard.core import clock
from vanguard.people.models import Organization
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import (
    Disclosure,
    Item,
    LastingRule,
    Owner,
    RectificationPlan,
)

FORMAT = 1
MAX_TITLE = 120
MAX_NOTE = 500
SOLVED = (Item.Status.DONE, Item.Status.VERIFIED)
OPEN = (Item.Status.OPEN, Item.Status.IN_PROGRESS)
# The team's plan first, then the organizations' (the school's, then its branches), then members'.
OWNER_ORDER = {Owner.TEAM: 0, Owner.ORGANIZATION: 1, Owner.MEMBER: 2}


def canonical_json(content: dict) -> bytes:
    """The bytes the digest is taken over: keys sorted, no spaces, UTF-8. Anyone can rebuild
    them from the published JSON and check the sha256 shown on the page."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def digest(content: dict) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def _require(actor, organization: Organization) -> None:
    if not actor.has_perm("rectification.publish_disclosure", organization):
        raise RectificationError(_("You are not allowed to do this here."), code="forbidden")


def is_school_top(organization: Organization) -> bool:
    """A school's top organization (its committee or general branch): what is disclosed."""
    if organization.school_id is None:
        return False
    return not Organization.objects.filter(school_id=organization.school_id,
                                           depth__lt=organization.depth).exists()


def _checked_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise RectificationError(_("Give the disclosure a title."), code="title")
    if len(title) > MAX_TITLE:
        raise RectificationError(_("The title may be at most %(n)d characters (it has %(has)d).")
                                 % {"n": MAX_TITLE, "has": len(title)}, code="title")
    return title


def _members_public(plan: RectificationPlan) -> bool:
    return bool((plan.activity.settings or {}).get("member_items_public", False))


def _approved_plans(campaign: Campaign, top: Organization) -> list[RectificationPlan]:
    """The school's approved plans that have something public, in the order shown. A member's
    plan counts only where the template makes members' items public."""
    plans = (RectificationPlan.objects
             .filter(campaign=campaign, organization__path__startswith=top.path,
                     status=RectificationPlan.Status.APPROVED)
             .select_related("organization", "person", "activity")
             .prefetch_related(Prefetch("items", queryset=Item.objects.order_by("order", "id"))))
    shown = [p for p in plans if p.owner_kind != Owner.MEMBER or _members_public(p)]
    return sorted(shown, key=lambda p: (OWNER_ORDER[p.owner_kind], p.organization.path,
                                        p.person.name if p.person else "", p.pk))


def _subject(plan: RectificationPlan, top: Organization) -> str:
    """The opinion form's subject token for a comment on this plan's items."""
    if plan.owner_kind == Owner.TEAM:
        return "team"
    if plan.owner_kind == Owner.MEMBER:
        return f"member:{plan.person_id}"
    if plan.organization.kind == Organization.Kind.BRANCH:
        return f"branch:{plan.organization_id}"
    return "party_org"


def _owner_name(plan: RectificationPlan) -> str:
    return plan.person.name if plan.person else plan.organization.name


def _item_content(item: Item, today) -> dict:
    later = item.item_class == Item.Class.LATER
    return {
        "id": item.pk,
        "problem": item.problem,
        "measures": item.measures,
        "standard": item.standard,
        "class": item.item_class,
        "deadline": item.deadline.isoformat() if item.deadline else None,
        "explanation": item.explanation if later else "",
        "status": item.status,
        "overdue": bool(item.deadline and item.status in OPEN and item.deadline < today),
        "responsible": item.responsible_name,
    }


def _plan_content(plan: RectificationPlan, top: Organization, today) -> dict:
    items = [i for i in plan.items.all()
             if plan.owner_kind != Owner.MEMBER or i.public]
    return {"owner_kind": plan.owner_kind, "owner": _owner_name(plan),
            "subject": _subject(plan, top), "items": [_item_content(i, today) for i in items]}


def _rules_content(campaign: Campaign, top: Organization) -> list[dict]:
    return [{"id": r.pk, "title": r.title, "text": r.text, "adopted_on": r.adopted_on.isoformat(),
             "owner": r.owner}
            for r in LastingRule.objects.filter(campaign=campaign, organization=top)]


def _counts(plans: list[dict]) -> dict:
    """Counted over the items the snapshot shows, so that anyone can recount them."""
    items = [i for p in plans for i in p["items"]]
    return {"items": len(items),
            "solved": sum(i["status"] in SOLVED for i in items),
            "verified": sum(i["status"] == Item.Status.VERIFIED for i in items),
            "overdue": sum(i["overdue"] for i in items)}


def build_content(*, campaign: Campaign, top: Organization, title: str, number: int,
                  published_at, supersedes: int | None = None, note: str = "") -> dict:
    """The snapshot's content from the records as they are now. Only plain JSON types (ISO
    dates as strings, integers, no floats), so that it reads back byte for byte."""
    today = clock.localdate_of(published_at)
    plans = [p for p in (_plan_content(plan, top, today)
                         for plan in _approved_plans(campaign, top)) if p["items"]]
    return {
        "format": FORMAT,
        "number": number,
        "title": title,
        "campaign": {"id": campaign.pk, "name": campaign.name},
        "organization": {"code": top.code, "name": top.name,
                         "school": top.school.name if top.school_id else ""},
        "published_at": published_at.isoformat(),
        "supersedes": supersedes,
        "correction_note": note,
        "counts": _counts(plans),
        "plans": plans,
        "rules": _rules_content(campaign, top),
    }


def _next_number(top: Organization) -> int:
    # The school's row is locked first, so two offices publishing at once get 1 and 2.
    Organization.objects.select_for_update().filter(pk=top.pk).first()
    last = Disclosure.objects.filter(organization=top).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _create(*, actor, campaign: Campaign, top: Organization, title: str,
            supersedes: Disclosure | None = None, note: str = "") -> Disclosure:
    number = _next_number(top)
    now = clock.now()
    content = build_content(campaign=campaign, top=top, title=title, number=number,
                            published_at=now, supersedes=supersedes.number if supersedes else None,
                            note=note)
    if not content["plans"]:
        raise RectificationError(
            _("There is nothing to publish yet: the school has no approved rectification plan "
              "with items to show."), code="nothing")
    return Disclosure.objects.create(
        campaign=campaign, organization=top, number=number, title=title, content=content,
        sha256=digest(content), published_at=now, published_by=actor, correction_note=note)


@transaction.atomic
def publish_disclosure(*, actor, campaign: Campaign, organization: Organization,
                       title: str) -> Disclosure:
    """Publish the school's plans, measures, results and lasting rules as a new snapshot."""
    _require(actor, organization)
    if not is_school_top(organization) or not organization.path.startswith(
            campaign.organization.path):
        raise RectificationError(_("A disclosure is published for a school of the campaign."),
                                 code="not_school")
    title = _checked_title(title)
    disclosure = _create(actor=actor, campaign=campaign, top=organization, title=title)
    audit.record(actor=actor, action="rectification.disclosure.published", target=disclosure,
                 changes={"number": [None, disclosure.number], "title": [None, title],
                          "sha256": [None, disclosure.sha256],
                          "items": [None, disclosure.content["counts"]["items"]]})
    return disclosure


@transaction.atomic
def correct_disclosure(*, actor, disclosure: Disclosure, note: str) -> Disclosure:
    """A new snapshot from the records as they are now, saying what was corrected; the old
    one stays public, marked superseded by the new one."""
    old = Disclosure.objects.select_for_update(of=("self",)).select_related(
        "campaign", "organization__school").get(pk=disclosure.pk)
    _require(actor, old.organization)
    note = " ".join((note or "").split())
    if not note:
        raise RectificationError(_("Say what the correction changes."), code="note")
    if len(note) > MAX_NOTE:
        raise RectificationError(_("The note may be at most %(n)d characters (it has %(has)d).")
                                 % {"n": MAX_NOTE, "has": len(note)}, code="note")
    if old.superseded_by_id is not None:
        raise RectificationError(_("This disclosure was already corrected; correct the latest "
                                   "one."), code="superseded")
    new = _create(actor=actor, campaign=old.campaign, top=old.organization, title=old.title,
                  supersedes=old, note=note)
    # The only field of a published snapshot ever written: the pointer to its correction.
    Disclosure.objects.filter(pk=old.pk).update(superseded_by=new)
    audit.record(actor=actor, action="rectification.disclosure.corrected", target=new,
                 changes={"number": [None, new.number], "supersedes": [None, old.number],
                          "note": [None, note], "sha256": [None, new.sha256]})
    audit.record(actor=actor, action="rectification.disclosure.superseded", target=old,
                 changes={"superseded_by": [None, new.number]})
    old.superseded_by = new
    return new


def edit_disclosure(*, actor, disclosure: Disclosure, **changes) -> Disclosure:
    """There is no edit: a published snapshot is frozen. The attempt is refused (and written
    to the audit log), whoever asks; a correction is the way to change what the public sees."""
    audit.record(actor=actor, action="rectification.disclosure.edit_refused", target=disclosure,
                 changes={"fields": [None, sorted(changes)]}, outcome="failure")
    raise RectificationError(_("A published disclosure cannot be changed. Publish a correction "
                               "instead: it becomes a new snapshot and this one stays visible, "
                               "marked superseded."), code="frozen")


def is_published_rule(rule: LastingRule) -> bool:
    """Whether the rule appears in any snapshot of its school (a few rows per school)."""
    contents = Disclosure.objects.filter(campaign_id=rule.campaign_id,
                                         organization_id=rule.organization_id
                                         ).values_list("content", flat=True)
    return any(r.get("id") == rule.pk for content in contents for r in content.get("rules", []))
