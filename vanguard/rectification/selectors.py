"""Reads of the rectification app, scoped to the viewer."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from vanguard.campaigns import audience
from vanguard.core import clock
from vanguard.people.models import Organization
from vanguard.rectification.models import Item, Owner, RectificationPlan

OPEN_STATUSES = (Item.Status.OPEN, Item.Status.IN_PROGRESS)


def overdue(queryset):
    """Items past their deadline and not done: overdue is a state read from the date, never
    stored, so it cannot go stale."""
    return queryset.filter(status__in=OPEN_STATUSES, deadline__lt=clock.today())


def unit_plans_approved(activity, scope) -> list[tuple[str, int, int]]:
    """(label, approved, required) for primary organizations' plans (one per branch with
    members) and leadership teams' plans (one per school), in `scope`."""
    plans = RectificationPlan.objects.filter(
        campaign_id=activity.plan.campaign_id, organization__path__startswith=scope.path,
        status=RectificationPlan.Status.APPROVED).aggregate(
        organizations=Count("pk", filter=Q(owner_kind=Owner.ORGANIZATION)),
        teams=Count("pk", filter=Q(owner_kind=Owner.TEAM)))
    branches = Organization.objects.filter(
        audience.covered(activity.plan, ""), path__startswith=scope.path,
        kind=Organization.Kind.BRANCH, members__isnull=False).distinct().count()
    schools = audience.school_count(activity.plan, scope)
    return [(_("Primary organizations' plans approved"), plans["organizations"], branches),
            (_("Leadership teams' plans approved"), plans["teams"], schools)]


def ledger_figures(activity, scope) -> list[tuple[str, int]]:
    """Items in `scope` by state, and how many are overdue (one query)."""
    today = clock.today()
    counts = Item.objects.filter(campaign_id=activity.plan.campaign_id,
                                 organization__path__startswith=scope.path).aggregate(
        total=Count("pk"),
        solved=Count("pk", filter=Q(status__in=(Item.Status.DONE, Item.Status.VERIFIED))),
        verified=Count("pk", filter=Q(status=Item.Status.VERIFIED)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, deadline__lt=today)))
    return [(_("Rectification items"), counts["total"]),
            (_("Items solved"), counts["solved"]),
            (_("Items verified by the superior"), counts["verified"]),
            (_("Items overdue"), counts["overdue"])]
