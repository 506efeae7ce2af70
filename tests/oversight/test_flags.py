"""Red flags: each one raised by the records behind it and cleared when they change, with a
link to the page that lists those records; a fixed number of queries per page."""

import datetime as dt
from decimal import Decimal

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import build_district, make_user, set_status
from vanguard.access.models import Role
from vanguard.campaigns import services as campaigns
from vanguard.campaigns.models import Assignment
from vanguard.core import clock
from vanguard.oversight import flags as red


def _step(launched, district, key, school=0):
    return launched.plans.get(organization=district.schools[school].committee) \
        .activities.get(key=key)


def flags_of(launched, district, today, school=0):
    rows = {row.school.code: row for row in red.red_flags(launched, district.root, today=today)}
    return rows[district.schools[school].school.code].flags


def test_behind_schedule_on_the_plan(launched, district):
    step = _step(launched, district, "mobilization_meeting")
    today = step.due_on + dt.timedelta(days=1)
    flag = flags_of(launched, district, today)["behind_schedule"]
    assert flag.count >= 1
    assert flag.url == reverse("campaigns:progress", args=[launched.pk]) + "?org=S1-C"
    past = Assignment.objects.filter(activity__plan=step.plan, activity__due_on__lt=today)
    set_status(past, Assignment.Status.DONE)
    assert "behind_schedule" not in flags_of(launched, district, today)
    assert "behind_schedule" in flags_of(launched, district, today, school=1)


def test_low_attendance_at_a_meeting(launched, district):
    from vanguard.meetings import services as meetings
    from vanguard.meetings.models import Attendance

    step = _step(launched, district, "mobilization_meeting")
    meeting = meetings.schedule_meeting(
        actor=district.users["office"], activity=step, title="动员大会",
        held_at=clock.day_start(step.starts_on) + dt.timedelta(hours=15))
    today = step.starts_on + dt.timedelta(days=1)
    rows = Attendance.objects.filter(meeting=meeting, invited_only=False)
    flag = flags_of(launched, district, today)["low_attendance"]
    assert flag.count == rows.count() and flag.figure == "0% present"
    assert flag.url == reverse("meetings:detail", args=[meeting.pk])
    rows.update(status=Attendance.Status.PRESENT)
    assert "low_attendance" not in flags_of(launched, district, today)
    # Not counted before the day of the meeting is over.
    rows.update(status=Attendance.Status.EXPECTED)
    assert "low_attendance" not in flags_of(launched, district, step.starts_on)


def test_members_below_the_hours_minimum(launched, district):
    step = _step(launched, district, "organized_study")
    tasks = Assignment.objects.filter(activity=step)
    assert "hours_below_minimum" not in flags_of(launched, district, step.due_on)
    today = step.due_on + dt.timedelta(days=1)
    flag = flags_of(launched, district, today)["hours_below_minimum"]
    assert flag.count == tasks.count()
    assert flag.url == reverse("study:hours_behind", args=[step.pk]) + "?org=S1-C"
    set_status(tasks.exclude(person=district.schools[0].members[0]), Assignment.Status.DONE)
    assert flags_of(launched, district, today)["hours_below_minimum"].count == 1
    set_status(tasks.filter(person=district.schools[0].members[0]), Assignment.Status.EXCUSED)
    assert "hours_below_minimum" not in flags_of(launched, district, today)


def test_feedback_not_released(launched, district):
    from vanguard.opinions.models import Feedback, Subject
    from vanguard.people.models import Member

    step = _step(launched, district, "opinion_intake")
    today = step.due_on + dt.timedelta(days=1)
    members = Member.objects.filter(organization__school=district.schools[0].school)
    assert "feedback_not_released" not in flags_of(launched, district, step.due_on)
    flag = flags_of(launched, district, today)["feedback_not_released"]
    assert flag.count == members.count()
    assert flag.url == reverse("opinions:release", args=[launched.pk]) + \
        f"?school={district.schools[0].committee.pk}"
    Feedback.objects.bulk_create([
        Feedback(campaign=launched, subject_kind=Subject.MEMBER, subject_person_id=m.person_id,
                 organization_id=m.organization_id, released_on=today) for m in members])
    assert "feedback_not_released" not in flags_of(launched, district, today)


def test_talks_missing(launched, district):
    from vanguard.talks.models import Rule, TalkPair

    step = _step(launched, district, "heart_to_heart_talks")
    s1 = district.schools[0]
    TalkPair.objects.all().delete()
    a, b = sorted([s1.members[3], s1.members[5]], key=lambda p: p.pk)
    pair = TalkPair.objects.create(campaign=launched, activity=step,
                                   organization=s1.branches[-1], person_a=a, person_b=b,
                                   rule=Rule.SECRETARY_MEMBER)
    today = step.due_on + dt.timedelta(days=1)
    flag = flags_of(launched, district, today)["talks_missing"]
    assert flag.count == 1
    assert flag.url == reverse("talks:coverage", args=[launched.pk]) + "?org=S1-C&state=missing"
    pair.state = TalkPair.State.DONE
    pair.save()
    assert "talks_missing" not in flags_of(launched, district, today)


def _analysis(launched, district, person, characters, returns=0):
    from vanguard.analyses.models import AnalysisVersion, SelfAnalysis

    step = _step(launched, district, "self_analysis")
    analysis = SelfAnalysis.objects.create(
        campaign=launched, activity=step, person=person,
        organization=district.schools[0].branches[0], status=SelfAnalysis.Status.SUBMITTED,
        times_returned=returns)
    AnalysisVersion.objects.create(analysis=analysis, number=1, sections={},
                                   characters=characters, submitted_at=clock.now())
    return analysis


def test_analyses_much_shorter_than_the_minimum(launched, district):
    from vanguard.analyses.models import AnalysisVersion

    today = clock.today()
    # The seed's five sections ask 3000 characters together: under half of it is flagged.
    analysis = _analysis(launched, district, district.schools[0].members[2], 1499)
    _analysis(launched, district, district.schools[0].members[4], 1500)
    flag = flags_of(launched, district, today)["analyses_short"]
    assert flag.count == 1
    assert flag.url == reverse("analyses:progress", args=[launched.pk]) + "?org=S1-C"
    AnalysisVersion.objects.create(analysis=analysis, number=2, sections={},
                                   characters=3100, submitted_at=clock.now())
    assert "analyses_short" not in flags_of(launched, district, today)


def test_analyses_returned_many_times(launched, district):
    today = clock.today()
    analysis = _analysis(launched, district, district.schools[0].members[2], 3000, returns=3)
    _analysis(launched, district, district.schools[0].members[4], 3000, returns=2)
    assert flags_of(launched, district, today)["analyses_returned"].count == 1
    analysis.delete()
    assert "analyses_returned" not in flags_of(launched, district, today)


def test_rectification_items_overdue(launched, district):
    from vanguard.rectification.models import Item, Owner, RectificationPlan

    s1 = district.schools[0]
    step = _step(launched, district, "rectification_plan")
    plan = RectificationPlan.objects.create(campaign=launched, activity=step,
                                            owner_kind=Owner.ORGANIZATION,
                                            organization=s1.branches[0],
                                            status=RectificationPlan.Status.APPROVED)
    today = clock.today()
    item = Item.objects.create(plan=plan, campaign=launched, organization=s1.branches[0],
                               problem="制度不健全", responsible_name="张三",
                               deadline=today - dt.timedelta(days=1))
    Item.objects.create(plan=plan, campaign=launched, organization=s1.branches[0],
                        problem="按期", responsible_name="张三", deadline=today)
    flag = flags_of(launched, district, today)["rectification_overdue"]
    assert flag.count == 1
    assert flag.url == reverse("rectification:ledger", args=[launched.pk]) + \
        "?overdue=1&org=S1-C"
    item.status = Item.Status.DONE
    item.save()
    assert "rectification_overdue" not in flags_of(launched, district, today)


def _assessment(launched, district, ratings, round_=1):
    from vanguard.assessments.models import Answer, Assessment, Response

    step = _step(launched, district, "satisfaction_assessment")
    assessment = Assessment.objects.create(
        campaign=launched, activity=step, organization=district.schools[0].committee,
        round=round_, questions=[{"key": "overall", "text": "总体"}, {"key": "study",
                                                                       "text": "学习"}],
        state=Assessment.State.CLOSED, margin=Decimal("0.05"))
    for rating in ratings:
        response = Response.objects.create(assessment=assessment, part="representative",
                                           group="staff", day=clock.today())
        Answer.objects.create(response=response, question="overall", rating=rating)
        Answer.objects.create(response=response, question="study", rating="satisfied")
    return assessment


def test_satisfaction_below_the_threshold(launched, district):
    today = clock.today()
    first = _assessment(launched, district, ["satisfied"] * 5 + ["basic"] * 5)
    flag = flags_of(launched, district, today)["satisfaction_low"]
    assert flag.figure == "50% satisfied" and flag.count == 5
    assert flag.url == reverse("assessments:results", args=[first.pk])
    # The remedial round's assessment is the one read: most are satisfied now.
    _assessment(launched, district, ["satisfied"] * 8 + ["fairly"] * 2, round_=2)
    assert "satisfaction_low" not in flags_of(launched, district, today)


def test_satisfaction_is_not_read_below_the_smallest_cell(launched, district):
    _assessment(launched, district, ["not"] * 3)
    assert "satisfaction_low" not in flags_of(launched, district, clock.today())


def test_schools_are_sorted_by_flags_and_filtered_by_one(launched, district):
    _analysis(launched, district, district.schools[0].members[2], 100, returns=4)
    rows = red.red_flags(launched, district.root, today=clock.today())
    assert [r.school.code for r in rows] == ["S1", "S2"]
    assert len(rows[0]) == 2 and len(rows[1]) == 0
    only = red.red_flags(launched, district.root, today=clock.today(), only="analyses_returned")
    assert [r.school.code for r in only] == ["S1"]
    # Scoped to S2, S1 is not there at all.
    assert [r.school.code for r in red.red_flags(
        launched, district.schools[1].committee, today=clock.today())] == ["S2"]


# --- a fixed number of queries ------------------------------------------------------------------

def _world(size: dict):
    """A district of `size` with the campaign launched, every school plan approved, and
    records raising flags in every school."""
    from vanguard.analyses.models import AnalysisVersion, SelfAnalysis

    district = build_district(**size)
    office = district.users["district_office"]
    campaign = campaigns.launch_campaign(actor=office, template_key="advanced-nature-2005",
                                         organization=district.root, starts_on=clock.today())
    for school in district.schools:
        plan = campaign.plans.get(organization=school.committee)
        school_office = make_user(f"o_{school.school.code}",
                                  roles=[(Role.Kind.OFFICE, school.committee)])
        campaigns.submit_plan(actor=school_office, plan=plan)
        campaigns.approve_plan(actor=office, plan=plan)
        step = plan.activities.get(key="self_analysis")
        for person in school.members[:2]:
            analysis = SelfAnalysis.objects.create(
                campaign=campaign, activity=step, person=person,
                organization=school.branches[0], status="submitted", times_returned=5)
            AnalysisVersion.objects.create(analysis=analysis, number=1, sections={},
                                           characters=10, submitted_at=clock.now())
    return district, campaign


def _count(client, district, campaign) -> int:
    client.force_login(district.users["district_office"])
    url = reverse("oversight:supervision_flags", args=[campaign.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.count(b'data-flag="analyses_returned"') == len(district.schools)
    return len(queries)


def test_the_red_flags_page_costs_the_same_queries_however_many_schools(
        db, client, django_assert_max_num_queries):
    with transaction.atomic():
        big, campaign = _world({"schools": 5, "branches": 3, "members_per_branch": 4})
        large = _count(client, big, campaign)
        transaction.set_rollback(True)
    small, campaign = _world({"schools": 2, "branches": 2, "members_per_branch": 3})
    assert _count(client, small, campaign) == large
    client.force_login(small.users["district_office"])
    with django_assert_max_num_queries(20):
        client.get(reverse("oversight:supervision_flags", args=[campaign.pk]))
