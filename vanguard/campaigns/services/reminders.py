"""Reminders to people who fall behind: one a day, in the app; the daily digest
(services/digest.py) carries it to the channels each person chose (email …)."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vanguard.campaigns.models import Assignment, Notification, Phase
from vanguard.core import clock

WARN_DAYS = 3


@transaction.atomic
def send_reminders(*, today: dt.date | None = None) -> int:
    """Remind everyone with open-phase tasks due within WARN_DAYS days or overdue.

    One aggregate query finds them; each person gets at most one reminder a day (a unique
    key)."""
    today = today or clock.today()
    behind = (Assignment.objects.filter(
        status=Assignment.Status.PENDING, required=True,
        activity__phase__state=Phase.State.OPEN, due_on__lte=today + dt.timedelta(WARN_DAYS))
        .values("person_id")
        .annotate(count=Count("id"), first_due=Min("due_on")).order_by())
    key = f"reminder:{today.isoformat()}"
    url = reverse("campaigns:my_tasks")
    reminded = set(Notification.objects.filter(key=key).values_list("person_id", flat=True))
    with translation.override(settings.LANGUAGE_CODE):
        rows = [(b, _reminder_text(b["count"], b["first_due"], today)) for b in behind
                if b["person_id"] not in reminded]
    # ignore_conflicts: a second run at the same moment must not fail on the unique key.
    # No mail of its own: the digest that follows (beat) sends it with the day's other news.
    Notification.objects.bulk_create(
        [Notification(person_id=b["person_id"], text=text, url=url, key=key) for b, text in rows],
        ignore_conflicts=True)
    return len(rows)


def _reminder_text(count: int, first_due: dt.date, today: dt.date) -> str:
    if first_due < today:
        return _("%(n)d tasks are waiting for you; the earliest was due on %(day)s.") % {
            "n": count, "day": first_due.isoformat()}
    return _("%(n)d tasks are waiting for you; the next is due on %(day)s.") % {
        "n": count, "day": first_due.isoformat()}
