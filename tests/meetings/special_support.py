"""What the special meeting tests share: S1's review steps, analyses that passed review (made
directly: the analyses app's own tests walk its review chain), and the two meetings."""

import datetime as dt

from vanguard.analyses.models import AnalysisVersion, SelfAnalysis
from vanguard.core import clock
from vanguard.meetings import services_special as services

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def step(plan, key):
    return plan.activities.select_related("plan__campaign", "plan__organization",
                                          "phase").get(key=key)


def at_start(activity, hour=15) -> dt.datetime:
    return dt.datetime.combine(activity.starts_on, dt.time(hour), tzinfo=SHANGHAI)


def reviewed(plan, person, *, status=SelfAnalysis.Status.APPROVED, text="学习情况正文"):
    """The person's analysis in the plan's campaign, passed review, with one version."""
    activity = step(plan, "self_analysis")
    organization = getattr(getattr(person, "member", None), "organization", None) \
        or plan.organization
    analysis, _ = SelfAnalysis.objects.update_or_create(
        campaign=plan.campaign, person=person,
        defaults={"activity": activity, "organization": organization, "status": status,
                  "sections": {"study": f"<p>{text}</p>"}})
    if not analysis.versions.exists():
        AnalysisVersion.objects.create(
            analysis=analysis, number=1, sections={"study": f"<p>{text}</p>",
                                                   "problems": "<p>存在的问题</p>"},
            characters=len(text), submitted_at=clock.now() - dt.timedelta(days=1))
    return analysis


def org_life(plan, district, branch=None, actor="secretary"):
    branch = branch or district.schools[0].branches[-1]
    activity = step(plan, "org_life_meeting")
    return services.schedule_special_meeting(
        actor=district.users[actor], activity=activity, organization=branch,
        held_at=at_start(activity), title="专题组织生活会", place="会议室")


def democratic_life(plan, district):
    activity = step(plan, "democratic_life_meeting")
    return services.schedule_special_meeting(
        actor=district.users["office"], activity=activity, organization=plan.organization,
        held_at=at_start(activity, 9), title="领导班子专题民主生活会", place="党委会议室")


def hold(meeting, actor, people, *, minutes="会议记录：与会同志逐一作了自我批评。"):
    """Everyone in `people` present with their self-criticism, and the minutes recorded."""
    for person in people:
        services.record_special_attendance(actor=actor, meeting=meeting, person_id=person.pk,
                                           status="present")
        services.record_self_criticism(actor=actor, meeting=meeting, person_id=person.pk)
    if minutes:
        services.record_minutes(actor=actor, meeting=meeting, text=minutes)
    return meeting
