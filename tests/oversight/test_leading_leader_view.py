"""The leader's view: a school leader's own figures beside their departments' (the party members
the roster records in a department, and its head, added up; the head's own line too) and the
school's, counted by hand."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import make_user, set_status
from vanguard.analyses.models import SelfAnalysis
from vanguard.campaigns.models import Assignment
from vanguard.core import clock
from vanguard.oversight.selectors import leader_figures
from vanguard.people.models import Department, Leader, Person
from vanguard.rectification.models import Item, Owner, RectificationPlan
from vanguard.study.models import HoursTotal


def task(person, key):
    return Assignment.objects.get(person=person, activity__key=key)


@pytest.fixture
def figures_world(launched, district):
    """Deputy leader members[1] oversees 教务处, headed by members[4]."""
    s1 = district.schools[0]
    me, head = s1.members[1], s1.members[4]
    plan = launched.plans.get(organization=s1.committee)
    Department.objects.filter(school=s1.school, name="教务处").update(head=head)
    HoursTotal.objects.create(campaign=launched, person=me, organization=s1.branches[0],
                              organized=Decimal("12.5"), self_study=Decimal("3"))
    HoursTotal.objects.create(campaign=launched, person=head, organization=s1.branches[1],
                              organized=Decimal("40"))
    set_status([task(me, "mobilization_meeting"), task(me, "reading_notes"),
                task(head, "organized_study")], Assignment.Status.DONE)
    set_status([task(head, "reflection")], Assignment.Status.EXCUSED)
    SelfAnalysis.objects.create(campaign=launched, person=me, organization=s1.branches[0],
                                activity=plan.activities.get(key="self_analysis"),
                                status=SelfAnalysis.Status.SUBMITTED)
    rplan = RectificationPlan.objects.create(
        campaign=launched, activity=plan.activities.get(key="rectification_plan"),
        owner_kind=Owner.MEMBER, person=me, organization=s1.branches[0])
    today = clock.today()
    for status, deadline in ((Item.Status.DONE, today), (Item.Status.OPEN,
                                                         today - dt.timedelta(days=1))):
        Item.objects.create(plan=rplan, campaign=launched, organization=s1.branches[0],
                            problem="问题", responsible_name=me.name, deadline=deadline,
                            status=status)
    return launched


def test_leader_figures_counted_by_hand(figures_world, district):
    s1 = district.schools[0]
    leader = Leader.objects.get(person=s1.members[1])
    view = leader_figures.leader_view(figures_world, leader)
    me = view.me
    assert (me.hours, me.self_study, me.hours_min, me.hours_met) == (
        Decimal("12.5"), Decimal("3"), Decimal(40), False)
    assert (me.tasks_done, me.tasks_required) == (2, 14)
    assert me.analysis == "Waiting for review"
    assert (me.items_done, me.items, me.items_overdue) == (1, 2, 1)
    [dept] = view.departments
    head = dept.head
    assert head.person == s1.members[4]
    assert dept.people == 1  # no one recorded in the department yet: its head alone
    assert (head.hours, head.hours_met, head.hours_percent) == (Decimal(40), True, 100)
    # 13 tasks for a member (the democratic-life meeting is the two leaders'), one excused
    assert (head.tasks_done, head.tasks_required) == (1, 12)
    assert head.analysis == "" and head.items == 0
    school = view.school
    # required tasks per S1 member as the seed's audiences give them (11..23), one excused
    assert (school.tasks_done, school.tasks_required) == (3, 14 + 14 + 12 + 13 + 13 + 13 - 1)
    assert (school.hours_done, school.hours_required) == (1, 6)
    assert school.analyses == 1
    assert (school.items_done, school.items, school.items_overdue) == (1, 2, 1)
    assert view.team == []  # the deputy does not review the team


@pytest.fixture
def staffed(figures_world, district):
    """教务处 (head members[4]) records members[2], members[4] and members[5], and an activist
    (not a member: not counted); members[3] is in 政教处, which the deputy does not oversee.

    members[2]: 10 organized hours (below 40), reading notes done, analysis waiting for review.
    members[5]: excused from the hours task, analysis reviewed, one item done, one overdue.
    """
    s1 = district.schools[0]
    plan = figures_world.plans.get(organization=s1.committee)
    teaching = Department.objects.get(school=s1.school, name="教务处")
    other = Department.objects.create(school=s1.school, name="政教处")
    Person.objects.filter(pk__in=[s1.members[2].pk, s1.members[4].pk, s1.members[5].pk,
                                  s1.activists[0].pk]).update(department=teaching)
    Person.objects.filter(pk=s1.members[3].pk).update(department=other)
    m2, m5 = s1.members[2], s1.members[5]
    HoursTotal.objects.create(campaign=figures_world, person=m2, organization=s1.branches[0],
                              organized=Decimal("10"))
    set_status([task(m2, "reading_notes")], Assignment.Status.DONE)
    set_status([task(m5, "organized_study")], Assignment.Status.EXCUSED)
    for person, branch, status in ((m2, s1.branches[0], SelfAnalysis.Status.SUBMITTED),
                                   (m5, s1.branches[1], SelfAnalysis.Status.APPROVED)):
        SelfAnalysis.objects.create(campaign=figures_world, person=person, organization=branch,
                                    activity=plan.activities.get(key="self_analysis"),
                                    status=status)
    rplan = RectificationPlan.objects.create(
        campaign=figures_world, activity=plan.activities.get(key="rectification_plan"),
        owner_kind=Owner.MEMBER, person=m5, organization=s1.branches[1])
    today = clock.today()
    for status, deadline in ((Item.Status.VERIFIED, today),
                             (Item.Status.IN_PROGRESS, today - dt.timedelta(days=3))):
        Item.objects.create(plan=rplan, campaign=figures_world, organization=s1.branches[1],
                            problem="问题", responsible_name=m5.name, deadline=deadline,
                            status=status)
    return figures_world


def test_a_department_adds_up_its_members_and_head(staffed, district):
    s1 = district.schools[0]
    view = leader_figures.leader_view(staffed, Leader.objects.get(person=s1.members[1]))
    [dept] = view.departments
    assert dept.department.name == "教务处"
    # members[2], [4] (the head, also recorded in it) and [5]; not the activist, not [3]
    assert dept.people == 3
    # the head's 40 hours meet the minimum, members[2]'s 10 do not, members[5] is excused
    assert (dept.hours_met, dept.hours_counted) == (1, 2)
    # tasks: head 1 of 13 - 1 excused (as above); members[2] 1 of 12 (the seed gives the
    # first branch's third member no talk); members[5] 0 of 13 - 1 excused
    assert (dept.tasks_done, dept.tasks_required) == (2, 12 + 12 + 12)
    assert (dept.analyses_submitted, dept.analyses_reviewed) == (2, 1)
    assert (dept.items_done, dept.items, dept.items_overdue) == (1, 2, 1)
    assert dept.head.person == s1.members[4] and dept.head.tasks_done == 1
    assert view.me.tasks_done == 2  # the leader's own row is unchanged beside them
    school = view.school
    assert (school.hours_done, school.hours_required) == (1, 5)
    assert school.analyses == 3


def test_the_head_counts_in_the_department_even_when_not_recorded_in_it(staffed, district):
    s1 = district.schools[0]
    Person.objects.filter(pk=s1.members[4].pk).update(department=None)
    view = leader_figures.leader_view(staffed, Leader.objects.get(person=s1.members[1]))
    assert view.departments[0].people == 3


def test_leader_page_shows_the_department_sums_and_its_head(staffed, district, client):
    client.force_login(district.users["leader"])
    page = client.get(reverse("oversight:leader_figures",
                              kwargs={"campaign": staffed.pk})).content.decode()
    dept = page.split('data-row="dept-')[1].split("</tr>")[0]
    assert "教务处" in dept and "3 people" in dept
    assert "1 of 2 met the minimum" in dept and "2 / 36" in dept
    assert "2 handed in, 1 reviewed" in dept and "1 / 2" in dept and "1 overdue" in dept
    head = page.split('data-row="head-')[1].split("</tr>")[0]
    assert "Head: S1党员22" in head and "1 / 12" in head and "40.0 / 40" in head
    me = page.split('data-row="me"')[1].split("</tr>")[0]
    assert "12.5 / 40" in me and "2 / 14" in me


def test_the_principal_also_sees_the_team(figures_world, district):
    s1 = district.schools[0]
    view = leader_figures.leader_view(figures_world, Leader.objects.get(person=s1.members[0]))
    assert [t.person for t, _f in view.team] == [s1.members[1]]
    assert view.team[0][1].tasks_done == 2
    assert view.departments == []


def test_leader_page_shows_me_beside_my_department(figures_world, district, client):
    client.force_login(district.users["leader"])
    page = client.get(reverse("oversight:leader_figures",
                              kwargs={"campaign": figures_world.pk})).content.decode()
    me = page.split('data-row="me"')[1].split("</tr>")[0]
    assert "12.5 / 40" in me and "2 / 14" in me and "Waiting for review" in me
    assert "1 overdue" in me
    dept = page.split('data-row="dept-')[1].split("</tr>")[0]
    assert "教务处" in dept and "1 person" in dept and "1 / 12" in dept
    assert "0 handed in, 0 reviewed" in dept
    head = page.split('data-row="head-')[1].split("</tr>")[0]
    assert "S1党员22" in head and "1 / 12" in head and "not started" in head
    assert "1 of 6 members reached the study-hours minimum" in page
    assert "?org=S1-C" in page  # the leader reads the school's progress page


def test_a_department_without_head_or_members_says_so(launched, district, client):
    client.force_login(district.users["leader"])
    page = client.get(reverse("oversight:leader_figures",
                              kwargs={"campaign": launched.pk})).content.decode()
    assert "No head of this department is recorded." in page
    dept = page.split('data-row="dept-')[1].split("</tr>")[0]
    assert "0 people" in dept and "No party member of this department is recorded" in dept


@pytest.mark.parametrize("role", ["office", "member", "secretary", "supervisor", "admin"])
def test_who_is_no_leader_is_refused(role, launched, district, client):
    client.force_login(district.users[role])
    response = client.get(reverse("oversight:leader_figures",
                                  kwargs={"campaign": launched.pk}))
    assert response.status_code == 403


def test_a_campaign_that_does_not_reach_the_school_is_404(launched, district, client):
    from vanguard.campaigns import services

    other = services.launch_campaign(actor=district.users["other_office"],
                                     template_key="advanced-nature-2005",
                                     organization=district.schools[-1].committee,
                                     starts_on=launched.starts_on)
    client.force_login(district.users["leader"])
    response = client.get(reverse("oversight:leader_figures", kwargs={"campaign": other.pk}))
    assert response.status_code == 404


def test_leader_page_costs_the_same_with_more_departments(figures_world, district, client):
    s1 = district.schools[0]
    client.force_login(district.users["leader"])
    url = reverse("oversight:leader_figures", kwargs={"campaign": figures_world.pk})
    Person.objects.filter(pk=s1.members[3].pk).update(
        department=Department.objects.get(school=s1.school, name="教务处"))
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    leader = Leader.objects.get(person=s1.members[1])
    for name, head, staff in (("政教处", s1.members[2], [0, 5]), ("总务处", s1.members[5], [2]),
                              ("办公室", None, [])):
        department = Department.objects.create(school=s1.school, name=name, head=head)
        leader.departments.add(department)
        Person.objects.filter(pk__in=[s1.members[i].pk for i in staff]).update(
            department=department)
    make_user("principal", person=s1.members[0])
    with CaptureQueriesContext(connection) as more:
        page = client.get(url)
    assert page.content.decode().count('data-row="dept-') == 4
    assert page.content.decode().count('data-row="head-') == 4
    assert len(more) == len(few)
    assert len(more) <= 25
