"""The review chain on a small hand-built school: each person's reviewer, checked by hand."""

import pytest

from tests.builders import make_member, make_user
from vanguard.access.models import Role
from vanguard.analyses.chain import reviewer_for
from vanguard.people import tree
from vanguard.people.models import Department, Leader, LeadershipTeam, Organization, School

K = Role.Kind


@pytest.fixture
def school(db):
    """District D › school committee X-C › branches X-B1, X-B2, X-B3 (no secretary).

    principal (B1) · team member t1 (B1, oversees 教务处) · team member t2 (B2, also the
    secretary of B2) · head of 教务处 (B1) · secretary of B1 · member m1 (B1) · member m2
    (B2) · member m3 (B3). Everyone has an account; B1 also has a secretary account with
    no person (it cannot review)."""
    root = tree.add_root(code="D", name="区教育工委", kind=Organization.Kind.COMMITTEE)
    x = School.objects.create(code="X", name="实验学校")
    committee = tree.add_child(root, code="X-C", name="实验学校党委",
                               kind=Organization.Kind.COMMITTEE, school=x)
    b1, b2, b3 = (tree.add_child(committee, code=f"X-B{i}", name=f"第{i}党支部",
                                 kind=Organization.Kind.BRANCH, school=x) for i in (1, 2, 3))
    people = {name: make_member(name, branch) for name, branch in [
        ("principal", b1), ("t1", b1), ("t2", b2), ("head", b1), ("sec1", b1), ("m1", b1),
        ("m2", b2), ("m3", b3)]}
    team = LeadershipTeam.objects.create(school=x)
    Leader.objects.create(team=team, person=people["principal"], title="党委书记",
                          is_principal=True)
    t1 = Leader.objects.create(team=team, person=people["t1"], title="副校长")
    Leader.objects.create(team=team, person=people["t2"], title="副书记")
    dept = Department.objects.create(school=x, name="教务处", head=people["head"])
    t1.departments.add(dept)
    users = {name: make_user(name, person=person) for name, person in people.items()}
    Role.objects.create(user=users["sec1"], kind=K.SECRETARY, organization=b1)
    Role.objects.create(user=users["t2"], kind=K.SECRETARY, organization=b2)
    make_user("b1_account", roles=[(K.SECRETARY, b1)])  # no person: never a reviewer
    return {"root": root, "committee": committee, "people": people, "users": users}


def reviewer(school, name):
    return reviewer_for(school["people"][name])


def test_branch_member_is_reviewed_by_their_branch_secretary(school):
    assert reviewer(school, "m1") == (school["users"]["sec1"], None)


def test_member_of_a_branch_whose_secretary_is_a_team_member(school):
    assert reviewer(school, "m2") == (school["users"]["t2"], None)


def test_branch_secretary_goes_to_the_principal_leader(school):
    assert reviewer(school, "sec1") == (school["users"]["principal"], None)


def test_secretary_who_is_also_a_team_member_goes_to_the_principal(school):
    assert reviewer(school, "t2") == (school["users"]["principal"], None)


def test_team_member_is_reviewed_by_the_principal(school):
    assert reviewer(school, "t1") == (school["users"]["principal"], None)


def test_department_head_is_reviewed_by_the_overseeing_team_member(school):
    assert reviewer(school, "head") == (school["users"]["t1"], None)


def test_principal_goes_to_the_office_of_the_level_above(school):
    assert reviewer(school, "principal") == (None, school["root"])


def test_branch_without_a_secretary_falls_back_to_the_school_office(school):
    assert reviewer(school, "m3") == (None, school["committee"])


def test_nobody_with_an_account_falls_back_to_the_school_office(school):
    principal = school["people"]["principal"]
    principal.user = None
    principal.save(update_fields=["user"])
    assert reviewer(school, "t1") == (None, school["committee"])
    assert reviewer(school, "sec1") == (None, school["committee"])


def test_department_head_whose_overseer_has_no_account_falls_back(school):
    t1 = school["people"]["t1"]
    t1.user = None
    t1.save(update_fields=["user"])
    assert reviewer(school, "head") == (None, school["committee"])


def test_a_secretary_is_never_their_own_reviewer(school):
    """The secretary of B1 as a plain member of B1 would find only themselves there."""
    for name, person in school["people"].items():
        user, _office = reviewer_for(person)
        assert user is None or user.person.pk != person.pk, name
