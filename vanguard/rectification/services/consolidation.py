"""Consolidation (巩固整改成果): after the concentrated phase the ledger stays open until the
campaign's end plus the template's `consolidation_days`, and the people responsible for open
items hear of deadlines that come near or have passed, once a day at most."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vanguard.campaigns import builtin
from vanguard.campaigns.models import Activity, Campaign, Notification, Phase
from vanguard.core import clock
from vanguard.people.models import Organization
from vanguard.rectification import selectors
from vanguard.rectification.activities import LEDGER_KIND
from vanguard.rectification.models import Item

WARN_DAYS = 7
OPEN = (Item.Status.OPEN, Item.Status.IN_PROGRESS)
KEY = "rectification:{day}"


def consolidation_days(campaign: Campaign) -> int | None:
    """The template's `consolidation_days` (the seed: 75), from the figures the campaign copied
    at launch; the campaign's copy of the template is parsed only when they lack it, since
    parsing the YAML costs about 60 ms, on every page that shows the period's end."""
    value = (campaign.figures or {}).get("consolidation_days")
    if value is None:
        value = builtin.parse(campaign.template_source).figure("consolidation_days")
    return int(Decimal(str(value))) if value is not None else None


def consolidation_ends_on(campaign: Campaign) -> dt.date | None:
    days = consolidation_days(campaign)
    return campaign.ends_on + dt.timedelta(days=days) if days is not None else None


def _ledger_activity(campaign: Campaign, organization: Organization) -> Activity | None:
    """The ledger step of the plan the organization follows (the deepest plan above it)."""
    activities = [a for a in Activity.objects.filter(plan__campaign=campaign, kind=LEDGER_KIND)
                  .select_related("phase", "plan__organization")
                  if organization.path.startswith(a.plan.organization.path)]
    return max(activities, key=lambda a: a.plan.organization.depth, default=None)


def _open_for_reminders(phase: Phase, ends_on: dt.date | None, today: dt.date) -> bool:
    if phase.state == Phase.State.OPEN:
        return True
    return phase.state == Phase.State.CLOSED and ends_on is not None and today <= ends_on


def consolidation_state(campaign: Campaign, organization: Organization,
                        *, today: dt.date | None = None) -> tuple[bool, dt.date | None]:
    """(in consolidation?, the day it ends): in consolidation once the organization's
    rectification phase is closed, until the campaign's end plus `consolidation_days`."""
    today = today or clock.today()
    ends_on = consolidation_ends_on(campaign)
    activity = _ledger_activity(campaign, organization)
    if activity is None or ends_on is None:
        return False, ends_on
    return activity.phase.state == Phase.State.CLOSED and today <= ends_on, ends_on


def _active_plan_paths(today: dt.date) -> dict[int, dict[str, bool]]:
    """Per campaign, each plan's path with whether its ledger is open for reminders now."""
    ends: dict[int, dt.date | None] = {}
    paths: dict[int, dict[str, bool]] = defaultdict(dict)
    ledgers = Activity.objects.filter(kind=LEDGER_KIND).exclude(
        phase__state=Phase.State.PENDING).select_related("phase", "plan__organization",
                                                         "plan__campaign")
    for activity in ledgers:
        campaign = activity.plan.campaign
        if campaign.pk not in ends:
            ends[campaign.pk] = consolidation_ends_on(campaign)
        paths[campaign.pk][activity.plan.organization.path] = _open_for_reminders(
            activity.phase, ends[campaign.pk], today)
    return {pk: p for pk, p in paths.items() if any(p.values())}


def _covered(path: str, plan_paths: dict[str, bool]) -> bool:
    """Whether the deepest plan above an item's organization has its ledger open."""
    deepest = max((p for p in plan_paths if path.startswith(p)), key=len, default=None)
    return deepest is not None and plan_paths[deepest]


def due_items(today: dt.date) -> list[dict]:
    """Open items of approved plans, due within WARN_DAYS days or overdue, with a responsible
    person, whose ledger is open (the phase, or the consolidation period after it)."""
    active = _active_plan_paths(today)
    if not active:
        return []
    rows = (Item.objects.filter(
        campaign_id__in=list(active), status__in=OPEN, responsible__isnull=False,
        deadline__lte=today + dt.timedelta(days=WARN_DAYS)).filter(selectors.on_the_ledger())
        .values("id", "campaign_id", "organization__path", "responsible_id",
                "deadline", "problem").order_by("deadline", "id"))
    return [r for r in rows if _covered(r["organization__path"], active[r["campaign_id"]])]


def _text(rows: list[dict], today: dt.date) -> str:
    first = rows[0]
    values = {"n": len(rows), "day": first["deadline"].isoformat(),
              "problem": first["problem"][:40]}
    if first["deadline"] < today:
        return _("%(n)d rectification items of yours are open and due; the earliest, "
                 "“%(problem)s”, was due on %(day)s.") % values
    return _("%(n)d rectification items of yours are due soon; the first, “%(problem)s”, is "
             "due on %(day)s.") % values


@transaction.atomic
def send_rectification_reminders(*, today: dt.date | None = None) -> int:
    """One notification a day per responsible person, naming their items that are due within
    WARN_DAYS days or overdue; a second run the same day adds nothing (the key is the day)."""
    today = today or clock.today()
    by_person: dict[int, list[dict]] = defaultdict(list)
    for row in due_items(today):
        by_person[row["responsible_id"]].append(row)
    key = KEY.format(day=today.isoformat())
    reminded = set(Notification.objects.filter(key=key, person_id__in=list(by_person))
                   .values_list("person_id", flat=True))
    url = reverse("campaigns:my_tasks")
    with translation.override(settings.LANGUAGE_CODE):
        texts = {pk: _text(rows, today) for pk, rows in by_person.items() if pk not in reminded}
    # ignore_conflicts: a second run at the same moment must not fail on the unique key.
    Notification.objects.bulk_create(
        [Notification(person_id=pk, text=text[:300], url=url, key=key)
         for pk, text in texts.items()], ignore_conflicts=True)
    # No mail from here: the morning digest (campaigns.services.digest) sends the day's
    # notifications together, in the channels each person chose.
    return len(texts)
