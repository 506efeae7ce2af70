"""Builds the demo district: organizations, schools, departments, leadership teams, people."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from vanguard.access.models import Role, User
from vanguard.demo.names import NameSource
from vanguard.people import tree
from vanguard.people.identity import _CHECK, _WEIGHTS
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

DEMO_PASSWORD = "Vanguard@2026"
DEPARTMENTS = ("党政办公室", "教务处", "政教处", "总务处")
SCHOOLS = [
    # code, name, organization kind, branches (name, category, members)
    ("S01", "昆明市第一中学", Organization.Kind.COMMITTEE,
     [("语文教研组党支部", "teacher", 16), ("数理教研组党支部", "teacher", 16),
      ("行政后勤党支部", "staff", 10), ("学生党支部", "student", 12),
      ("离退休党支部", "retired", 8)]),
    ("S02", "昆明市实验小学", Organization.Kind.GENERAL_BRANCH,
     [("教师第一党支部", "teacher", 18), ("教师第二党支部", "teacher", 16)]),
    ("S03", "昆明市职业技术学校", Organization.Kind.COMMITTEE,
     [("专业教师党支部", "teacher", 20), ("公共课党支部", "teacher", 18),
      ("毕业生党支部", "graduate", 12)]),
]
PUBLIC_PER_SCHOOL = (("teacher", 40), ("staff", 15), ("student", 35), ("parent", 10))


@dataclass
class DemoDistrict:
    root: Organization
    schools: list[tuple[School, Organization, list[Organization]]] = field(default_factory=list)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # role, login, where


def id_number(names: NameSource, birth: dt.date) -> str:
    body = f"530102{birth:%Y%m%d}{names.random.randint(0, 999):03d}"
    return body + _CHECK[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]


class Builder:
    def __init__(self):
        self.names = NameSource()
        self.phone = 13800000000
        # One hash for every demo account: hashing 200 passwords one by one takes a minute.
        self.password_hash = make_password(DEMO_PASSWORD)

    def next_phone(self) -> str:
        self.phone += self.names.random.randint(1, 997)
        return str(self.phone)

    def person(self, school, category, n) -> Person:
        birth = dt.date(2004 if category in ("student", "graduate") else
                        self.names.random.randint(1958 if category == "retired" else 1968, 1996),
                        self.names.random.randint(1, 12), self.names.random.randint(1, 28))
        person = Person(name=self.names.name(), gender=self.names.gender(), birth_date=birth,
                        category=category, school=school, phone=self.next_phone(),
                        staff_no=f"{school.code}{n:04d}")
        person.set_id_number(id_number(self.names, birth))
        person.save()
        return person

    def account(self, person: Person | None, login: str, kind, organization) -> User:
        user = User.objects.filter(username=login).first()
        if user is None:
            user = User.objects.create(username=login, password=self.password_hash)
        if person is not None and person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])
        Role.objects.get_or_create(user=user, kind=kind, organization=organization)
        return user

    def build(self) -> DemoDistrict:
        root = tree.add_root(code="D01", name="昆明市五华区教育工作委员会",
                             kind=Organization.Kind.COMMITTEE)
        demo = DemoDistrict(root=root)
        for code, name, kind, branches in SCHOOLS:
            demo.schools.append(self.school(demo, root, code, name, kind, branches))
        self.accounts(demo)
        return demo

    def school(self, demo, root, code, name, kind, branches):
        school = School.objects.create(code=code, name=name)
        suffix = "委员会" if kind == Organization.Kind.COMMITTEE else "总支部委员会"
        top = tree.add_child(root, code=f"{code}-P", name=f"中共{name}{suffix}", kind=kind,
                             school=school)
        departments = [Department.objects.create(school=school, name=d) for d in DEPARTMENTS]
        n, orgs = 0, []
        for i, (branch_name, category, size) in enumerate(branches, start=1):
            branch = tree.add_child(top, code=f"{code}-B{i}", name=branch_name,
                                    kind=Organization.Kind.BRANCH, school=school)
            orgs.append(branch)
            for _ in range(size):
                n += 1
                person = self.person(school, category, n)
                Member.objects.create(
                    person=person, organization=branch,
                    joined_on=dt.date(self.names.random.randint(1985, 2024),
                                      self.names.random.randint(1, 12), 1),
                    relation_retained=category == "graduate",
                    in_city=self.names.chance(0.7) if category == "graduate" else None)
        for _ in range(4):
            n += 1
            Activist.objects.create(person=self.person(school, "teacher", n), organization=orgs[0])
        for category, count in PUBLIC_PER_SCHOOL:
            for _ in range(count):
                n += 1
                self.person(school, category, n)
        self.team(school, orgs[0], departments)
        self.staff_departments(school, departments)
        return school, top, orgs

    def team(self, school, first_branch, departments):
        team = LeadershipTeam.objects.create(school=school)
        members = list(Member.objects.filter(organization=first_branch)
                       .select_related("person")[:4])
        titles = ("党委书记", "校长", "副校长", "副校长")
        for i, (member, title) in enumerate(zip(members, titles, strict=True)):
            leader = Leader.objects.create(team=team, person=member.person, title=title,
                                           is_principal=i == 0)
            if i:
                leader.departments.add(departments[i])
        for dept, member in zip(departments, Member.objects.filter(
                organization__school=school).select_related("person")[4:8], strict=False):
            dept.head = member.person
            dept.save(update_fields=["head"])

    def staff_departments(self, school, departments):
        """Each teacher and staff person of the school in one of its departments, in turn by
        id (a department's head in their own), so that a leader's page shows real department
        figures. No random draw: the rest of the demo stays as it was."""
        heads = {d.head_id: d for d in departments if d.head_id}
        people = (Person.objects.filter(school=school, category__in=(
            Person.Category.TEACHER, Person.Category.STAFF)).order_by("id")
            .values_list("pk", flat=True))
        placed: dict[int, list[int]] = {d.pk: [] for d in departments}
        for index, pk in enumerate(people):
            department = heads.get(pk) or departments[index % len(departments)]
            placed[department.pk].append(pk)
        for department_id, ids in placed.items():
            Person.objects.filter(pk__in=ids).update(department_id=department_id)

    def accounts(self, demo: DemoDistrict):
        K = Role.Kind
        admin = User.objects.filter(username="admin").first() or User(username="admin")
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        Role.objects.get_or_create(user=admin, kind=K.ADMIN, organization=None)
        demo.logins.append(("platform admin", "admin", "—"))
        self.account(None, "13900000001", K.OFFICE, demo.root)
        demo.logins.append(("district office", "13900000001", demo.root.name))
        self.account(None, "13900000009", K.SUPERVISOR, demo.root)
        demo.logins.append(("supervisor", "13900000009", demo.root.name))
        for index, (school, top, branches) in enumerate(demo.schools):
            self.account(None, f"1390000001{index}", K.OFFICE, top)
            demo.logins.append(("school office", f"1390000001{index}", school.name))
            leaders = list(Leader.objects.filter(team__school=school).select_related("person"))
            principal = leaders[0].person
            self.account(principal, principal.phone, K.SECRETARY, top)
            for leader in leaders:
                self.account(leader.person, leader.person.phone, K.LEADER, top)
            for branch in branches:
                members = list(Member.objects.filter(organization=branch)
                               .select_related("person").order_by("id"))
                secretary = members[-1].person
                self.account(secretary, secretary.phone, K.SECRETARY, branch)
                for member in members:
                    self.account(member.person, member.person.phone, K.MEMBER, branch)
            if index == 0:
                demo.logins.append(("leader", leaders[1].person.phone, school.name))
                demo.logins.append(("secretary", members[-1].person.phone, branches[-1].name))
                demo.logins.append(("member", members[0].person.phone, branches[-1].name))


def demo_logins() -> list[tuple[str, str, str]]:
    """(role, login, where) for one account of each role, read back from the database."""
    from django.db.models import Count

    K = Role.Kind
    rows = []

    def add(label, role):
        if role is not None:
            rows.append((label, role.user.username,
                         role.organization.name if role.organization else "—"))

    roles = Role.objects.select_related("user", "organization").order_by("organization__path",
                                                                          "id")
    add("platform admin", roles.filter(kind=K.ADMIN).first())
    add("district office", roles.filter(kind=K.OFFICE, organization__depth=1, source="")
        .first())
    add("supervisor", roles.filter(kind=K.SUPERVISOR).first())
    for role in roles.filter(kind=K.OFFICE, organization__depth=2, source=""):
        add("school office", role)  # not the leading groups' office seats
    add("first responsible", roles.filter(kind=K.SECRETARY, organization__depth=2).first())
    add("leader", roles.filter(kind=K.LEADER, user__person__leader_posts__is_principal=False)
        .first())
    add("branch secretary", roles.filter(kind=K.SECRETARY, organization__kind="branch")
        .exclude(user__person__leader_posts__isnull=False).first())
    only_members = User.objects.annotate(n=Count("roles")).filter(n=1, roles__kind=K.MEMBER)
    add("member", roles.filter(kind=K.MEMBER, user__in=only_members).first())
    return rows
