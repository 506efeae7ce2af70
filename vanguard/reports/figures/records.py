"""Figures of the first two phases and the dates: meetings, study, writing, discussion,
opinions and feedback, talks, self-analyses, evaluations."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from vanguard.analyses.models import SelfAnalysis
from vanguard.campaigns.documents import chinese_date
from vanguard.campaigns.models import Assignment, Phase
from vanguard.core import clock
from vanguard.evaluations.models import Evaluation, Grade, MemberGrade
from vanguard.meetings.models import Attendance, Meeting
from vanguard.opinions.models import Channel, Feedback, Opinion, SourceGroup
from vanguard.people.models import Member
from vanguard.reports.figures.base import (
    CHANNEL_WORDS,
    GRADE_WORDS,
    GROUP_WORDS,
    MEETING_KINDS,
    MEETING_LABELS,
    NOT_COUNTED,
    REVIEWED,
    Scope,
    figure,
    share,
)
from vanguard.study.models import HoursExemption, HoursTotal, Post, ReadingNote, Reflection
from vanguard.study.models import Requirement as StudyRequirement
from vanguard.study.selectors_hours import Minimums
from vanguard.talks.models import Talk, TalkPair

# --- dates -----------------------------------------------------------------------------------

def _day(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return chinese_date(value)


def date_figures(s: Scope) -> list[dict]:
    """The campaign's dates, and each phase's opening, closing and any override reason."""
    c = s.campaign
    url = s.link("campaigns:plan", s.plan.pk if s.plan else None)
    rows = [figure("campaign.starts_on", "活动开始日期", _day(c.starts_on), "",
                   "campaigns.Campaign：活动启动时确定的开始日期",
                   s.link("campaigns:detail", c.pk)),
            figure("campaign.ends_on", "活动结束日期", _day(c.ends_on), "",
                   "campaigns.Campaign：活动计划的结束日期", s.link("campaigns:detail", c.pk))]
    phases = Phase.objects.filter(plan=s.plan).order_by("kind", "order") if s.plan else []
    for phase in phases:
        key = f"phase.{phase.key}"
        where = f"campaigns.Phase：{s.plan.organization.name}实施方案的“{phase.name}”"
        rows += [figure(f"{key}.opened", f"“{phase.name}”开始", _day(phase.opened_at), "",
                        f"{where}实际开始的时间", s.link("campaigns:phase", phase.pk)),
                 figure(f"{key}.closed", f"“{phase.name}”结束", _day(phase.closed_at), "",
                        f"{where}实际结束的时间", s.link("campaigns:phase", phase.pk))]
        if phase.override_reason:
            rows.append(figure(f"{key}.override", f"“{phase.name}”未达条件提前结束的理由",
                               phase.override_reason, "",
                               f"{where}结束时办公室填写的理由", url))
    return rows


# --- phase 1 ---------------------------------------------------------------------------------

def meeting_figures(s: Scope) -> list[dict]:
    """Meetings held and members' attendance per kind: two queries for the four kinds."""
    meetings = Meeting.objects.filter(s.under(), activity__plan__campaign=s.campaign)
    held = Q(kind=Meeting.Kind.MOBILIZATION, held_at__lte=clock.now()) | (
        ~Q(kind=Meeting.Kind.MOBILIZATION) & ~Q(minutes=""))
    counts = {r["kind"]: r for r in meetings.values("kind").annotate(
        held=Count("pk", filter=held)).order_by()}
    attendance = {r["meeting__kind"]: r for r in Attendance.objects.filter(
        s.under("meeting__organization__"), meeting__activity__plan__campaign=s.campaign,
        invited_only=False).values("meeting__kind").annotate(
        expected=Count("pk"),
        present=Count("pk", filter=Q(status=Attendance.Status.PRESENT))).order_by()}
    rows = []
    for kind, word in MEETING_LABELS.items():
        name = {Meeting.Kind.MOBILIZATION: "meetings:for_activity",
                Meeting.Kind.FOLLOW_UP: "meetings:follow_up_for_activity"}.get(
            kind, "meetings:special_for_activity")
        url = s.link(name, s.activity_pk(MEETING_KINDS[kind]))
        got = attendance.get(kind, {"expected": 0, "present": 0})
        held_rule = ("开会时间已到的" if kind == Meeting.Kind.MOBILIZATION else "已记录会议记录的")
        rows += [
            figure(f"meetings.{kind}.held", f"召开{word}", counts.get(kind, {}).get("held", 0),
                   "次", f"meetings.Meeting：本组织及下级组织{held_rule}{word}", url),
            figure(f"meetings.{kind}.expected", f"{word}应到党员", got["expected"], "人",
                   f"meetings.Attendance：{word}名单上的党员（不含列席的入党积极分子）", url),
            figure(f"meetings.{kind}.present", f"{word}实到党员", got["present"], "人",
                   f"meetings.Attendance：{word}名单上状态为“出席”的党员", url),
            figure(f"meetings.{kind}.rate", f"{word}党员到会率",
                   share(got["present"], got["expected"]), "%",
                   f"meetings.Attendance：{word}实到党员 ÷ 应到党员", url)]
    return rows


def study_figures(s: Scope) -> list[dict]:
    """Members, those whose organized hours reach the plan's minimum, exemptions, average
    hours: three queries."""
    activity = s.activities.get("study.hours")
    minimum = Minimums.of(activity, s.campaign).hours
    members = Member.objects.filter(s.under()).count()
    totals = HoursTotal.objects.filter(s.under(), campaign=s.campaign).aggregate(
        met=Count("pk", filter=Q(organized__gte=minimum)), hours=Sum("organized"))
    exempt = HoursExemption.objects.filter(s.under("person__member__organization__"),
                                           campaign=s.campaign).count()
    hours = totals["hours"] or Decimal(0)
    average = (hours / members).quantize(Decimal("0.1"), ROUND_HALF_UP) if members else "—"
    url = s.link("study:hours_plan", s.activity_pk("study.hours"))
    behind = s.link("study:hours_behind", s.activity_pk("study.hours"))
    return [
        figure("study.members", "参加学习的党员", members, "人",
               "people.Member：组织关系在本组织及下级组织的党员", url),
        figure("study.minimum", "集中学习学时要求", str(minimum), "学时",
               "campaigns.Activity：实施方案“认真组织学习”步骤的最低学时", url),
        figure("study.met", "集中学习达到学时要求的党员", totals["met"], "人",
               "study.HoursTotal：集中学习学时不少于要求的党员", behind),
        figure("study.exempt", "经批准免修的党员", exempt, "人",
               "study.HoursExemption：经批准免于学时要求的党员", url),
        figure("study.hours_total", "集中学习总学时", str(hours), "学时",
               "study.HoursTotal：各党员集中学习学时之和", url),
        figure("study.hours_average", "人均集中学习学时", str(average), "学时",
               "study.HoursTotal：集中学习总学时 ÷ 参加学习的党员", url),
    ]


def writing_figures(s: Scope) -> list[dict]:
    """Reading notes and reflections handed in and accepted: two queries."""
    url = s.link("study:writing_queue", s.campaign.pk)
    rows = []
    for key, model, word in (("notes", ReadingNote, "读书笔记"), ("reflections", Reflection,
                                                                   "心得体会")):
        got = model.objects.filter(s.under(), campaign=s.campaign).exclude(
            status="draft").aggregate(handed_in=Count("pk"),
                                      accepted=Count("pk", filter=Q(status="accepted")))
        label = model._meta.label
        rows += [figure(f"study.{key}.handed_in", f"提交{word}", got["handed_in"], "篇",
                        f"{label}：已提交（不含草稿）的{word}", url),
                 figure(f"study.{key}.accepted", f"{word}经审阅通过", got["accepted"], "篇",
                        f"{label}：状态为“已通过”的{word}", url)]
    return rows


def discussion_figures(s: Scope) -> list[dict]:
    posts = Post.objects.filter(s.under(), discussion__campaign=s.campaign,
                                hidden=False).count()
    published = StudyRequirement.objects.filter(s.under(), campaign=s.campaign,
                                                published_at__isnull=False).count()
    return [
        figure("discussion.posts", "大讨论发言", posts, "条",
               "study.Post：本组织党员在大讨论中的发言（不含被隐藏的）",
               s.link("study:discussion_for_activity", s.activity_pk("study.discussion"))),
        figure("discussion.requirements", "提炼并公布的先进性具体要求", published, "条",
               "study.Requirement：已公布的先进性具体要求",
               s.link("study:requirements_for_activity", s.activity_pk("study.discussion"))),
    ]


# --- phase 2 ---------------------------------------------------------------------------------

def opinion_figures(s: Scope) -> list[dict]:
    """Opinions gathered per channel and per source group, counted as the opinions app's
    gate and sorting list count them (confirmed, not merged away or set aside, each with its
    weight), and the feedback released and read: two queries."""
    live = ~Q(status__in=NOT_COUNTED)
    aggregates = {"total": Sum("weight", filter=live)}
    aggregates |= {f"channel_{v}": Sum("weight", filter=live & Q(channel=v))
                   for v in Channel.values}
    aggregates |= {f"group_{v}": Sum("weight", filter=live & Q(source_group=v))
                   for v in SourceGroup.values}
    got = Opinion.objects.filter(s.under(), campaign=s.campaign).aggregate(**aggregates)
    url = s.link("opinions:sorting", s.campaign.pk)
    counted = "已确认、未被合并或搁置的意见，合并后的意见按其代表的条数计"
    rows = [figure("opinions.total", "征求到的意见", got["total"] or 0, "条",
                   f"opinions.Opinion：{counted}", url)]
    rows += [figure(f"opinions.channel.{v}", f"通过{CHANNEL_WORDS[v]}征求的意见",
                    got[f"channel_{v}"] or 0, "条",
                    f"opinions.Opinion：渠道为“{CHANNEL_WORDS[v]}”的{counted}", url)
             for v in Channel.values]
    rows += [figure(f"opinions.group.{v}", f"来自{GROUP_WORDS[v]}的意见",
                    got[f"group_{v}"] or 0, "条",
                    f"opinions.Opinion：来源为“{GROUP_WORDS[v]}”的{counted}", url)
             for v in SourceGroup.values]
    feedback = Feedback.objects.filter(s.under(), campaign=s.campaign).aggregate(
        released=Count("pk", filter=Q(released_on__isnull=False)),
        read=Count("pk", filter=Q(read_on__isnull=False)))
    release = s.link("opinions:release", s.campaign.pk)
    rows += [figure("feedback.released", "如实反馈的对象", feedback["released"], "个",
                    "opinions.Feedback：已向本人（或单位）发布的反馈", release),
             figure("feedback.read", "已阅读反馈的对象", feedback["read"], "个",
                    "opinions.Feedback：对象已阅读全部意见的反馈", release)]
    return rows


def talk_figures(s: Scope) -> list[dict]:
    pairs = TalkPair.objects.filter(s.under(), campaign=s.campaign).aggregate(
        required=Count("pk"), done=Count("pk", filter=Q(state=TalkPair.State.DONE)))
    talks = Talk.objects.filter(s.under(), campaign=s.campaign).aggregate(
        recorded=Count("pk"), settled=Count("pk", filter=Q(problem_settled=True)))
    url = s.link("talks:coverage", s.campaign.pk, query=s.org_query)
    return [
        figure("talks.required", "规定的谈心对象", pairs["required"], "对",
               "talks.TalkPair：实施方案规定必须谈心的两人组合", url),
        figure("talks.done", "规定谈心已谈到并确认", pairs["done"], "对",
               "talks.TalkPair：已谈心并经对方确认的规定组合", url),
        figure("talks.coverage", "规定谈心完成率", share(pairs["done"], pairs["required"]), "%",
               "talks.TalkPair：已完成的规定组合 ÷ 规定组合", url),
        figure("talks.recorded", "记录的谈心", talks["recorded"], "次",
               "talks.Talk：记录在案的全部谈心（含倡导的谈心）", url),
        figure("talks.settled", "谈心中解决具体问题", talks["settled"], "次",
               "talks.Talk：记录为“解决了具体问题”的谈心", url),
    ]


def analysis_figures(s: Scope) -> list[dict]:
    required = Assignment.objects.filter(
        s.under(), activity__plan__campaign=s.campaign, activity__kind="analyses.self_analysis",
    ).exclude(status=Assignment.Status.EXCUSED).count()
    got = SelfAnalysis.objects.filter(s.under(), campaign=s.campaign).aggregate(
        handed_in=Count("pk", filter=~Q(status=SelfAnalysis.Status.DRAFT)),
        reviewed=Count("pk", filter=Q(status__in=REVIEWED)),
        revised=Count("pk", filter=Q(status=SelfAnalysis.Status.FINAL)))
    url = s.link("analyses:progress", s.campaign.pk, query=s.org_query)
    return [
        figure("analyses.required", "应撰写党性分析材料", required, "人",
               "campaigns.Assignment：“撰写党性分析材料”的任务（不含免于要求的）", url),
        figure("analyses.handed_in", "提交党性分析材料", got["handed_in"], "人",
               "analyses.SelfAnalysis：已提交审阅（不含草稿）的材料", url),
        figure("analyses.reviewed", "党性分析材料经审阅", got["reviewed"], "人",
               "analyses.SelfAnalysis：审阅通过（含会后修改中、已修改完善）的材料", url),
        figure("analyses.revised", "会后修改完善党性分析材料", got["revised"], "人",
               "analyses.SelfAnalysis：会后已修改完善的材料", url),
    ]


def evaluation_figures(s: Scope) -> list[dict]:
    grades = MemberGrade.objects.filter(s.under("evaluation__organization__"),
                                        evaluation__campaign=s.campaign).aggregate(
        total=Count("pk"), **{g: Count("pk", filter=Q(grade=g)) for g in Grade.values})
    evaluations = Evaluation.objects.filter(s.under(), campaign=s.campaign).aggregate(
        total=Count("pk"), published=Count("pk", filter=Q(stage=Evaluation.Stage.PUBLISHED)))
    url = s.link("evaluations:branches", s.campaign.pk)
    rows = [figure("evaluations.branches", "开展民主评议的党支部", evaluations["total"], "个",
                   "evaluations.Evaluation：本组织及下级组织的民主评议", url),
            figure("evaluations.published", "公布评议结果的党支部", evaluations["published"],
                   "个", "evaluations.Evaluation：已公布评定等次人数的民主评议", url),
            figure("evaluations.graded", "评定等次的党员", grades["total"], "人",
                   "evaluations.MemberGrade：党支部委员会评定了等次的党员", url)]
    rows += [figure(f"evaluations.grade.{g}", f"评定为“{GRADE_WORDS[g]}”的党员", grades[g], "人",
                    f"evaluations.MemberGrade：等次为“{GRADE_WORDS[g]}”的党员", url)
             for g in Grade.values]
    return rows
