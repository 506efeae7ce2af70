"""The ledger (整改台账): an approved plan's items move open → in progress → done (with
evidence) → verified by the superior's office (对账销号). Overdue is read from the date, never
stored. Each move keeps the member's ledger task in step."""

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit, predicates
from vanguard.core import clock
from vanguard.rectification import selectors
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import Item, Owner
from vanguard.rectification.services import plans
from vanguard.rectification.services.plans import person_pk

S = Item.Status


def may_update(user, item: Item) -> bool:
    """Who works an item: the plan's member, the item's responsible person, whoever runs the
    item's organization (its secretary, an office over it), and for the team's items the
    principal leader."""
    own = person_pk(user)
    if own is not None and own in (item.plan.person_id, item.responsible_id):
        return True
    if item.plan.owner_kind == Owner.TEAM:
        return plans.may_write(user, item.plan)
    return predicates.runs_org.test(user, item.organization)


def may_verify(user, item: Item) -> bool:
    """The office strictly above the item's organization: the school office for a member's or
    a branch's item, the superior's office for the team's."""
    return user.has_perm("rectification.verify_item", item)


def locked(item: Item) -> Item:
    return Item.objects.select_for_update(of=("self",)).select_related(
        "plan__campaign", "plan__activity__phase", "plan__activity__plan", "organization").get(
        pk=item.pk)


def require_workable(actor, item: Item) -> None:
    """Checks shared by every move: permission, an approved plan, the time window."""
    if not may_update(actor, item):
        raise RectificationError(_("You are not allowed to work on this item."),
                                 code="forbidden")
    if not selectors.is_on_the_ledger(item):
        raise RectificationError(_("The item moves on the ledger once its plan is approved."),
                                 code="not_approved")
    plans.require_time(item.plan.activity, item.plan.campaign)


def _move(actor, item: Item, status: str, action: str, **fields) -> Item:
    before = item.status
    item.status = status
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=["status", *fields, "updated_at"])
    plans.sync_member_tasks(item.plan)
    audit.record(actor=actor, action=action, target=item, changes={"status": [before, status]})
    return item


@transaction.atomic
def start_item(*, actor, item: Item) -> Item:
    """Open → in progress."""
    item = locked(item)
    require_workable(actor, item)
    if item.status != S.OPEN:
        raise RectificationError(_("Only an open item is started."), code="status")
    return _move(actor, item, S.IN_PROGRESS, "rectification.item.started")


@transaction.atomic
def mark_done(*, actor, item: Item) -> Item:
    """In progress (or open) → done, only with evidence of what was done."""
    item = locked(item)
    require_workable(actor, item)
    if item.status not in (S.OPEN, S.IN_PROGRESS):
        raise RectificationError(_("This item is already done."), code="status")
    if not item.evidence.exists():
        raise RectificationError(_("Add evidence of what was done (a text or a file) before "
                                   "marking the item done."), code="no_evidence")
    return _move(actor, item, S.DONE, "rectification.item.done", done_at=clock.now())


@transaction.atomic
def verify_item(*, actor, item: Item) -> Item:
    """Done → verified (对账销号), by the superior's office alone."""
    item = locked(item)
    if not may_verify(actor, item):
        raise RectificationError(_("Only the office of the organization above the item's "
                                   "verifies it (对账销号)."), code="forbidden")
    if item.status != S.DONE:
        raise RectificationError(_("Only an item marked done, with its evidence, is "
                                   "verified."), code="status")
    if audit.last_actor_id(item, "rectification.item.done") == actor.pk:
        raise RectificationError(_("You marked this item done yourself: another person of the "
                                   "office above verifies it."), code="own_item")
    return _move(actor, item, S.VERIFIED, "rectification.item.verified",
                 verified_at=clock.now(), verified_by=actor)


@transaction.atomic
def send_back(*, actor, item: Item) -> Item:
    """Done → in progress: the superior's office does not accept the evidence as it is."""
    item = locked(item)
    if not may_verify(actor, item):
        raise RectificationError(_("Only the office of the organization above the item's "
                                   "verifies it (对账销号)."), code="forbidden")
    if item.status != S.DONE:
        raise RectificationError(_("Only an item marked done is sent back."), code="status")
    return _move(actor, item, S.IN_PROGRESS, "rectification.item.sent_back", done_at=None)
