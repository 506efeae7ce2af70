"""Small hand-built districts for tests: every count here can be checked by hand."""

import datetime as dt
from dataclasses import dataclass, field

from vanguard.access.models import Role, User
from vanguard.people import tree
from vanguard.people.models import (
    Activist,
    Department,
    Leader,
    LeadershipTeam,
    Member,
    Organization,
    Person,
    School,
)

PASSWORD = "Vanguard-test-2026"


def make_user(username: str, *, person: Person | None = None, roles=()) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    for kind, organization in roles:
        Role.objects.create(user=user, kind=kind, organization=organization)
    return user


def make_person(
    name: str, school: School | None, *, category="teacher", staff_no="", phone=""
) -> Person:
    return Person.objects.create(
        name=name, school=school, category=category, staff_no=staff_no, phone=phone
    )


def make_member(name: str, branch: Organization, *, category="teacher", **kwargs) -> Person:
    person = make_person(name, branch.school, category=category, **kwargs)
    Member.objects.create(person=person, organization=branch, joined_on=dt.date(2000, 7, 1))
    return person


@dataclass
class SchoolTree:
    school: School
    committee: Organization
    branches: list[Organization]
    members: list[Person] = field(default_factory=list)
    activists: list[Person] = field(default_factory=list)
    team: LeadershipTeam | None = None


@dataclass
class District:
    root: Organization
    schools: list[SchoolTree]
    users: dict[str, User]


def build_school(
    root: Organization, code: str, *, branches=2, members_per_branch=3, activists=1
) -> SchoolTree:
    school = School.objects.create(code=code, name=f"{code}学校")
    committee = tree.add_child(
        root,
        code=f"{code}-C",
        name=f"{code}学校党委",
        kind=Organization.Kind.COMMITTEE,
        school=school,
    )
    school_tree = SchoolTree(school=school, committee=committee, branches=[])
    for b in range(1, branches + 1):
        branch = tree.add_child(
            committee,
            code=f"{code}-B{b}",
            name=f"{code}第{b}党支部",
            kind=Organization.Kind.BRANCH,
            school=school,
        )
        school_tree.branches.append(branch)
        for m in range(1, members_per_branch + 1):
            school_tree.members.append(
                make_member(f"{code}党员{b}{m}", branch, staff_no=f"{code}{b}{m:02d}")
            )
    for a in range(activists):
        person = make_person(f"{code}积极分子{a}", school)
        Activist.objects.create(person=person, organization=school_tree.branches[0])
        school_tree.activists.append(person)
    dept = Department.objects.create(school=school, name="教务处")
    school_tree.team = LeadershipTeam.objects.create(school=school)
    principal = Leader.objects.create(
        team=school_tree.team, person=school_tree.members[0], title="党委书记", is_principal=True
    )
    deputy = Leader.objects.create(
        team=school_tree.team, person=school_tree.members[1], title="副校长"
    )
    deputy.departments.add(dept)
    del principal
    return school_tree


def build_district(*, schools=2, branches=2, members_per_branch=3) -> District:
    """A district committee, its schools, and one account per role the tests walk."""
    root = tree.add_root(code="D", name="区教育工委", kind=Organization.Kind.COMMITTEE)
    trees = [
        build_school(root, f"S{i}", branches=branches, members_per_branch=members_per_branch)
        for i in range(1, schools + 1)
    ]
    s1, s2 = trees[0], trees[-1]
    K = Role.Kind
    users = {
        "admin": make_user("admin", roles=[(K.ADMIN, None)]),
        "district_office": make_user("district_office", roles=[(K.OFFICE, root)]),
        "office": make_user("office", roles=[(K.OFFICE, s1.committee)]),
        "other_office": make_user("other_office", roles=[(K.OFFICE, s2.committee)]),
        "secretary": make_user(
            "secretary",
            person=s1.members[3] if len(s1.members) > 3 else None,
            roles=[(K.SECRETARY, s1.branches[-1])],
        ),
        "other_secretary": make_user("other_secretary", roles=[(K.SECRETARY, s1.branches[0])]),
        "supervisor": make_user("supervisor", roles=[(K.SUPERVISOR, root)]),
        "leader": make_user("leader", person=s1.members[1], roles=[(K.LEADER, s1.committee)]),
        "member": make_user("member", person=s1.members[-1], roles=[(K.MEMBER, s1.branches[-1])]),
    }
    return District(root=root, schools=trees, users=users)


def set_status(assignments, status: str) -> int:
    """Move tasks to `status` the way the services do, so the progress roll-up follows."""
    from vanguard.campaigns.services import rollup

    moved = 0
    for assignment in assignments:
        rollup.set_status(assignment, status)
        moved += 1
    return moved
