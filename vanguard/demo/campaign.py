"""Puts the demo district into the first phase of the seed campaign, with work under way."""

import datetime as dt

from vanguard.campaigns import services
from vanguard.campaigns.models import Campaign, Plan
from vanguard.core import clock
from vanguard.demo.district import DemoDistrict
from vanguard.demo.names import NameSource
from vanguard.demo.study import run_study
from vanguard.meetings import services as meetings
from vanguard.meetings.models import Attendance

ABSENCE_REASONS = ("外出参加教研活动", "病假", "带学生参加比赛")


def run_campaign(demo: DemoDistrict) -> Campaign:
    """Launched twelve days ago; two schools approved and at work, the third waiting."""
    office = demo.root.roles.get(kind="office").user
    campaign = services.launch_campaign(
        actor=office, template_key="advanced-nature-2005", organization=demo.root,
        starts_on=clock.today() - dt.timedelta(days=12))
    plans = {p.organization_id: p for p in campaign.plans.select_related("organization")}
    working = []
    for index, (_school, top, _branches) in enumerate(demo.schools):
        plan = plans[top.pk]
        school_office = top.roles.get(kind="office").user
        services.submit_plan(actor=school_office, plan=plan)
        if index < 2:
            services.approve_plan(actor=office, plan=plan)
            plan = Plan.objects.get(pk=plan.pk)
            hold_mobilization(plan, school_office, complete_share=0.85 if index == 0 else 0.5)
            working.append(plan)
    run_study(campaign, office, working)
    return campaign


def hold_mobilization(plan: Plan, actor, *, complete_share: float) -> None:
    """The meeting two days after the start; most came, some excused, some not yet recorded."""
    names = NameSource(seed=plan.pk)
    activity = plan.activities.get(key="mobilization_meeting")
    held_at = clock.day_start(activity.starts_on + dt.timedelta(days=2)) + dt.timedelta(hours=15)
    meeting = meetings.schedule_meeting(actor=actor, activity=activity, held_at=held_at,
                                        title=f"{plan.organization.school.name}先进性教育活动动员大会",
                                        place="学校礼堂", speaker="党委书记")
    meetings.set_makeup_material(actor=actor, meeting=meeting,
                                 text="请观看动员大会录像（学校网站“先进性教育”专栏），"
                                      "并阅读党委书记的动员讲话稿。")
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
