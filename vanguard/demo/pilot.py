"""The pilot school (试点): the third school, S03, ran the seed campaign through to the end
before the district launched it for every school — issue #8's "one school through to the end:
assessment done and the report generated".

Why a pilot: the main campaign (campaign.py) starts 64 days ago, too late for any school to
have finished its 100 days, and S01 (the phase 2 showcase) and S02 must stay as they are. So
the district office launched the same template 140 days ago as a pilot campaign at S03's top
organization (launch_campaign accepts a school's organization, and the district office may
launch there: `campaigns.launch_campaign` is any office at or above it). Its plan is approved
at launch. Phase 1 ran days 0–29, phase 2 days 30–69, phase 3 days 70–99; the consolidation
period (75 days) runs to day 174, so today (day 140) the pilot is in consolidation. S03's plan
in the main campaign still waits for approval, as before (the district rolls the pilot's
lessons out to the other schools first).

Launched at a school, the campaign is that school's one plan: all three branches follow it
(the story's records were written for the second and third branches first; the first, where
the leaders are members, comes last in `covered_branches`).

Phases 1 and 2 are modest (this module): the mobilization meeting, eleven study sessions,
notes and the discussion; nine opinions typed in, sorted, fed back and partly read; the talks;
every covered member's and leader's self-analysis approved; both branches' organizational-life
meetings and the team's democratic-life meeting (package acknowledged, notice published); B2's
democratic evaluation closed, graded and acknowledged. The school office closes each phase
the morning after its last day (days 30, 70 and 100) with a written reason, since not every
gate figure is complete (a pilot covers a few members' plans, not all). Phase 3 is in
rectification.py and assessment.py.
"""

import datetime as dt
import random

from vanguard.campaigns import audience
from vanguard.campaigns import services as campaigns
from vanguard.campaigns.models import Campaign, Plan
from vanguard.core import clock
from vanguard.demo import pilot_texts as texts
from vanguard.demo import review_texts, talks
from vanguard.demo.campaign import hold_mobilization
from vanguard.demo.district import DemoDistrict
from vanguard.demo.evaluation import committee_grades, open_with_ballots, vote
from vanguard.demo.names import NameSource
from vanguard.demo.review import hand_in, hold, review
from vanguard.demo.school import DemoSchool
from vanguard.demo.study import hold_sessions, read_and_write, run_discussion
from vanguard.demo.timeline import on_day
from vanguard.evaluations.services import grades, stages
from vanguard.meetings import services_special as meetings
from vanguard.meetings.models import MaterialPackage
from vanguard.opinions.models import Intake, Opinion
from vanguard.opinions.services import feedback, intake, sorting
from vanguard.people.models import Member, Organization
from vanguard.study.services import reading
from vanguard.talks.models import TalkPair
from vanguard.talks.services.talks import confirm_talk

PILOT_DAYS_AGO = 140


def pilot_day(plan: Plan, n: int) -> dt.date:
    """Day `n` of the pilot campaign (0 is the day it starts)."""
    return plan.campaign.starts_on + dt.timedelta(days=n)


def run_pilot(demo: DemoDistrict) -> Campaign:
    """Launch the pilot at S03 and run it through its three phases into consolidation."""
    from vanguard.demo.assessment import run_assessment_and_report
    from vanguard.demo.rectification import close_rectification, run_rectification

    district_office = demo.root.roles.get(kind="office").user
    _school, top, _branches = demo.schools[2]
    starts_on = clock.today() - dt.timedelta(days=PILOT_DAYS_AGO)
    with on_day(starts_on, hour=9):
        campaign = campaigns.launch_campaign(
            actor=district_office, template_key="advanced-nature-2005", organization=top,
            starts_on=starts_on, name=texts.PILOT_NAME)
    plan = Plan.objects.get(campaign=campaign, organization=top)
    school = DemoSchool.load(plan, covered_branches(plan), district_office)
    run_phase_one(school)
    close(school, "mobilize", texts.CLOSE_MOBILIZE)
    run_phase_two(school)
    close(school, "review", texts.CLOSE_REVIEW)
    run_rectification(school)
    run_assessment_and_report(school)
    close_rectification(school)
    return campaign


def covered_branches(plan: Plan) -> list[Organization]:
    """The branches with members whose tasks the plan holds (see the module's docstring)."""
    branches = list(Organization.objects.filter(
        audience.covered(plan, ""), kind=Organization.Kind.BRANCH,
        members__isnull=False).distinct().order_by("path"))
    # The story's records are written for the second and third branches (公共课, 毕业生); the
    # first (专业教师, where the leaders are members) comes last, with records of its own.
    return branches[1:] + branches[:1]


def close(school: DemoSchool, key: str, reason: str) -> None:
    """The school's office closes the phase the morning after its last day."""
    phase = school.plan.phases.get(key=key)
    with on_day(phase.ends_on + dt.timedelta(days=1), hour=8):
        campaigns.close_phase(actor=school.office, phase=phase, override_reason=reason)


def members_of(school: DemoSchool) -> list[Member]:
    return list(Member.objects.filter(organization__in=school.branches)
                .select_related("person__user").order_by("id"))


# --- phase 1 ------------------------------------------------------------------------------

def run_phase_one(school: DemoSchool) -> None:
    """Everyone at the mobilization meeting; by day 20 the sessions, notes and discussion."""
    plan = school.plan
    hold_mobilization(plan, school.office, complete_share=1.0)
    members, names = members_of(school), NameSource(seed=3000 + plan.pk)
    with on_day(pilot_day(plan, 20)):
        reading.load_seed_readings(actor=school.district_office, campaign=plan.campaign)
        hold_sessions(plan, school.office, members, names, sessions=11)
        read_and_write(plan.campaign, members, names)
        run_discussion(plan, school.office, members, publish=True)


# --- phase 2 ------------------------------------------------------------------------------

def run_phase_two(school: DemoSchool) -> None:
    gather_opinions(school)
    hold_talks(school)
    analyses_and_meetings(school)
    evaluate_first_branch(school)


def hold_talks(school: DemoSchool) -> None:
    """The required pairs as in the first school (talks.py); the pilot keeps to those."""
    leads = talks._leads(school)
    for number, (pair, state) in enumerate(talks.planned_states(school)):
        if state == TalkPair.State.MISSING:
            continue
        recorder, partner = talks._sides(pair, leads)
        held_on = school.day(talks.FIRST_DAY + number % (talks.LAST_DAY - talks.FIRST_DAY))
        talk = talks._record(school, recorder, partner, held_on,
                             talks.SUMMARIES[number % len(talks.SUMMARIES)],
                             settled=number % 5 == 2)
        if state == TalkPair.State.DONE and talk.confirmed_at is None:
            with on_day(held_on + dt.timedelta(days=1)):
                confirm_talk(actor=partner.user, talk=talk)


def _subject(school: DemoSchool, key: str) -> str:
    kind, _sep, rest = key.partition(":")
    if kind == "branch":
        return f"branch:{school.branches[int(rest)].pk}"
    if kind == "member":
        branch, number = rest.split(":")
        return f"member:{school.members[int(branch)][int(number)].pk}"
    if kind == "leader":
        return f"leader:{school.leaders[int(rest)].person_id}"
    return key


def gather_opinions(school: DemoSchool) -> None:
    """Days 2–10 typed in by the office, day 11 sorted, day 12 fed back, days 13–14 read."""
    the_intake = Intake.objects.select_related("activity__phase", "organization", "campaign") \
        .get(activity=school.step("opinion_intake"))
    given = []
    for n, (subject, channel, group, category, text, summary) in enumerate(texts.OPINIONS):
        with on_day(school.day(2 + n)) as today:
            given.append((intake.enter_opinion(
                actor=school.office, intake=the_intake, channel=channel,
                subject=_subject(school, subject), category=category, text=text,
                source_group=group, received_on=today), summary))
    with on_day(school.day(11)):
        for opinion, summary in given:
            sorting.write_summary(actor=school.office, opinion=opinion, summary=summary)
    with on_day(school.day(12)):
        for branch in school.branches:
            feedback.release_feedback_for_branch(actor=school.office, campaign=school.campaign,
                                                 branch=branch)
        for token in ["team", "party_org", *(f"leader:{x.person_id}" for x in school.leaders)]:
            feedback.release_feedback(actor=school.office, campaign=school.campaign,
                                      subject_token_or_resolved=token, top=school.top)
    with on_day(school.day(13)):
        # The principal may be one of the first branch's members: each reads once.
        for person in dict.fromkeys(school.members[0][:3] + [school.leaders[0].person]):
            for opinion in Opinion.objects.filter(feedback__subject_person=person,
                                                  feedback__campaign=school.campaign):
                feedback.mark_read(actor=person.user, opinion=opinion)


def analyses_and_meetings(school: DemoSchool) -> None:
    """Every covered member and every leader hands in (days 14–18); the reviewers approve
    (days 19–22); each branch meets on day 26, the team on day 28."""
    written = set()
    for people in school.members.values():
        for n, person in enumerate(people):
            handed = hand_in(school, person, 14 + n % 5)
            review(school, handed, 19 + n % 3)
            written.add(person.pk)
    for n, leader in enumerate(school.leaders):
        if leader.person_id not in written:  # a leader who is a member here wrote above
            review(school, hand_in(school, leader.person, 14 + n), 20 + n)
    for index, branch in enumerate(school.branches):
        secretary = school.secretary(index).user
        with on_day(school.day(24)):
            meeting = meetings.schedule_special_meeting(
                actor=secretary, activity=school.step("org_life_meeting"), organization=branch,
                held_at=_at(school, 26, 15), title=f"{branch.name}专题组织生活会",
                place="党员活动室")
        with on_day(school.day(26), hour=17):
            minutes = review_texts.ORG_LIFE_MINUTES.format(
                branch=branch.name, place="党员活动室", day=f"{school.day(26):%Y年%m月%d日}")
            hold(meeting, secretary, school.members[index], review_texts.CRITICISMS[:3],
                 minutes)
    democratic_life(school)


def _at(school: DemoSchool, day: int, hour: int) -> dt.datetime:
    return clock.day_start(school.day(day)).replace(hour=hour)


def democratic_life(school: DemoSchool) -> None:
    office, top = school.office, school.top
    day = f"{school.day(28):%Y年%m月%d日}"
    with on_day(school.day(24)):
        meeting = meetings.schedule_special_meeting(
            actor=office, activity=school.step("democratic_life_meeting"), organization=top,
            held_at=_at(school, 28, 9), title="领导班子专题民主生活会", place="党委会议室",
            duration_minutes=180)
    with on_day(school.day(28), hour=13):
        hold(meeting, office, [leader.person for leader in school.leaders],
             review_texts.LEADER_CRITICISMS,
             review_texts.DEMOCRATIC_LIFE_MINUTES.format(org=top.name, day=day))
    with on_day(school.day(30)):
        meetings.submit_package(actor=office, meeting=meeting)
    with on_day(school.day(31)):
        meetings.acknowledge_package(actor=school.district_office,
                                     package=MaterialPackage.objects.get(meeting=meeting))
        meetings.publish_meeting_notice(
            actor=office, meeting=meeting,
            title=review_texts.NOTICE_TITLE.format(org=top.name),
            body=review_texts.NOTICE_BODY.format(org=top.name, day=day))


def evaluate_first_branch(school: DemoSchool) -> None:
    """B2 (the first covered branch): opened day 33, everyone but two votes, closed day 35,
    every member graded and acknowledged by day 37."""
    people, chance = school.members[0], random.Random(school.plan.pk + 35)
    with on_day(school.day(33), hour=14):
        evaluation, _slips = open_with_ballots(school, 0, school.day(35),
                                               self_evaluations=len(people))
        vote(evaluation, people, people[:-2], {}, chance)
    secretary = school.secretary(0).user
    with on_day(school.day(35), hour=17):
        stages.close_evaluation(actor=secretary, evaluation=evaluation)
        for n, (person, grade) in enumerate(committee_grades(evaluation, people)):
            grades.set_grade(actor=secretary, evaluation=evaluation, person=person, grade=grade,
                             achievements=review_texts.ACHIEVEMENTS[
                                 n % len(review_texts.ACHIEVEMENTS)],
                             shortcomings=review_texts.SHORTCOMINGS[
                                 n % len(review_texts.SHORTCOMINGS)])
    for n, person in enumerate(people):
        with on_day(school.day(36 + n % 2)):
            grades.acknowledge_grade(actor=person.user, evaluation=evaluation)

