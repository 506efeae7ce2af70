"""A small campaign state for the summary report's tests, on `rectify_open` (S1 in its third
phase, its first two closed).

Phase 1 and 2 services refuse new records once their phase is closed, so those records are
written with the ORM in the shape the services leave them (as tests/opinions/opinion_rows.py
does); the writing service is used where it still accepts (a reading note's draft). Every
count is small enough to be read off this file by hand, and school S2 gets a few records of
its own so that the district's figures differ from S1's.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from tests.opinions.opinion_rows import add_opinion, token_of
from vanguard.analyses.models import SelfAnalysis
from vanguard.assessments.models import (
    Answer,
    Assessment,
    Part,
    RemedialRound,
    Respondent,
    Response,
)
from vanguard.campaigns.models import Campaign, Plan
from vanguard.core import clock
from vanguard.evaluations.models import Evaluation, MemberGrade
from vanguard.meetings.models import Attendance, Meeting
from vanguard.opinions.models import Channel, Feedback, Opinion, SourceGroup, Subject
from vanguard.opinions.services.intake import ensure_intake
from vanguard.rectification.models import Disclosure, Item, Owner, RectificationPlan
from vanguard.study.models import (
    Discussion,
    HoursExemption,
    HoursTotal,
    Post,
    ReadingNote,
    Reflection,
    Requirement,
)
from vanguard.study.services import writing
from vanguard.talks.models import Rule, Talk

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@dataclass
class ReportWorld:
    campaign: Campaign
    s1_plan: Plan
    s2_plan: Plan
    district: object


def _meeting(plan, key, kind, organization, *, held_at, minutes="") -> Meeting:
    return Meeting.objects.create(kind=kind, activity=plan.activities.get(key=key),
                                  organization=organization, title=key, held_at=held_at,
                                  minutes=minutes)


def _attend(meeting, people, statuses, *, invited_only=False) -> None:
    for person, status in zip(people, statuses, strict=True):
        Attendance.objects.create(meeting=meeting, person=person, invited_only=invited_only,
                                  status=status,
                                  absence_reason="出差" if status == "absent" else "")


def add_meetings(w: ReportWorld) -> None:
    s1, s2 = w.district.schools[0], w.district.schools[-1]
    past, future = clock.now() - dt.timedelta(days=1), clock.now() + dt.timedelta(days=3)
    mob = _meeting(w.s1_plan, "mobilization_meeting", Meeting.Kind.MOBILIZATION, s1.committee,
                   held_at=past)
    _attend(mob, s1.members, ["present"] * 4 + ["absent", "expected"])
    _attend(mob, s1.activists, ["present"], invited_only=True)  # not counted as a member
    b1 = _meeting(w.s1_plan, "org_life_meeting", Meeting.Kind.ORG_LIFE, s1.branches[0],
                  held_at=past, minutes="会议记录")
    _attend(b1, s1.members[:3], ["present"] * 3)
    b2 = _meeting(w.s1_plan, "org_life_meeting", Meeting.Kind.ORG_LIFE, s1.branches[1],
                  held_at=past)  # no minutes yet: not held
    _attend(b2, s1.members[3:], ["present", "present", "absent"])
    team = _meeting(w.s1_plan, "democratic_life_meeting", Meeting.Kind.DEMOCRATIC_LIFE,
                    s1.committee, held_at=past, minutes="民主生活会记录")
    _attend(team, s1.members[:2], ["present", "present"])
    s2_mob = _meeting(w.s2_plan, "mobilization_meeting", Meeting.Kind.MOBILIZATION,
                      s2.committee, held_at=future)  # not held yet
    _attend(s2_mob, s2.members, ["expected"] * 6)


def add_study(w: ReportWorld) -> None:
    s1, s2 = w.district.schools[0], w.district.schools[-1]
    for person, hours in zip(s1.members, ("40", "45", "12", None, "40.5", "8"), strict=True):
        if hours is not None:
            HoursTotal.objects.create(campaign=w.campaign, person=person,
                                      organization=person.member.organization,
                                      organized=Decimal(hours))
    HoursTotal.objects.create(campaign=w.campaign, person=s2.members[0],
                              organization=s2.branches[0], organized=Decimal(50))
    HoursExemption.objects.create(campaign=w.campaign, person=s1.members[3], reason="病假")
    m = s1.members
    for person, status in ((m[0], "submitted"), (m[1], "accepted"), (m[2], "draft")):
        ReadingNote.objects.create(campaign=w.campaign, person=person, title="读书笔记",
                                   organization=person.member.organization, status=status)
    Reflection.objects.create(campaign=w.campaign, person=m[0], title="心得体会",
                              organization=m[0].member.organization, status="accepted")
    # The member's own draft, through the service (a draft is not counted).
    writing.start_writing(actor=w.district.users["member"], campaign=w.campaign, kind="note")
    discussion = Discussion.objects.create(campaign=w.campaign, organization=s1.committee,
                                           question="如何认识先进性具体要求")
    for person, hidden in ((m[0], False), (m[3], False), (m[4], False), (m[5], True)):
        Post.objects.create(discussion=discussion, author=person, text="发言",
                            organization=person.member.organization, hidden=hidden)
    for order, published in enumerate((True, True, False)):
        Requirement.objects.create(campaign=w.campaign, organization=s1.committee, order=order,
                                   text=f"要求{order}",
                                   published_at=clock.now() if published else None)


def add_opinions(w: ReportWorld) -> None:
    s1 = w.district.schools[0]
    intake = ensure_intake(w.s1_plan.activities.get(key="opinion_intake"))
    party = "party_org:"
    rows = [
        (party, Opinion.Status.RECEIVED, Channel.BOX, SourceGroup.STAFF, 1),
        (party, Opinion.Status.SORTED, Channel.WEB, SourceGroup.STUDENT, 3),
        (party, Opinion.Status.MERGED, Channel.WEB, SourceGroup.STUDENT, 1),
        (party, Opinion.Status.UNCONFIRMED, Channel.HOTLINE, SourceGroup.PARENT, 1),
        (party, Opinion.Status.SET_ASIDE, Channel.SYMPOSIUM, SourceGroup.RETIRED, 1),
        (token_of(s1.members[5]), Opinion.Status.RELEASED, Channel.TALK, SourceGroup.MEMBER, 1),
    ]
    for token, status, channel, group, weight in rows:
        add_opinion(intake, token, status=status, channel=channel, source_group=group,
                    weight=weight)
    today = clock.today()
    for person, released, read in ((s1.members[5], True, True), (s1.members[4], True, False),
                                   (s1.members[3], False, False)):
        Feedback.objects.create(campaign=w.campaign, subject_kind=Subject.MEMBER,
                                subject_person=person, organization=person.member.organization,
                                released_on=today if released else None,
                                read_on=today if read else None)


def add_talks_and_analyses(w: ReportWorld) -> None:
    s1 = w.district.schools[0]
    m = s1.members
    for a, b, settled in ((m[0], m[1], True), (m[3], m[4], False), (m[4], m[5], False)):
        a, b = sorted((a, b), key=lambda p: p.pk)
        Talk.objects.create(campaign=w.campaign, organization=m[3].member.organization,
                            person_a=a, person_b=b, rule=Rule.MEMBER_MEMBER,
                            held_on=clock.today(), place="办公室", summary="谈心",
                            problem_settled=settled, recorded_by=a)
    activity = w.s1_plan.activities.get(key="self_analysis")
    for person, status in ((m[0], SelfAnalysis.Status.FINAL),
                           (m[1], SelfAnalysis.Status.APPROVED),
                           (m[2], SelfAnalysis.Status.SUBMITTED),
                           (m[3], SelfAnalysis.Status.DRAFT)):
        SelfAnalysis.objects.create(campaign=w.campaign, activity=activity, person=person,
                                    organization=person.member.organization, status=status)
    evaluation = w.s1_plan.activities.get(key="evaluation")
    grades = {0: "excellent", 1: "qualified", 2: "qualified", 3: "basic", 4: "unqualified"}
    for branch, stage, people in ((s1.branches[0], "published", m[:3]),
                                  (s1.branches[1], "graded", m[3:5])):
        ev = Evaluation.objects.create(campaign=w.campaign, activity=evaluation,
                                       organization=branch, stage=stage)
        for person in people:
            MemberGrade.objects.create(evaluation=ev, person=person,
                                       grade=grades[m.index(person)],
                                       achievements="成绩", shortcomings="不足")


def add_rectification(w: ReportWorld) -> None:
    s1 = w.district.schools[0]
    m = s1.members
    activity = w.s1_plan.activities.get(key="rectification_plan")
    approved = RectificationPlan.Status.APPROVED

    def plan(owner, organization, status, person=None):
        return RectificationPlan.objects.create(campaign=w.campaign, activity=activity,
                                                owner_kind=owner, person=person,
                                                organization=organization, status=status)

    mine = plan(Owner.MEMBER, m[0].member.organization, approved, m[0])
    plan(Owner.MEMBER, m[1].member.organization, RectificationPlan.Status.SUBMITTED, m[1])
    branch = plan(Owner.ORGANIZATION, s1.branches[0], approved)
    plan(Owner.TEAM, s1.committee, approved)
    today = clock.today()
    for owner_plan, cls, status, deadline in (
            (mine, "now", "done", today),
            (mine, "hard", "open", today - dt.timedelta(days=1)),  # overdue
            (mine, "later", "open", None),
            (branch, "now", "verified", today - dt.timedelta(days=2)),  # verified: not overdue
            (branch, "hard", "in_progress", today + dt.timedelta(days=1))):
        Item.objects.create(plan=owner_plan, campaign=w.campaign,
                            organization=owner_plan.organization, problem="问题",
                            responsible_name="张三", measures="措施", deadline=deadline,
                            item_class=cls, status=status,
                            explanation="向师生说明" if cls == "later" else "")
    first = Disclosure.objects.create(campaign=w.campaign, organization=s1.committee, number=1,
                                      title="整改公示", content={}, sha256="a" * 64,
                                      published_at=clock.now())
    second = Disclosure.objects.create(campaign=w.campaign, organization=s1.committee, number=2,
                                       title="整改公示（更正）", content={}, sha256="b" * 64,
                                       published_at=clock.now())
    first.superseded_by = second
    first.save(update_fields=["superseded_by"])


def _assessment(plan, round_, state, answers, *, invited=0) -> Assessment:
    """A closed (or open) assessment: `answers` is [(group, [rating, …]), …], one response
    each; `invited` more respondents who did not answer."""
    assessment = Assessment.objects.create(
        campaign=plan.campaign, activity=plan.activities.get(key="satisfaction_assessment"),
        organization=plan.organization, round=round_, state=state)
    people = list(plan.organization.school.people.all())
    for n, (group, ratings) in enumerate(answers):
        Respondent.objects.create(assessment=assessment, person=people[n], part=Part.SAMPLE,
                                  group=group, token_hash=f"{assessment.pk}-{n}", answered=True)
        response = Response.objects.create(assessment=assessment, part=Part.SAMPLE, group=group,
                                           day=clock.today())
        for q, rating in enumerate(ratings):
            Answer.objects.create(response=response, question=f"q{q}", rating=rating)
    for k in range(invited):
        Respondent.objects.create(assessment=assessment, person=people[len(answers) + k],
                                  part=Part.REPRESENTATIVE, group="staff",
                                  token_hash=f"{assessment.pk}-x{k}")
    return assessment


def add_assessments(w: ReportWorld) -> None:
    closed, opened = Assessment.State.CLOSED, Assessment.State.OPEN
    _assessment(w.s1_plan, 1, closed, [("staff", ["satisfied", "fairly"]),
                                       ("staff", ["not", "basic"]),
                                       ("student", ["satisfied", "satisfied"]),
                                       ("student", ["not", "not"])], invited=1)
    # Still open: nothing of it counts yet.
    _assessment(w.s1_plan, 2, opened, [("staff", ["not", "not"])])
    s2_first = _assessment(w.s2_plan, 1, closed, [("staff", ["not"])])
    # S2's remedial round and its second assessment: only the latest closed one counts.
    _assessment(w.s2_plan, 2, closed, [("staff", ["satisfied"]), ("parent", ["basic"])])
    RemedialRound.objects.create(campaign=w.campaign, organization=w.s2_plan.organization,
                                 kind=RemedialRound.Kind.REMEDIAL, triggered_by=s2_first,
                                 dissatisfied_share=Decimal(1), threshold="most",
                                 supervisor=w.district.root, closed_at=clock.now())


def build(campaign, district) -> ReportWorld:
    s1, s2 = district.schools[0], district.schools[-1]
    w = ReportWorld(campaign=campaign, s1_plan=campaign.plans.get(organization=s1.committee),
                    s2_plan=campaign.plans.get(organization=s2.committee), district=district)
    for step in (add_meetings, add_study, add_opinions, add_talks_and_analyses,
                 add_rectification, add_assessments):
        step(w)
    return w
