"""The school calendar: terms, exam periods and holidays kept by the office, the exam-period
check every scheduling service calls, and the warning of a meeting in teaching hours."""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import CalendarPeriod, TeachingHours
from vanguard.campaigns.services.permissions import require
from vanguard.people.models import Organization

MAX_NAME = 60
MAX_DAYS = 366
MIN_REASON = 5
MAX_REASON = 500
DEFAULT_TEACHING_HOURS = ("08:00", "17:00")
DEFAULT_WARNING_SHARE = 0.3


# --- where a calendar is kept and which periods apply ------------------------------------------

def is_calendar_holder(organization: Organization) -> bool:
    """A calendar is kept at a school's top organization or above the schools (district)."""
    if organization.school_id is None:
        return True
    return not Organization.objects.filter(school_id=organization.school_id,
                                           depth__lt=organization.depth).exists()


def holder_for(organization: Organization) -> Organization:
    """The organization whose calendar page shows what applies to `organization`."""
    if organization.school_id is None:
        return organization
    return (Organization.objects.filter(school_id=organization.school_id)
            .order_by("depth", "path").first()) or organization


def _lineage(organization: Organization) -> list[str]:
    step = Organization.steplen
    return [organization.path[:end] for end in range(step, len(organization.path) + 1, step)]


def periods_for(organization: Organization):
    """Every period that applies to `organization`: its own and those of the levels above
    (a district's exam week applies to each of its schools). One query."""
    return (CalendarPeriod.objects.filter(organization__path__in=_lineage(organization))
            .select_related("organization"))


# --- exam periods refuse a date unless overridden ----------------------------------------------

def exam_clashes(organization: Organization, days: Iterable[dt.date]
                 ) -> list[tuple[dt.date, CalendarPeriod]]:
    """(day, exam period) for each of `days` inside an exam period that applies."""
    days = sorted(set(days))
    if not days:
        return []
    exams = list(periods_for(organization).filter(
        kind=CalendarPeriod.Kind.EXAM, starts_on__lte=days[-1], ends_on__gte=days[0]))
    return [(day, period) for day in days for period in exams
            if period.starts_on <= day <= period.ends_on]


def clash_text(clashes) -> str:
    day, period = clashes[0]
    return _("%(day)s falls in the exam period %(name)s (%(first)s to %(last)s). Choose "
             "another date, or tick the override and give the reason.") % {
        "day": day.isoformat(), "name": period.name,
        "first": period.starts_on.isoformat(), "last": period.ends_on.isoformat()}


def check_exam_dates(organization: Organization, days: Iterable[dt.date], *,
                     override: bool, reason: str, error=CampaignError) -> dict | None:
    """Refuse (raising `error`) days in an exam period unless overridden with a reason.

    Returns what the caller writes into its audit entry when an override was used, or None
    when no day clashed (an unused override is not recorded)."""
    clashes = exam_clashes(organization, days)
    if not clashes:
        return None
    if not override:
        raise error(clash_text(clashes), code="exam_period")
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON or len(reason) > MAX_REASON:
        raise error(_("Give the reason for scheduling in the exam period (%(min)d to %(max)d "
                      "characters).") % {"min": MIN_REASON, "max": MAX_REASON},
                    code="exam_override_reason")
    return {"reason": reason,
            "periods": sorted({f"{p.name} {p.starts_on}–{p.ends_on}" for _day, p in clashes}),
            "days": sorted({str(day) for day, _p in clashes})}


# --- the office keeps the calendar -------------------------------------------------------------

def _checked(organization, kind, name, starts_on, ends_on, *, exclude=None) -> str:
    if not is_calendar_holder(organization):
        raise CampaignError(_("A calendar is kept by a school's top organization or by the "
                              "district, not by a branch."), code="not_holder")
    if kind not in CalendarPeriod.Kind.values:
        raise CampaignError(_("Choose term, exam period or holiday."), code="kind")
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME:
        raise CampaignError(_("Give the period a name of at most %(n)d characters.")
                            % {"n": MAX_NAME}, code="name")
    if starts_on is None or ends_on is None:
        raise CampaignError(_("Give the first and the last day of the period."), code="dates")
    if ends_on < starts_on:
        raise CampaignError(_("%(name)s ends (%(last)s) before it starts (%(first)s).")
                            % {"name": name, "first": starts_on, "last": ends_on},
                            code="dates_reversed")
    if (ends_on - starts_on).days >= MAX_DAYS:
        raise CampaignError(_("A period lasts at most a year."), code="too_long")
    others = CalendarPeriod.objects.filter(organization=organization)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.filter(kind=kind, name=name, starts_on=starts_on, ends_on=ends_on).exists():
        raise CampaignError(_("This period is already in the calendar."), code="duplicate")
    if kind == CalendarPeriod.Kind.TERM:
        # Exam periods and holidays may overlap anything; two terms cannot both be running.
        other = others.filter(kind=kind, starts_on__lte=ends_on, ends_on__gte=starts_on).first()
        if other is not None:
            raise CampaignError(
                _("%(name)s overlaps the term %(other)s (%(first)s to %(last)s); terms may not "
                  "overlap.") % {"name": name, "other": other.name, "first": other.starts_on,
                                 "last": other.ends_on}, code="term_overlap")
    return name


def _values(period: CalendarPeriod) -> dict:
    return {"kind": period.kind, "name": period.name, "starts_on": str(period.starts_on),
            "ends_on": str(period.ends_on)}


@transaction.atomic
def add_period(*, actor, organization: Organization, kind: str, name: str,
               starts_on: dt.date, ends_on: dt.date) -> CalendarPeriod:
    require(actor, "campaigns.edit_calendar", organization)
    name = _checked(organization, kind, name, starts_on, ends_on)
    period = CalendarPeriod.objects.create(organization=organization, kind=kind, name=name,
                                           starts_on=starts_on, ends_on=ends_on)
    audit.record(actor=actor, action="campaigns.calendar_period.added", target=period,
                 changes={k: [None, v] for k, v in _values(period).items()})
    return period


@transaction.atomic
def update_period(*, actor, period: CalendarPeriod, kind: str, name: str,
                  starts_on: dt.date, ends_on: dt.date) -> CalendarPeriod:
    period = CalendarPeriod.objects.select_for_update(of=("self",)).select_related(
        "organization").get(pk=period.pk)
    require(actor, "campaigns.edit_calendar", period.organization)
    name = _checked(period.organization, kind, name, starts_on, ends_on, exclude=period)
    before = _values(period)
    period.kind, period.name, period.starts_on, period.ends_on = kind, name, starts_on, ends_on
    period.save(update_fields=["kind", "name", "starts_on", "ends_on", "updated_at"])
    audit.record(actor=actor, action="campaigns.calendar_period.updated", target=period,
                 changes=audit.field_diff(before, _values(period)))
    return period


@transaction.atomic
def remove_period(*, actor, period: CalendarPeriod) -> None:
    require(actor, "campaigns.edit_calendar", period.organization)
    audit.record(actor=actor, action="campaigns.calendar_period.removed", target=period,
                 changes={k: [v, None] for k, v in _values(period).items()})
    period.delete()


@transaction.atomic
def set_teaching_hours(*, actor, organization: Organization, starts_at: dt.time,
                       ends_at: dt.time) -> TeachingHours:
    require(actor, "campaigns.edit_calendar", organization)
    if not is_calendar_holder(organization):
        raise CampaignError(_("A calendar is kept by a school's top organization or by the "
                              "district, not by a branch."), code="not_holder")
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise CampaignError(_("Teaching must end after it starts."), code="hours_reversed")
    before = teaching_hours_of(organization)
    row, _created = TeachingHours.objects.update_or_create(
        organization=organization, defaults={"starts_at": starts_at, "ends_at": ends_at})
    audit.record(actor=actor, action="campaigns.teaching_hours.set", target=row,
                 changes={"teaching_hours": [f"{before[0]:%H:%M}-{before[1]:%H:%M}",
                                             f"{starts_at:%H:%M}-{ends_at:%H:%M}"]})
    return row


# --- meetings in teaching time warn --------------------------------------------------------------

def default_teaching_hours() -> tuple[dt.time, dt.time]:
    first, last = getattr(settings, "VANGUARD_TEACHING_HOURS", DEFAULT_TEACHING_HOURS)
    return dt.time.fromisoformat(first), dt.time.fromisoformat(last)


def teaching_hours_of(organization: Organization) -> tuple[dt.time, dt.time]:
    """The nearest level's own hours (the school's, else the district's), else the default."""
    row = (TeachingHours.objects.filter(organization__path__in=_lineage(organization))
           .order_by("-organization__depth").first())
    return (row.starts_at, row.ends_at) if row else default_teaching_hours()


def in_teaching_time(organization: Organization, start: dt.datetime, minutes: int) -> bool:
    """A weekday in a term (not a holiday) whose teaching hours the meeting overlaps."""
    start = timezone.localtime(start)
    day = start.date()
    if day.weekday() >= 5:
        return False
    kinds = set(periods_for(organization).filter(starts_on__lte=day, ends_on__gte=day)
                .values_list("kind", flat=True))
    if CalendarPeriod.Kind.TERM not in kinds or CalendarPeriod.Kind.HOLIDAY in kinds:
        return False
    first, last = teaching_hours_of(organization)
    end = start + dt.timedelta(minutes=minutes or 0)
    teach_from = timezone.make_aware(dt.datetime.combine(day, first))
    teach_to = timezone.make_aware(dt.datetime.combine(day, last))
    return start < teach_to and end > teach_from


def teaching_warning(meeting) -> str | None:
    """The warning shown after scheduling a meeting in teaching time when many of the
    invited are teachers (at least VANGUARD_TEACHING_WARNING_SHARE of them). Two queries
    plus the calendar's."""
    from django.db.models import Count, Q

    from vanguard.people.models import Person

    if not in_teaching_time(meeting.organization, meeting.held_at, meeting.duration_minutes):
        return None
    teacher = Q(person__category=Person.Category.TEACHER)
    counts = meeting.attendance.aggregate(invited=Count("id"),
                                          teachers=Count("id", filter=teacher))
    share = getattr(settings, "VANGUARD_TEACHING_WARNING_SHARE", DEFAULT_WARNING_SHARE)
    if not counts["teachers"] or counts["teachers"] < share * counts["invited"]:
        return None
    first, last = teaching_hours_of(meeting.organization)
    return _("%(teachers)d of the %(invited)d invited are teachers, and the meeting falls in "
             "teaching hours (%(first)s–%(last)s on a weekday in term). Check that they are "
             "free of classes.") % {"teachers": counts["teachers"], "invited": counts["invited"],
                                    "first": first.strftime("%H:%M"),
                                    "last": last.strftime("%H:%M")}
