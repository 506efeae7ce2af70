"""Puts the demo district into the seed campaign: one school well into phase 2, one behind
in phase 1, one waiting for its plan's approval.

The calendar (decided for the phase 2 demo): the campaign starts 64 days ago, so phase 1
(30 days) ended 34 days ago and phase 2 (分析评议, 40 days) is on its 35th day, in the
democratic evaluation step, with five days to go. The work is done on the days it would have
been done (timeline.on_day pins the clock the services read): plans approved on the first
day, the mobilization meeting on the third, the study recorded by the twentieth. The
morning after phase 1's last day, the office of the first school (S01) closes it with a
written reason (close_phase's override), since not every phase 1 figure is complete, and
close_phase opens phase 2, whose opinions, talks, self-analyses, meetings and evaluation
follow (opinions.py, talks.py, review.py, evaluation.py). The second school is still in
phase 1, behind schedule; the third has sent its plan and waits: it ran the same template
earlier as the district's pilot school, through to the end (pilot.py).
"""

import datetime as dt

from vanguard.campaigns import services
from vanguard.campaigns.models import Campaign, Plan
from vanguard.core import clock
from vanguard.demo.district import DemoDistrict
from vanguard.demo.evaluation import run_evaluations
from vanguard.demo.names import NameSource
from vanguard.demo.opinions import run_opinions
from vanguard.demo.review import run_review
from vanguard.demo.school import DemoSchool
from vanguard.demo.study import run_study
from vanguard.demo.talks import run_talks
from vanguard.demo.timeline import on_day
from vanguard.meetings import services as meetings
from vanguard.meetings.models import Attendance

ABSENCE_REASONS = ("外出参加教研活动", "病假", "带学生参加比赛")
LAUNCH_DAYS_AGO = 64
STUDY_DAY = 20  # the day of phase 1 by which its study records are in
CLOSE_REASON = ("学习动员阶段的集中学习、读书笔记和大讨论已基本完成，个别党员的学时和心得体会"
                "经党委研究在分析评议阶段补齐，按计划转入分析评议阶段。")


def run_campaign(demo: DemoDistrict) -> Campaign:
    """Launched 64 days ago; the first school in phase 2, the second in phase 1, the third
    waiting for approval."""
    office = demo.root.roles.get(kind="office").user
    starts_on = clock.today() - dt.timedelta(days=LAUNCH_DAYS_AGO)
    with on_day(starts_on, hour=9):
        campaign = services.launch_campaign(
            actor=office, template_key="advanced-nature-2005", organization=demo.root,
            starts_on=starts_on)
        plans = {p.organization_id: p for p in campaign.plans.select_related("organization")}
        working = []
        for index, (_school, top, _branches) in enumerate(demo.schools):
            plan = plans[top.pk]
            school_office = top.roles.get(kind="office").user
            services.submit_plan(actor=school_office, plan=plan)
            if index < 2:
                services.approve_plan(actor=office, plan=plan)
                working.append(Plan.objects.get(pk=plan.pk))
    for index, plan in enumerate(working):
        school_office = plan.organization.roles.get(kind="office").user
        hold_mobilization(plan, school_office, complete_share=0.85 if index == 0 else 0.5)
    with on_day(starts_on + dt.timedelta(days=STUDY_DAY)):
        run_study(campaign, office, working)
    run_phase_two(demo, working[0], office)
    return campaign


def run_phase_two(demo: DemoDistrict, plan: Plan, district_office) -> None:
    """Phase 1's days are over but its gate has not passed, so it stays open until the first
    school's office closes it the next morning, with its reason; close_phase opens phase 2,
    whose work follows day by day."""
    school_office = plan.organization.roles.get(kind="office").user
    mobilize = plan.phases.get(key="mobilize")
    with on_day(mobilize.ends_on + dt.timedelta(days=1), hour=8):
        services.close_phase(actor=school_office, phase=mobilize, override_reason=CLOSE_REASON)
    branches = next(b for _s, top, b in demo.schools if top.pk == plan.organization_id)
    school = DemoSchool.load(Plan.objects.get(pk=plan.pk), branches, district_office)
    run_opinions(school)
    run_talks(school)
    run_review(school)
    run_evaluations(school)


def hold_mobilization(plan: Plan, actor, *, complete_share: float) -> None:
    """The meeting two days after the start; most came, some excused, some not yet recorded."""
    names = NameSource(seed=plan.pk)
    activity = plan.activities.get(key="mobilization_meeting")
    with on_day(activity.starts_on):
        held_at = clock.day_start(activity.starts_on + dt.timedelta(days=2)) \
            + dt.timedelta(hours=15)
        meeting = meetings.schedule_meeting(
            actor=actor, activity=activity, held_at=held_at,
            title=f"{plan.organization.school.name}先进性教育活动动员大会", place="学校礼堂",
            speaker="党委书记")
        meetings.set_makeup_material(actor=actor, meeting=meeting,
                                     text="请观看动员大会录像（学校网站“先进性教育”专栏），"
                                          "并阅读党委书记的动员讲话稿。")
    with on_day(activity.starts_on + dt.timedelta(days=2), hour=18):
        record_mobilization(meeting, actor, names, complete_share)


def record_mobilization(meeting, actor, names: NameSource, complete_share: float) -> None:
    for row in meeting.attendance.order_by("id"):
        roll = names.random.random()
        if roll < complete_share:
            status, reason = Attendance.Status.PRESENT, ""
        elif roll < complete_share + 0.06 and not row.invited_only:
            status, reason = Attendance.Status.ABSENT, names.random.choice(ABSENCE_REASONS)
        else:
            continue
        meetings.record_attendance(actor=actor, meeting=meeting, person_id=row.person_id,
                                   status=status, absence_reason=reason)
