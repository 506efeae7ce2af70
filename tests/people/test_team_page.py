"""The leadership team and departments page: who sees it, who gets the forms, what the forms
do and say, and a fixed number of queries however big the team."""

import html

import pytest
from django.urls import reverse

from tests.builders import make_member
from vanguard.people.models import Department, Leader, Person


def team_url(code="S1-C", name="people:team", **kwargs):
    return reverse(name, kwargs={"code": code, **kwargs})


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def office(client, district):
    client.force_login(district.users["office"])
    return client


def test_the_office_sees_the_team_departments_and_forms(office, district):
    s1 = district.schools[0]
    Person.objects.filter(pk=s1.members[3].pk).update(
        department=Department.objects.get(school=s1.school))
    response = office.get(team_url())
    text = page_text(response)
    assert response.status_code == 200
    assert "Leadership team and departments" in text
    assert f"{s1.members[0].name} <span" in text and "principal leader" in text
    assert "副校长" in text and "教务处" in text
    assert 'data-testid="staff-count">1<' in text
    for form in ("leader-form", "department-form", "head-form"):
        assert f'data-testid="{form}"' in text


@pytest.mark.parametrize("role", ["leader", "supervisor"])
def test_readers_see_the_page_without_forms(role, client, district):
    client.force_login(district.users[role])
    text = page_text(client.get(team_url()))
    assert "副校长" in text
    assert 'data-testid="leader-form"' not in text
    assert "Make principal leader" not in text


@pytest.mark.parametrize("role", ["secretary", "member", "other_office"])
def test_others_get_404(role, client, district):
    client.force_login(district.users[role])
    assert client.get(team_url()).status_code == 404


def test_a_branch_or_a_node_above_the_schools_has_no_team_page(office, client, district):
    assert office.get(team_url("S1-B1")).status_code == 404
    client.force_login(district.users["admin"])
    assert client.get(team_url("D")).status_code == 404
    assert client.get(team_url("NOPE")).status_code == 404


def test_the_organization_page_links_the_team_for_readers_of_the_school_top(office, client,
                                                                            district):
    link = team_url()
    assert link in page_text(office.get(reverse("people:organization", args=["S1-C"])))
    assert "/team/" not in page_text(office.get(reverse("people:organization",
                                                        args=["S1-B1"])))
    client.force_login(district.users["secretary"])
    assert "/team/" not in page_text(client.get(reverse("people:organization",
                                                        args=["S1-B2"])))


def test_adding_a_department_and_a_member_through_the_page(office, district):
    s1 = district.schools[0]
    response = office.post(team_url(name="people:team_department_add"), {"name": "政教处"},
                           follow=True)
    assert "The department is added." in page_text(response)
    dept = Department.objects.get(school=s1.school, name="政教处")
    response = office.post(team_url(name="people:team_leader_add"), {
        "person": s1.members[2].pk, "title": "校长", "is_principal": "on",
        "departments": [dept.pk]}, follow=True)
    text = page_text(response)
    assert (f"{s1.members[2].name} is now the principal leader, in place of "
            f"{s1.members[0].name}.") in text
    leader = Leader.objects.get(person=s1.members[2])
    assert leader.is_principal and list(leader.departments.all()) == [dept]


def test_changing_a_member_the_principal_and_removing(office, district):
    s1 = district.schools[0]
    deputy = Leader.objects.get(person=s1.members[1])
    office.post(team_url(name="people:team_leader_change", pk=deputy.pk),
                {"title": "常务副校长", "departments": []})
    deputy.refresh_from_db()
    assert deputy.title == "常务副校长" and not deputy.departments.exists()
    text = page_text(office.post(team_url(name="people:team_leader_principal", pk=deputy.pk),
                                 follow=True))
    assert f"{s1.members[1].name} is now the principal leader" in text
    old = Leader.objects.get(person=s1.members[0])
    office.post(team_url(name="people:team_leader_remove", pk=old.pk))
    assert not Leader.objects.filter(pk=old.pk).exists()


def test_department_head_rename_and_remove_through_the_page(office, district):
    s1 = district.schools[0]
    dept = Department.objects.get(school=s1.school)
    office.post(team_url(name="people:team_department_head"),
                {"department": dept.pk, "head": s1.members[4].pk})
    office.post(team_url(name="people:team_department_rename", pk=dept.pk), {"name": "教学处"})
    dept.refresh_from_db()
    assert (dept.name, dept.head) == ("教学处", s1.members[4])
    text = page_text(office.post(team_url(name="people:team_department_remove", pk=dept.pk),
                                 follow=True))
    assert "教学处 cannot be removed yet" in text and "1 team members oversee it" in text
    assert Department.objects.filter(pk=dept.pk).exists()


@pytest.mark.parametrize("data, message", [
    ({"person": "", "title": "校长"}, "Choose a person."),
    ({"person": "999999", "title": "校长"}, "Choose one of the school's teachers and staff."),
    ({"person": "S2", "title": "校长"}, "Choose one of the school's teachers and staff."),
    ({"person": "S1", "title": ""}, "This field is required."),
    ({"person": "S1", "title": "长" * 41}, "At most 40 characters (this has 41)."),
    ({"person": "S1", "title": "校长", "departments": ["S2"]},
     "Choose among the school's departments."),
])
def test_bad_member_form_says_why_and_changes_nothing(office, district, data, message):
    s1, s2 = district.schools[0], district.schools[-1]
    if data.get("person") in ("S1", "S2"):
        data["person"] = (s1 if data["person"] == "S1" else s2).members[2].pk
    if data.get("departments") == ["S2"]:
        data["departments"] = [Department.objects.get(school=s2.school).pk]
    before = sorted(Leader.objects.values_list("pk", "title", "is_principal"))
    response = office.post(team_url(name="people:team_leader_add"), data, follow=True)
    assert message in page_text(response)
    assert sorted(Leader.objects.values_list("pk", "title", "is_principal")) == before


def test_readers_may_not_post_and_other_schools_records_are_404(client, office, district):
    s2 = district.schools[-1]
    s2_leader = Leader.objects.filter(team__school=s2.school).first()
    s2_dept = Department.objects.get(school=s2.school)
    assert office.post(team_url(name="people:team_leader_remove",
                                pk=s2_leader.pk)).status_code == 404
    assert office.post(team_url(name="people:team_department_remove",
                                pk=s2_dept.pk)).status_code == 404
    assert office.post(team_url("S2-C", name="people:team_department_add"),
                       {"name": "x"}).status_code == 404
    client.force_login(district.users["leader"])
    assert client.post(team_url(name="people:team_department_add"),
                       {"name": "政教处"}).status_code == 403
    assert not Department.objects.filter(name="政教处").exists()


def test_the_page_costs_a_fixed_number_of_queries(office, district,
                                                 django_assert_max_num_queries):
    s1 = district.schools[0]
    office.get(team_url())  # warm the session and the role cache paths
    with django_assert_max_num_queries(20) as small:
        office.get(team_url())
    depts = [Department.objects.create(school=s1.school, name=f"处{i}") for i in range(8)]
    for i in range(8):
        person = make_member(f"新成员{i}", s1.branches[0])
        leader = Leader.objects.create(team=s1.team, person=person, title="委员")
        leader.departments.set(depts[:3])
        Person.objects.filter(pk=person.pk).update(department=depts[i])
        depts[i].head = person
        depts[i].save()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = office.get(team_url())
    assert response.status_code == 200
