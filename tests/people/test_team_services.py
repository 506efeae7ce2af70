"""The services that keep a school's leadership team and departments: who may, what is
refused (with nothing changed), the single principal leader, and the audit entries."""

import pytest

from tests.builders import make_person
from vanguard.access.models import AuditEntry
from vanguard.people.errors import PeopleError
from vanguard.people.models import Department, Leader, LeadershipTeam, Person
from vanguard.people.services import team

REFUSED = ("secretary", "other_secretary", "leader", "supervisor", "member", "other_office")
ALLOWED = ("office", "admin", "district_office")


def counts() -> tuple:
    return (Department.objects.count(), Leader.objects.count(),
            LeadershipTeam.objects.count(), AuditEntry.objects.count(),
            sorted(Department.objects.values_list("name", "head_id")),
            sorted(Leader.objects.values_list("person_id", "title", "is_principal")),
            sorted(Leader.departments.through.objects.values_list("leader_id",
                                                                  "department_id")))


@pytest.fixture
def s1(district):
    return district.schools[0]


@pytest.fixture
def s2(district):
    return district.schools[-1]


@pytest.fixture
def dept(s1):
    return Department.objects.get(school=s1.school, name="教务处")


@pytest.fixture
def principal(s1):
    return Leader.objects.get(team__school=s1.school, is_principal=True)


@pytest.fixture
def deputy(s1):
    return Leader.objects.get(team__school=s1.school, is_principal=False)


def refused(call) -> str:
    before = counts()
    with pytest.raises(PeopleError) as caught:
        call()
    assert counts() == before
    return caught.value.text


# --- permissions ------------------------------------------------------------------------------

@pytest.mark.parametrize("role", REFUSED)
def test_only_the_office_or_admin_keeps_the_team(role, district, s1, dept, principal, deputy):
    user = district.users[role]
    org = s1.committee
    calls = [
        lambda: team.add_department(actor=user, organization=org, name="政教处"),
        lambda: team.rename_department(actor=user, department=dept, name="教学处"),
        lambda: team.set_department_head(actor=user, department=dept, head=s1.members[2]),
        lambda: team.remove_department(actor=user, department=dept),
        lambda: team.add_leader(actor=user, organization=org, person=s1.members[2],
                                title="副书记"),
        lambda: team.change_leader(actor=user, leader=deputy, title="校长", departments=[]),
        lambda: team.set_principal(actor=user, leader=deputy),
        lambda: team.remove_leader(actor=user, leader=deputy),
    ]
    for call in calls:
        assert refused(call) == "You are not allowed to do this here."


@pytest.mark.parametrize("role", ALLOWED)
def test_the_office_the_district_office_and_the_admin_keep_the_team(role, district, s1):
    department = team.add_department(actor=district.users[role], organization=s1.committee,
                                     name="政教处")
    assert department.school == s1.school


def test_readers_may_view_the_team_but_not_keep_it(district, s1):
    org = s1.committee
    for role in ("office", "admin", "leader", "supervisor", "district_office"):
        assert district.users[role].has_perm("people.view_team", org), role
    for role in ("secretary", "other_secretary", "member", "other_office"):
        assert not district.users[role].has_perm("people.view_team", org), role
    for role in ("leader", "supervisor"):
        assert not district.users[role].has_perm("people.manage_team", org), role


def test_a_branch_is_not_where_a_team_is_kept(district, s1):
    text = refused(lambda: team.add_department(actor=district.users["office"],
                                               organization=s1.branches[0], name="政教处"))
    assert "top organization" in text


# --- departments ------------------------------------------------------------------------------

def test_add_rename_head_and_remove_a_department_each_audited(district, s1):
    office = district.users["office"]
    department = team.add_department(actor=office, organization=s1.committee, name="  政教处 ")
    assert department.name == "政教处"
    team.rename_department(actor=office, department=department, name="德育处")
    team.set_department_head(actor=office, department=department, head=s1.members[2])
    department.refresh_from_db()
    assert (department.name, department.head) == ("德育处", s1.members[2])
    team.remove_department(actor=office, department=department)
    assert not Department.objects.filter(pk=department.pk).exists()
    entries = list(AuditEntry.objects.filter(target_type="people.department",
                                             target_id=str(department.pk))
                   .order_by("id").values_list("action", "actor__username", "changes"))
    assert [e[0] for e in entries] == ["people.department.added", "people.department.renamed",
                                       "people.department.head_set",
                                       "people.department.removed"]
    assert {e[1] for e in entries} == {"office"}
    assert entries[1][2]["name"] == ["政教处", "德育处"]
    assert entries[2][2]["head"] == [None, s1.members[2].pk]


@pytest.mark.parametrize("name, message", [
    ("", "Give the department's name."),
    ("   ", "Give the department's name."),
    ("处" * 61, "at most 60 characters"),
    ("教务处", "already has a department called “教务处”"),
    (" 教 务 处", "already has a department called “教务处”"),
    ("教务处", "already has a department"),
])
def test_a_bad_department_name_is_refused(district, s1, name, message):
    text = refused(lambda: team.add_department(actor=district.users["office"],
                                               organization=s1.committee, name=name))
    assert message in text


def test_the_same_name_is_fine_at_another_school(district, s2):
    Department.objects.filter(school=s2.school).delete()
    team.add_department(actor=district.users["other_office"], organization=s2.committee,
                        name="教务处")


def test_renaming_to_another_departments_name_is_refused(district, s1, dept):
    other = team.add_department(actor=district.users["office"], organization=s1.committee,
                                name="政教处")
    assert "already has" in refused(lambda: team.rename_department(
        actor=district.users["office"], department=other, name="教务处"))
    # Its own name again (or another spelling of it) is fine.
    team.rename_department(actor=district.users["office"], department=dept, name="教务处")


def test_a_head_from_another_school_is_refused(district, s1, s2, dept):
    text = refused(lambda: team.set_department_head(
        actor=district.users["office"], department=dept, head=s2.members[0]))
    assert text == f"{s2.members[0].name} is not a person of this school."


def test_the_head_can_be_cleared(district, s1, dept):
    team.set_department_head(actor=district.users["office"], department=dept,
                             head=s1.members[2])
    team.set_department_head(actor=district.users["office"], department=dept, head=None)
    dept.refresh_from_db()
    assert dept.head is None


def test_a_department_with_staff_or_overseers_is_not_removed(district, s1, dept):
    Person.objects.filter(pk__in=[s1.members[2].pk, s1.members[4].pk]).update(department=dept)
    text = refused(lambda: team.remove_department(actor=district.users["office"],
                                                  department=dept))
    assert "教务处 cannot be removed yet" in text
    assert "2 people are recorded in it" in text
    assert "1 team members oversee it" in text


# --- the team ---------------------------------------------------------------------------------

def test_adding_a_member_with_title_and_departments(district, s1, dept, principal):
    leader = team.add_leader(actor=district.users["office"], organization=s1.committee,
                             person=s1.members[2], title=" 副书记 ", departments=[dept])
    assert (leader.title, leader.is_principal, leader.replaced) == ("副书记", False, None)
    assert list(leader.departments.all()) == [dept]
    entry = AuditEntry.objects.get(action="people.leader.added")
    assert entry.changes["person"] == [None, s1.members[2].pk]
    assert entry.changes["departments"] == [None, "教务处"]


def test_a_new_principal_takes_the_flag(district, s1, principal):
    leader = team.add_leader(actor=district.users["office"], organization=s1.committee,
                             person=s1.members[2], title="校长", is_principal=True)
    assert leader.replaced == principal.person
    assert list(Leader.objects.filter(team__school=s1.school, is_principal=True)) == [leader]
    entry = AuditEntry.objects.get(action="people.leader.added")
    assert entry.changes["principal_before"] == [None, principal.person_id]


def test_making_a_member_principal_moves_the_flag(district, s1, principal, deputy):
    moved = team.set_principal(actor=district.users["office"], leader=deputy)
    assert moved.replaced == principal.person
    principal.refresh_from_db()
    assert not principal.is_principal
    assert list(Leader.objects.filter(team__school=s1.school, is_principal=True)) == [deputy]
    assert AuditEntry.objects.filter(action="people.leader.made_principal",
                                     target_id=str(deputy.pk)).exists()
    assert "already the principal" in refused(
        lambda: team.set_principal(actor=district.users["office"], leader=deputy))


def test_the_first_member_of_a_team_without_principal_is_principal(district, s2):
    Leader.objects.filter(team__school=s2.school).delete()
    first = team.add_leader(actor=district.users["other_office"], organization=s2.committee,
                            person=s2.members[2], title="副校长")
    assert first.is_principal
    second = team.add_leader(actor=district.users["other_office"], organization=s2.committee,
                             person=s2.members[3], title="副书记")
    assert not second.is_principal


def test_a_school_without_a_team_gets_one(district, s2):
    LeadershipTeam.objects.filter(school=s2.school).delete()
    leader = team.add_leader(actor=district.users["other_office"], organization=s2.committee,
                             person=s2.members[0], title="书记")
    assert leader.team.school == s2.school and leader.is_principal


def test_bad_member_input_changes_nothing(district, s1, s2, dept, principal):
    office, org = district.users["office"], s1.committee
    other_dept = Department.objects.get(school=s2.school)
    cases = [
        (lambda: team.add_leader(actor=office, organization=org, person=s2.members[0],
                                 title="校长"), "is not a person of this school"),
        (lambda: team.add_leader(actor=office, organization=org, person=principal.person,
                                 title="校长"), "already a member of the team"),
        (lambda: team.add_leader(actor=office, organization=org, person=s1.members[2],
                                 title="  "), "Give the post held"),
        (lambda: team.add_leader(actor=office, organization=org, person=s1.members[2],
                                 title="长" * 41), "at most 40 characters"),
        (lambda: team.add_leader(actor=office, organization=org, person=s1.members[2],
                                 title="校长", departments=[other_dept]),
         "Only the school's own departments"),
        (lambda: team.add_leader(actor=office, organization=org, person=None, title="校长"),
         "Choose a person."),
        (lambda: team.change_leader(actor=office, leader=principal, title="",
                                    departments=[]), "Give the post held"),
        (lambda: team.change_leader(actor=office, leader=principal, title="书记",
                                    departments=[dept, other_dept]),
         "Only the school's own departments"),
    ]
    for call, message in cases:
        assert message in refused(call)


def test_changing_title_and_departments(district, s1, dept, deputy):
    office = district.users["office"]
    second = team.add_department(actor=office, organization=s1.committee, name="总务处")
    team.change_leader(actor=office, leader=deputy, title="常务副校长",
                       departments=[second, dept])
    deputy.refresh_from_db()
    assert deputy.title == "常务副校长"
    assert sorted(d.name for d in deputy.departments.all()) == ["总务处", "教务处"]
    entry = AuditEntry.objects.get(action="people.leader.changed")
    assert entry.changes["title"] == ["副校长", "常务副校长"]
    assert entry.changes["departments"] == ["教务处", "总务处、教务处"]
    # Saving the same again writes nothing.
    before = AuditEntry.objects.count()
    team.change_leader(actor=office, leader=deputy, title="常务副校长",
                       departments=[dept, second])
    assert AuditEntry.objects.count() == before


def test_removing_members(district, s1, principal, deputy):
    office = district.users["office"]
    text = refused(lambda: team.remove_leader(actor=office, leader=principal))
    assert text == (f"{principal.person.name} is the principal leader: make another member "
                    "the principal leader first.")
    team.remove_leader(actor=office, leader=deputy)
    assert not Leader.objects.filter(pk=deputy.pk).exists()
    # Alone, the principal may go.
    team.remove_leader(actor=office, leader=principal)
    assert not Leader.objects.filter(team__school=s1.school).exists()
    assert list(AuditEntry.objects.filter(action="people.leader.removed")
                .values_list("target_id", flat=True).order_by("id")) == [str(deputy.pk),
                                                                         str(principal.pk)]


def test_any_person_of_the_school_may_head_a_department_or_join(district, s1, dept):
    parent = make_person("家长", s1.school, category="parent")
    team.set_department_head(actor=district.users["office"], department=dept, head=parent)
    team.add_leader(actor=district.users["office"], organization=s1.committee, person=parent,
                    title="家委会代表")
