"""The leader's view: a school leader's own figures beside their departments' (a department's
head, the only person a department records) and the school's, counted by hand."""

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
from vanguard.people.models import Department, Leader
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
    assert "教务处" in dept and "1 / 12" in dept and "not started" in dept
    assert "1 of 6 members reached the study-hours minimum" in page
    assert "?org=S1-C" in page  # the leader reads the school's progress page


def test_a_department_without_head_says_so(launched, district, client):
    client.force_login(district.users["leader"])
    page = client.get(reverse("oversight:leader_figures", kwargs={"campaign": launched.pk}))
    assert "No head of this department is recorded." in page.content.decode()


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
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    leader = Leader.objects.get(person=s1.members[1])
    for name, head in (("政教处", s1.members[2]), ("总务处", s1.members[5]), ("办公室", None)):
        leader.departments.add(Department.objects.create(school=s1.school, name=name,
                                                         head=head))
    make_user("principal", person=s1.members[0])
    with CaptureQueriesContext(connection) as more:
        page = client.get(url)
    assert page.content.decode().count('data-row="dept-') == 4
    assert len(more) == len(few)
    assert len(more) <= 25
