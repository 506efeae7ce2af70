"""Keeping the ledger's derived figures in step: each member's running totals (HoursTotal), their
study-hours task, and the 24-hour day rule every writer checks."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from vanguard.campaigns.models import Assignment, Campaign
from vanguard.campaigns.services import rollup
from vanguard.people.models import Member, Person
from vanguard.study.errors import StudyError
from vanguard.study.models import HoursEntry, HoursTotal
from vanguard.study.models.hours import MAX_HOURS_A_DAY, StudyKind
from vanguard.study.selectors_hours import KIND, Minimums
from vanguard.study.services import progress

ZERO = Decimal(0)
ONE_PLACE = Decimal("0.1")
# SQLite caps the parameters of one query; PostgreSQL is happy with far more.
CHUNK = 500


def chunks(values: Iterable, size: int = CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def names_of(ids) -> str:
    names = Person.objects.filter(pk__in=list(ids)[:20]).order_by("name") \
        .values_list("name", flat=True)
    return "、".join(names) or ", ".join(str(i) for i in ids)


def lock_people(ids) -> None:
    """Lock the people's rows so that two writers cannot both pass the 24-hour day rule."""
    for chunk in chunks(sorted(set(ids))):
        list(Person.objects.select_for_update().filter(pk__in=chunk).order_by("pk")
             .values_list("pk", flat=True))


def stored_day_totals(person_ids, days) -> dict[tuple[int, dt.date], Decimal]:
    """Hours already on the ledgers (every campaign) of these people on these days."""
    totals: dict[tuple[int, dt.date], Decimal] = {}
    days = sorted(set(days))
    for chunk in chunks(sorted(set(person_ids))):
        rows = (HoursEntry.objects.filter(person_id__in=chunk, studied_on__in=days)
                .values("person_id", "studied_on").annotate(total=Sum("hours")).order_by())
        totals.update({(r["person_id"], r["studied_on"]): Decimal(r["total"]).quantize(
            ONE_PLACE) for r in rows})
    return totals


def check_day_totals(adding: dict[tuple[int, dt.date], Decimal]) -> None:
    """Refuse if any person would have more than 24 hours on one day."""
    stored = stored_day_totals({p for p, _d in adding}, {d for _p, d in adding})
    over = [(key, stored.get(key, ZERO) + hours) for key, hours in adding.items()
            if stored.get(key, ZERO) + hours > MAX_HOURS_A_DAY]
    if over:
        (person_id, day), total = over[0]
        raise StudyError(
            _("%(name)s would have %(total)s hours on %(date)s (%(stored)s already recorded); "
              "at most 24 hours a day are counted. Nothing was recorded.")
            % {"name": names_of([person_id]), "total": total, "date": day,
               "stored": stored.get((person_id, day), ZERO)}, code="day_over_24")


def refresh_totals(campaign: Campaign, person_ids) -> dict[int, HoursTotal]:
    """Recompute the people's totals from their ledger: one aggregate per chunk of people."""
    totals: dict[int, HoursTotal] = {}
    for chunk in chunks(sorted(set(person_ids))):
        sums: dict[int, dict[str, Decimal]] = defaultdict(dict)
        for row in (HoursEntry.objects.filter(campaign=campaign, person_id__in=chunk)
                    .values("person_id", "kind").annotate(hours=Sum("hours")).order_by()):
            sums[row["person_id"]][row["kind"]] = Decimal(row["hours"]).quantize(ONE_PLACE)
        stored = {t.person_id: t for t in
                  HoursTotal.objects.filter(campaign=campaign, person_id__in=chunk)}
        branches = dict(Member.objects.filter(person_id__in=chunk)
                        .values_list("person_id", "organization_id"))
        new, changed = [], []
        for person_id in chunk:
            kinds = dict(sums.get(person_id, {}))
            self_study = kinds.pop(StudyKind.SELF, ZERO)
            values = {"organized": sum(kinds.values(), ZERO), "self_study": self_study,
                      "by_kind": {k: str(v) for k, v in sorted(kinds.items())}}
            total = stored.get(person_id)
            branch = branches.get(person_id) or (total.organization_id if total else None)
            if branch is None:
                continue  # neither a member nor any total: nothing to keep
            if total is None:
                total = HoursTotal(campaign=campaign, person_id=person_id,
                                   organization_id=branch, **values)
                new.append(total)
            elif (total.organized, total.self_study, total.by_kind,
                  total.organization_id) != (*values.values(), branch):
                for name, value in values.items():
                    setattr(total, name, value)
                total.organization_id = branch
                changed.append(total)
            totals[person_id] = total
        HoursTotal.objects.bulk_create(new, batch_size=CHUNK)
        HoursTotal.objects.bulk_update(
            changed, ["organized", "self_study", "by_kind", "organization"], batch_size=CHUNK)
    return totals


def _met(total: HoursTotal | None, minimums: Minimums) -> bool:
    if total is None:
        return minimums.met(ZERO, ZERO, {})
    return minimums.met(total.organized, total.self_study, total.by_kind)


def refresh_tasks(campaign: Campaign, totals: dict[int, HoursTotal]) -> None:
    """Each person's study-hours task done exactly when their totals meet its minimums.

    The tasks are read in one query per chunk of people (the first per person, as
    `progress.assignment_for` picks it) and moved set-wise (`rollup.set_statuses`), so a
    100,000-row import does not update tasks and counters one person at a time.
    """
    minimums: dict[int, Minimums] = {}
    for chunk in chunks(sorted(totals)):
        seen: set[int] = set()
        done, pending = [], []
        tasks = (Assignment.objects.filter(person_id__in=chunk, activity__kind=KIND,
                                           activity__plan__campaign=campaign)
                 .select_related("activity").order_by("person_id", "due_on", "id"))
        for task in tasks:
            if task.person_id in seen:
                continue
            seen.add(task.person_id)
            if task.activity_id not in minimums:
                minimums[task.activity_id] = Minimums.of(task.activity, campaign)
            met = _met(totals.get(task.person_id), minimums[task.activity_id])
            (done if met else pending).append(task)
        rollup.set_statuses(done, Assignment.Status.DONE)
        rollup.set_statuses(pending, Assignment.Status.PENDING)


def refresh_one(campaign: Campaign, person: Person) -> None:
    total = refresh_totals(campaign, [person.pk]).get(person.pk)
    task = progress.assignment_for(person, campaign, KIND)
    if task is not None:
        progress.mark(task, done=_met(total, Minimums.of(task.activity, campaign)))
