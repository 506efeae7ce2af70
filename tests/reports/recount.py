"""Every summary-report figure counted again, independently of vanguard.reports.figures: each
table read whole into Python and filtered there (a path prefix, a status), never with the
report's aggregate queries. Used only on the tests' tiny districts."""

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from vanguard.analyses.models import SelfAnalysis
from vanguard.assessments.models import Answer, Assessment, RemedialRound, Respondent
from vanguard.campaigns.documents import chinese_date
from vanguard.campaigns.models import Assignment, Plan
from vanguard.core import clock
from vanguard.evaluations.models import Evaluation, MemberGrade
from vanguard.meetings.models import Attendance, Meeting
from vanguard.opinions.models import Feedback, Opinion
from vanguard.people.models import Member
from vanguard.rectification.models import Disclosure, Item, RectificationPlan
from vanguard.study.models import (
    HoursExemption,
    HoursTotal,
    Post,
    ReadingNote,
    Reflection,
    Requirement,
)
from vanguard.talks.models import Talk, TalkPair

MIN_CELL = 5  # answers below which a share is not shown
Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


def percent(part, whole) -> str:
    if not whole:
        return "—"
    return str((Decimal(100) * Decimal(part) / Decimal(whole)).quantize(Decimal("0.1"),
                                                                         ROUND_HALF_UP))


def wilson(yes: int, n: int) -> tuple[str, str]:
    if not n:
        return "—", "—"
    p = yes / n
    denominator = 1 + Z95 ** 2 / n
    centre = (p + Z95 ** 2 / (2 * n)) / denominator
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95 ** 2 / (4 * n ** 2)) / denominator
    return tuple(str(Decimal(str(v * 100)).quantize(Decimal("0.1"), ROUND_HALF_UP))
                 for v in (max(0.0, centre - half), min(1.0, centre + half)))


def _day(value) -> str:
    if value is None:
        return "—"
    return chinese_date(timezone.localtime(value).date() if isinstance(value, dt.datetime)
                        else value)


def dates(campaign, node) -> dict:
    got = {"campaign.starts_on": _day(campaign.starts_on),
           "campaign.ends_on": _day(campaign.ends_on)}
    plan = Plan.objects.get(campaign=campaign, organization=node)
    for phase in plan.phases.all():
        got[f"phase.{phase.key}.opened"] = _day(phase.opened_at)
        got[f"phase.{phase.key}.closed"] = _day(phase.closed_at)
        if phase.override_reason:
            got[f"phase.{phase.key}.override"] = phase.override_reason
    return got


def meetings(campaign, node) -> dict:
    now = clock.now()
    got = {}
    mine = [m for m in Meeting.objects.select_related("organization", "activity__plan")
            if m.organization.path.startswith(node.path) and
            m.activity.plan.campaign_id == campaign.pk]
    rows = [a for a in Attendance.objects.all() if not a.invited_only
            and any(a.meeting_id == m.pk for m in mine)]
    for kind in Meeting.Kind.values:
        held = [m for m in mine if m.kind == kind and (
            m.held_at <= now if kind == "mobilization" else m.minutes != "")]
        of_kind = [a for a in rows if next(m for m in mine if m.pk == a.meeting_id).kind == kind]
        present = [a for a in of_kind if a.status == "present"]
        got |= {f"meetings.{kind}.held": len(held), f"meetings.{kind}.expected": len(of_kind),
                f"meetings.{kind}.present": len(present),
                f"meetings.{kind}.rate": percent(len(present), len(of_kind))}
    return got


def _in(rows, node, attr="organization"):
    return [r for r in rows if getattr(r, attr).path.startswith(node.path)]


def study(campaign, node, minimum=Decimal(40)) -> dict:
    members = _in(Member.objects.select_related("organization"), node)
    totals = _in(HoursTotal.objects.filter(campaign=campaign).select_related("organization"),
                 node)
    hours = sum((t.organized for t in totals), Decimal(0))
    exempt = [e for e in HoursExemption.objects.filter(campaign=campaign)
              if e.person.member.organization.path.startswith(node.path)]
    notes = _in(ReadingNote.objects.filter(campaign=campaign), node)
    reflections = _in(Reflection.objects.filter(campaign=campaign), node)
    return {
        "study.members": len(members), "study.minimum": str(minimum),
        "study.met": sum(1 for t in totals if t.organized >= minimum),
        "study.exempt": len(exempt), "study.hours_total": str(hours),
        "study.hours_average": str((hours / len(members)).quantize(Decimal("0.1"),
                                                                   ROUND_HALF_UP)),
        "study.notes.handed_in": sum(1 for n in notes if n.status != "draft"),
        "study.notes.accepted": sum(1 for n in notes if n.status == "accepted"),
        "study.reflections.handed_in": sum(1 for n in reflections if n.status != "draft"),
        "study.reflections.accepted": sum(1 for n in reflections if n.status == "accepted"),
        "discussion.posts": sum(1 for p in _in(Post.objects.all(), node) if not p.hidden
                                and p.discussion.campaign_id == campaign.pk),
        "discussion.requirements": sum(1 for r in _in(Requirement.objects.filter(
            campaign=campaign), node) if r.published_at is not None),
    }


def opinions(campaign, node) -> dict:
    rows = [o for o in _in(Opinion.objects.filter(campaign=campaign), node) if o.counts]
    got = {"opinions.total": sum(o.weight for o in rows)}
    for field, prefix in (("channel", "opinions.channel"), ("source_group", "opinions.group")):
        choices = Opinion._meta.get_field(field).choices
        for value, _label in choices:
            got[f"{prefix}.{value}"] = sum(o.weight for o in rows if getattr(o, field) == value)
    feedback = _in(Feedback.objects.filter(campaign=campaign), node)
    got["feedback.released"] = sum(1 for f in feedback if f.released_on)
    got["feedback.read"] = sum(1 for f in feedback if f.read_on)
    return got


def talks_analyses_evaluations(campaign, node) -> dict:
    pairs = _in(TalkPair.objects.filter(campaign=campaign), node)
    talks = _in(Talk.objects.filter(campaign=campaign), node)
    done = sum(1 for p in pairs if p.state == "done")
    tasks = [a for a in _in(Assignment.objects.select_related("activity__plan"), node)
             if a.activity.kind == "analyses.self_analysis"
             and a.activity.plan.campaign_id == campaign.pk and a.status != "excused"]
    analyses = _in(SelfAnalysis.objects.filter(campaign=campaign), node)
    evaluations = _in(Evaluation.objects.filter(campaign=campaign), node)
    grades = [g for g in MemberGrade.objects.all() if g.evaluation in evaluations]
    got = {
        "talks.required": len(pairs), "talks.done": done,
        "talks.coverage": percent(done, len(pairs)), "talks.recorded": len(talks),
        "talks.settled": sum(1 for t in talks if t.problem_settled),
        "analyses.required": len(tasks),
        "analyses.handed_in": sum(1 for a in analyses if a.status != "draft"),
        "analyses.reviewed": sum(1 for a in analyses
                                 if a.status in ("approved", "revising", "final")),
        "analyses.revised": sum(1 for a in analyses if a.status == "final"),
        "evaluations.branches": len(evaluations),
        "evaluations.published": sum(1 for e in evaluations if e.stage == "published"),
        "evaluations.graded": len(grades),
    }
    for grade in ("excellent", "qualified", "basic", "unqualified"):
        got[f"evaluations.grade.{grade}"] = sum(1 for g in grades if g.grade == grade)
    return got


def rectification(campaign, node) -> dict:
    today = clock.today()
    items = _in(Item.objects.filter(campaign=campaign), node)
    plans = _in(RectificationPlan.objects.filter(campaign=campaign), node)
    got = {"rectification.items": len(items),
           "rectification.solved": sum(1 for i in items if i.status in ("done", "verified")),
           "rectification.verified": sum(1 for i in items if i.status == "verified"),
           "rectification.overdue": sum(1 for i in items if i.status in ("open", "in_progress")
                                        and i.deadline is not None and i.deadline < today)}
    for cls in ("now", "hard", "later"):
        got[f"rectification.class.{cls}"] = sum(1 for i in items if i.item_class == cls)
    for owner in ("member", "organization", "team"):
        mine = [p for p in plans if p.owner_kind == owner]
        got[f"rectification.plans.{owner}"] = len(mine)
        got[f"rectification.plans.{owner}.approved"] = sum(1 for p in mine
                                                           if p.status == "approved")
    disclosures = _in(Disclosure.objects.filter(campaign=campaign), node)
    current = [d for d in disclosures if d.superseded_by_id is None]
    got |= {"disclosure.published": len(disclosures), "disclosure.current": len(current)}
    if node.school_id is not None and current:
        latest = max(current, key=lambda d: (d.published_at, d.number))
        got |= {"disclosure.number": latest.number, "disclosure.sha256": latest.sha256}
    return got


def satisfaction(campaign, node) -> dict:
    closed = [a for a in _in(Assessment.objects.filter(campaign=campaign), node)
              if a.state == "closed"]
    latest = [a for a in closed if a.round == max(b.round for b in closed
                                                  if b.organization_id == a.organization_id)]
    respondents = [r for r in Respondent.objects.all() if r.assessment in latest]
    answers = [a for a in Answer.objects.select_related("response") if a.response.assessment
               in latest]
    answered = sum(1 for r in respondents if r.answered)
    got = {"satisfaction.invited": len(respondents), "satisfaction.answered": answered,
           "satisfaction.response_rate": percent(answered, len(respondents))}
    for rating in ("satisfied", "fairly", "basic", "not"):
        got[f"satisfaction.rating.{rating}"] = sum(1 for a in answers if a.rating == rating) \
            if len(answers) >= MIN_CELL else "—"
    groups = {None: answers}
    for a in answers:
        groups.setdefault(a.response.group, []).append(a)
    for group, rows in groups.items():
        key = "satisfaction" if group is None else f"satisfaction.{group}"
        yes = sum(1 for a in rows if a.rating != "not")
        if len(rows) < MIN_CELL:  # too few to show, as on the assessment's results page
            got |= {f"{key}.share": "—", f"{key}.low": "—", f"{key}.high": "—"}
            continue
        low, high = wilson(yes, len(rows))
        got |= {f"{key}.share": percent(yes, len(rows)), f"{key}.low": low,
                f"{key}.high": high}
    rounds = _in(RemedialRound.objects.filter(campaign=campaign), node)
    got |= {"remedial.remedial": sum(1 for r in rounds if r.kind == "remedial"),
            "remedial.re_rectify": sum(1 for r in rounds if r.kind == "re_rectify"),
            "remedial.closed": sum(1 for r in rounds if r.closed_at is not None)}
    return got


def every_figure(campaign, node) -> dict:
    got = {}
    for part in (dates, meetings, study, opinions, talks_analyses_evaluations, rectification,
                 satisfaction):
        got |= part(campaign, node)
    return got
