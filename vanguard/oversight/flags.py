"""Red flags (the district view): per school, what the records say is going wrong, each flag
with its figure and a link to the page that lists the records behind it.

Every flag is one aggregate query grouped by school over the whole scope, so the view costs a
fixed number of queries however many schools there are. Thresholds are module constants that
settings may override (`VANGUARD_FLAG_*`); docs/supervision.md explains each flag.
"""

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q, Sum
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Activity, Assignment, Campaign, Plan, ProgressCount
from vanguard.core import clock
from vanguard.people.models import Member, Organization, School


def _setting(name: str, default):
    return getattr(settings, name, default)


# An activity past its due date with less than this share of its tasks done is behind.
BEHIND_SHARE = Fraction(str(_setting("VANGUARD_FLAG_BEHIND_SHARE", "0.8")))
# Members' attendance at the meetings held (present / expected members) below this share.
ATTENDANCE_SHARE = Fraction(str(_setting("VANGUARD_FLAG_ATTENDANCE_SHARE", "0.9")))
# A submitted self-analysis shorter than this share of the sections' minimums together.
ANALYSIS_SHORT_SHARE = Fraction(str(_setting("VANGUARD_FLAG_ANALYSIS_SHORT_SHARE", "0.5")))
# A self-analysis returned for changes this many times or more.
ANALYSIS_RETURNS = int(_setting("VANGUARD_FLAG_ANALYSIS_RETURNS", 3))
# Share satisfied (满意 + 比较满意) on the overall question of the latest closed assessment
# below this; the plan's own remedial rule ("most not satisfied") raises the flag too.
SATISFACTION_SHARE = Fraction(str(_setting("VANGUARD_FLAG_SATISFACTION_SHARE", "0.6")))

# The flags in the order the page shows them.
FLAGS = (
    ("behind_schedule", _("Behind schedule on the plan")),
    ("low_attendance", _("Low attendance at meetings")),
    ("hours_below_minimum", _("Members below the study hours minimum")),
    ("feedback_not_released", _("Feedback not released to members")),
    ("talks_missing", _("Required talks missing")),
    ("analyses_short", _("Self-analyses much shorter than the minimum")),
    ("analyses_returned", _("Self-analyses returned many times")),
    ("rectification_overdue", _("Rectification items overdue")),
    ("satisfaction_low", _("Satisfaction below the threshold")),
)
LABELS = dict(FLAGS)
KEYS = tuple(key for key, _label in FLAGS)


@dataclass
class Flag:
    key: str
    count: int
    figure: str
    url: str

    @property
    def label(self):
        return LABELS[self.key]


@dataclass
class SchoolFlags:
    school: School
    top: Organization
    plan_id: int
    flags: dict[str, Flag] = field(default_factory=dict)

    @property
    def ordered(self) -> list[Flag]:
        return [self.flags[key] for key in KEYS if key in self.flags]

    def __len__(self) -> int:
        return len(self.flags)


def _percent(part, whole) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def _url(name: str, args, **query) -> str:
    query = {k: v for k, v in query.items() if v not in ("", None)}
    return reverse(name, args=args) + (f"?{urlencode(query)}" if query else "")


def schools_in(campaign: Campaign, scope: Organization) -> dict[int, SchoolFlags]:
    """The schools with a plan in the campaign inside `scope`'s subtree, keyed by school id,
    each with its top organization (its plan's): one query."""
    rows: dict[int, SchoolFlags] = {}
    plans = (Plan.objects.filter(campaign=campaign, organization__school__isnull=False,
                                 organization__path__startswith=scope.path)
             .select_related("organization__school").order_by("organization__depth",
                                                               "organization__path"))
    for plan in plans:
        org = plan.organization
        rows.setdefault(org.school_id, SchoolFlags(org.school, org, plan.pk))
    return rows


def red_flags(campaign: Campaign, scope: Organization, *, today: dt.date | None = None,
              only: str = "") -> list[SchoolFlags]:
    """Every school in scope with its raised flags, most flags first (then by code); with
    `only`, just the schools that have that flag. A fixed number of queries (about a dozen)."""
    today = today or clock.today()
    schools = schools_in(campaign, scope)
    if schools:
        inside = {"campaign": campaign, "path": scope.path, "today": today}
        for compute in (_behind_schedule, _low_attendance, _hours_below_minimum,
                        _feedback_not_released, _talks_missing, _analyses,
                        _rectification_overdue, _satisfaction_low):
            compute(schools, **inside)
    rows = list(schools.values())
    if only in KEYS:
        rows = [row for row in rows if only in row.flags]
    return sorted(rows, key=lambda r: (-len(r), r.school.code))


def _raise(schools, school_id, key, count, figure, url) -> None:
    row = schools.get(school_id)
    if row is not None and count:
        row.flags[key] = Flag(key, count, figure, url)


# --- the flags ------------------------------------------------------------------------------

def _behind_schedule(schools, *, campaign, path, today):
    """Activities past their due date with less than BEHIND_SHARE of their tasks done, read
    from the progress roll-up (as the progress page is)."""
    behind: dict[int, list[int]] = {}
    for g in (ProgressCount.objects.filter(campaign=campaign, organization__path__startswith=path,
                                           organization__school__isnull=False,
                                           activity__due_on__lt=today)
              .values("organization__school_id", "activity_id")
              .annotate(done=Sum("done"), required=Sum("required")).order_by()):
        if g["required"] and Fraction(g["done"], g["required"]) < BEHIND_SHARE:
            behind.setdefault(g["organization__school_id"], []).append(g["activity_id"])
    for school_id, activities in behind.items():
        row = schools.get(school_id)
        if row is None:
            continue
        _raise(schools, school_id, "behind_schedule", len(activities),
               _("%(n)d steps past due") % {"n": len(activities)},
               _url("campaigns:progress", [campaign.pk], org=row.top.code))


MEETING_PAGES = {"mobilization": "meetings:detail", "org_life": "meetings:special_detail",
                 "democratic_life": "meetings:special_detail",
                 "follow_up": "meetings:follow_up_detail"}


def _low_attendance(schools, *, campaign, path, today):
    """Members present at the meetings held before today, against members expected; the link
    goes to the meeting with the lowest share."""
    from vanguard.meetings.models import Attendance

    totals: dict[int, list] = {}
    for g in (Attendance.objects.filter(meeting__activity__plan__campaign=campaign,
                                        meeting__organization__path__startswith=path,
                                        meeting__held_at__lt=clock.day_start(today),
                                        invited_only=False)
              .values("meeting__organization__school_id", "meeting_id", "meeting__kind")
              .annotate(total=Count("pk"),
                        present=Count("pk", filter=Q(status=Attendance.Status.PRESENT)))
              .order_by()):
        entry = totals.setdefault(g["meeting__organization__school_id"], [0, 0, None])
        entry[0] += g["present"]
        entry[1] += g["total"]
        share = Fraction(g["present"], g["total"])
        if entry[2] is None or share < entry[2][0]:
            entry[2] = (share, g["meeting_id"], g["meeting__kind"])
    for school_id, (present, total, worst) in totals.items():
        if total and Fraction(present, total) < ATTENDANCE_SHARE:
            _raise(schools, school_id, "low_attendance", total - present,
                   _("%(share)s present") % {"share": _percent(present, total)},
                   _url(MEETING_PAGES.get(worst[2], "meetings:detail"), [worst[1]]))


def _hours_below_minimum(schools, *, campaign, path, today):
    """Members whose study-hours task is still to do after the step's due date (the study
    app's "who is behind": not done and not excused)."""
    for g in (Assignment.objects.filter(activity__plan__campaign=campaign,
                                        activity__kind="study.hours",
                                        activity__due_on__lt=today,
                                        status=Assignment.Status.PENDING,
                                        organization__path__startswith=path)
              .values("organization__school_id")
              .annotate(n=Count("pk"), activity=Min("activity_id")).order_by()):
        row = schools.get(g["organization__school_id"])
        if row is not None:
            _raise(schools, row.school.pk, "hours_below_minimum", g["n"],
                   _("%(n)d members") % {"n": g["n"]},
                   _url("study:hours_behind", [g["activity"]], org=row.top.code))


def _feedback_not_released(schools, *, campaign, path, today):
    """Once the school's opinion-intake step is past its due date: members whose feedback is
    not released (the gate of phase 2 counts the same)."""
    from vanguard.opinions.models import Feedback, Subject

    due = set(Activity.objects.filter(plan__campaign=campaign, kind="opinions.intake",
                                      due_on__lt=today,
                                      plan__organization__path__startswith=path)
              .values_list("plan__organization__school_id", flat=True))
    if not due:
        return
    members = dict(Member.objects.filter(organization__path__startswith=path,
                                         organization__school_id__in=due)
                   .values_list("organization__school_id").annotate(n=Count("pk")).order_by())
    released = dict(Feedback.objects.filter(
        campaign=campaign, subject_kind=Subject.MEMBER, released_on__isnull=False,
        organization__path__startswith=path, organization__school_id__in=due,
        subject_person__member__isnull=False)
        .values_list("organization__school_id").annotate(n=Count("pk")).order_by())
    for school_id, total in members.items():
        row = schools.get(school_id)
        missing = total - released.get(school_id, 0)
        if row is not None and missing > 0:
            _raise(schools, school_id, "feedback_not_released", missing,
                   _("%(n)d of %(total)d members") % {"n": missing, "total": total},
                   _url("opinions:release", [campaign.pk], school=row.top.pk))


def _talks_missing(schools, *, campaign, path, today):
    """Required pairs not talked yet once the talks step is past its due date."""
    from vanguard.talks.models import TalkPair

    for school_id, n in (TalkPair.objects.filter(campaign=campaign,
                                                 state=TalkPair.State.MISSING,
                                                 activity__due_on__lt=today,
                                                 organization__path__startswith=path)
                         .values_list("organization__school_id").annotate(n=Count("pk"))
                         .order_by()):
        row = schools.get(school_id)
        if row is not None:
            _raise(schools, school_id, "talks_missing", n, _("%(n)d pairs") % {"n": n},
                   _url("talks:coverage", [campaign.pk], org=row.top.code,
                        state=TalkPair.State.MISSING))


def _analyses(schools, *, campaign, path, today):
    """Self-analyses whose latest submitted version is shorter than ANALYSIS_SHORT_SHARE of
    the sections' minimums together, and those returned ANALYSIS_RETURNS times or more: one
    query for both (plus one for the steps' section minimums).

    The query reads each analysis's latest version, found set-wise (a version with no later
    one: an anti-join) rather than by a subquery per analysis, which cost an index lookup per
    self-analysis in scope, twice over (≈ 55 ms at district scale, growing with the city).
    Every returned analysis has a version (a return reviews the latest one), so counting the
    returned ones over the latest versions misses none."""
    from vanguard.analyses.models import AnalysisVersion
    from vanguard.analyses.services.sections import sections_of

    floors: dict[int, list[int]] = {}  # shortest acceptable length -> activity ids
    for pk, step_settings in Activity.objects.filter(
            plan__campaign=campaign, kind="analyses.self_analysis",
            plan__organization__path__startswith=path).values_list("pk", "settings"):
        minimum = sum(s.min_characters for s in sections_of(Activity(settings=step_settings)))
        floor = int(minimum * ANALYSIS_SHORT_SHARE)
        if floor > 0:
            floors.setdefault(floor, []).append(pk)
    short = Q(pk__in=[])
    for floor, activity_ids in floors.items():
        short |= Q(analysis__activity_id__in=activity_ids, characters__lt=floor)
    later = AnalysisVersion.objects.filter(analysis_id=OuterRef("analysis_id"),
                                           number__gt=OuterRef("number"))
    for g in (AnalysisVersion.objects
              .filter(analysis__campaign=campaign, analysis__organization__path__startswith=path)
              .filter(~Exists(later))
              .values("analysis__organization__school_id")
              .annotate(short=Count("pk", filter=short),
                        returned=Count("pk", filter=Q(
                            analysis__times_returned__gte=ANALYSIS_RETURNS)))
              .order_by()):
        row = schools.get(g["analysis__organization__school_id"])
        if row is None or not (g["short"] or g["returned"]):
            continue
        url = _url("analyses:progress", [campaign.pk], org=row.top.code)
        _raise(schools, row.school.pk, "analyses_short", g["short"],
               _("%(n)d analyses") % {"n": g["short"]}, url)
        _raise(schools, row.school.pk, "analyses_returned", g["returned"],
               _("%(n)d analyses") % {"n": g["returned"]}, url)


def _rectification_overdue(schools, *, campaign, path, today):
    """Ledger items open or in progress past their deadline (as the ledger's overdue filter)."""
    from vanguard.rectification.models import Item
    from vanguard.rectification.selectors import OPEN_STATUSES

    for school_id, n in (Item.objects.filter(campaign=campaign, status__in=OPEN_STATUSES,
                                             deadline__lt=today,
                                             organization__path__startswith=path)
                         .values_list("organization__school_id").annotate(n=Count("pk"))
                         .order_by()):
        row = schools.get(school_id)
        if row is not None:
            _raise(schools, school_id, "rectification_overdue", n, _("%(n)d items") % {"n": n},
                   _url("rectification:ledger", [campaign.pk], overdue="1", org=row.top.code))


def _satisfaction_low(schools, *, campaign, path, today):
    """The latest closed assessment of each school: the share satisfied (满意 + 比较满意, as
    the results page counts it) on its overall question below SATISFACTION_SHARE, or the
    plan's remedial rule met. Below the results page's smallest cell nothing is read."""
    from vanguard.assessments.models import Answer, Assessment, Rating
    from vanguard.assessments.selectors import MIN_CELL, SATISFIED
    from vanguard.assessments.services.remedial import overall_key, rule_met, rule_of

    latest: dict[int, Assessment] = {}
    for assessment in (Assessment.objects.filter(campaign=campaign,
                                                 state=Assessment.State.CLOSED,
                                                 organization__path__startswith=path)
                       .select_related("organization", "activity").order_by("round", "pk")):
        latest[assessment.organization_id] = assessment
    if not latest:
        return
    by_id = {a.pk: a for a in latest.values()}
    counts = {}
    for g in (Answer.objects.filter(response__assessment_id__in=list(by_id))
              .values("response__assessment_id", "question")
              .annotate(total=Count("pk"), yes=Count("pk", filter=Q(rating__in=SATISFIED)),
                        no=Count("pk", filter=Q(rating=Rating.NOT))).order_by()):
        counts[(g["response__assessment_id"], g["question"])] = g
    for assessment in by_id.values():
        g = counts.get((assessment.pk, overall_key(assessment)))
        if g is None or g["total"] < MIN_CELL:
            continue
        low = Fraction(g["yes"], g["total"]) < SATISFACTION_SHARE
        if low or rule_met(g["no"], g["total"], rule_of(assessment.activity)):
            _raise(schools, assessment.organization.school_id, "satisfaction_low",
                   g["total"] - g["yes"],
                   _("%(share)s satisfied") % {"share": _percent(g["yes"], g["total"])},
                   _url("assessments:results", [assessment.pk]))
