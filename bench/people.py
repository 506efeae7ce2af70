"""Generated people: the tree (paths computed as treebeard would), schools, persons, members,
accounts and roles, leadership teams and departments."""

import datetime as dt
from dataclasses import dataclass, field

from bench import texts
from vanguard.access.models import Role, User
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

K = Role.Kind
ALPHABET, STEP = Organization.alphabet, Organization.steplen


def child_path(parent_path: str, n: int) -> str:
    """The path of the n-th child (1-based) under `parent_path`, as treebeard numbers it."""
    digits = ""
    while n:
        n, rest = divmod(n, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return parent_path + digits.rjust(STEP, "0")


@dataclass
class Node:
    id: int
    path: str
    code: str
    name: str


@dataclass
class MemberInfo:
    person_id: int
    user_id: int
    login: str
    branch: Node
    name: str
    staff_no: str
    diligence: float  # 0.55 … 1.0: how much of the phase's work this member has done


@dataclass
class SchoolPeople:
    school_id: int
    code: str
    name: str
    top: Node
    office_user_id: int
    branches: list[Node] = field(default_factory=list)
    members: list[MemberInfo] = field(default_factory=list)
    activists: list[tuple[int, int]] = field(default_factory=list)  # (person, organization)
    secretaries: list[tuple[int, int]] = field(default_factory=list)
    leaders: list[tuple[int, int]] = field(default_factory=list)
    # (leader's person, head of a department the leader oversees), in the leaders' order
    oversight: list[tuple[int, int]] = field(default_factory=list)
    # (person, category) of the school's people who are neither members nor activists
    public: list[tuple[int, str]] = field(default_factory=list)


def open_tables(g) -> None:
    """Open the people tables in the order their foreign keys need."""
    g.sink.table(School, ["id", "code", "name"])
    g.sink.table(Organization, ["id", "path", "depth", "numchild", "code", "name", "kind",
                                "school_id"])
    g.sink.table(User, ["id", "username", "password", "must_change_password",
                        "password_changed_at", "date_joined", "is_active"])
    g.sink.table(Role, ["id", "user_id", "kind", "organization_id"])
    g.sink.table(Person, ["id", "name", "gender", "birth_date", "phone", "staff_no", "category",
                          "school_id", "user_id"])
    g.sink.table(Member, ["id", "person_id", "organization_id", "joined_on",
                          "relation_retained", "in_city"])
    g.sink.table(Activist, ["id", "person_id", "organization_id"])
    g.sink.table(Department, ["id", "school_id", "name", "head_id"])
    g.sink.table(LeadershipTeam, ["id", "school_id"])
    g.sink.table(Leader, ["id", "team_id", "person_id", "title", "is_principal"])
    g.sink.table(Leader.departments.through, ["id", "leader_id", "department_id"])


def add_node(g, path: str, code: str, name: str, kind: str, numchild: int,
             school_id: int | None = None) -> Node:
    node = Node(g.sink.next_id(Organization), path, code, name)
    g.sink.tables[Organization].add(node.id, path, len(path) // STEP, numchild, code, name,
                                     kind, school_id)
    g.nodes[path] = node
    return node


def add_account(g, username: str, role_kind: str | None = None, organization_id=None) -> int:
    user_id = g.sink.next_id(User)
    changed = g.now - dt.timedelta(days=g.rng.randint(1, 60))
    g.sink.tables[User].add(user_id, username, g.password_hash, False, changed, g.now, True)
    if role_kind == K.OFFICE:
        g.offices[organization_id] = user_id
    if role_kind:
        add_role(g, user_id, role_kind, organization_id)
    return user_id


def add_role(g, user_id: int, kind: str, organization_id: int) -> None:
    g.sink.tables[Role].add(g.sink.next_id(Role), user_id, kind, organization_id)


def _birth(g, category: str) -> dt.date:
    rng = g.rng
    year = {"student": rng.randint(2003, 2008), "graduate": rng.randint(2000, 2003),
            "retired": rng.randint(1945, 1962), "parent": rng.randint(1970, 1990)}.get(
        category, rng.randint(1965, 1998))
    return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))


def add_person(g, school_id: int, school_code: str, n: int, category: str,
               user_id: int | None = None, phone: str | None = None) -> tuple[int, str, str]:
    person_id = g.sink.next_id(Person)
    name = g.names.name()
    staff_no = f"{school_code}{n:05d}"
    if phone is None:
        phone = "" if category in ("student", "parent") and g.rng.random() < 0.5 \
            else g.next_phone()
    g.sink.tables[Person].add(person_id, name, g.names.gender(), _birth(g, category), phone,
                              staff_no, category, school_id, user_id)
    return person_id, name, staff_no


def add_school(g, parent_path: str, n: int, code: str, name: str) -> SchoolPeople:
    """One school: its party organization with branches, members with accounts and roles,
    activists and the rest of its people, its leadership team and departments."""
    scale, rng = g.scale, g.rng
    school_id = g.sink.next_id(School)
    g.sink.tables[School].add(school_id, code, name)
    committee = n % 4 != 0  # every fourth school is small enough for a general branch
    kind = Organization.Kind.COMMITTEE if committee else Organization.Kind.GENERAL_BRANCH
    suffix = "委员会" if committee else "总支部委员会"
    top_path = child_path(parent_path, n)
    top = add_node(g, top_path, f"{code}-P", f"中共{name}{suffix}", kind,
                   scale.branches_per_school, school_id)
    office = add_account(g, f"office-{code}", K.OFFICE, top.id)
    people = SchoolPeople(school_id=school_id, code=code, name=name, top=top,
                          office_user_id=office)
    for b in range(scale.branches_per_school):
        branch_name, _category = texts.BRANCHES[b % len(texts.BRANCHES)]
        people.branches.append(add_node(g, child_path(top_path, b + 1), f"{code}-B{b + 1}",
                                        branch_name, Organization.Kind.BRANCH, 0, school_id))
    serial = 0
    per_branch, extra = divmod(scale.members_per_school, scale.branches_per_school)
    for b, branch in enumerate(people.branches):
        category = texts.BRANCHES[b % len(texts.BRANCHES)][1]
        for _ in range(per_branch + (b < extra)):
            serial += 1
            phone = g.next_phone()
            user_id = add_account(g, phone, K.MEMBER, branch.id)
            person_id, pname, staff_no = add_person(g, school_id, code, serial, category,
                                                    user_id, phone)
            g.sink.tables[Member].add(
                g.sink.next_id(Member), person_id, branch.id,
                dt.date(rng.randint(1975, 2024), rng.randint(1, 12), 1),
                category == "graduate", None)
            people.members.append(MemberInfo(person_id, user_id, phone, branch, pname, staff_no,
                                             rng.uniform(0.55, 1.0)))
        secretary = people.members[-1]  # the branch's last member
        add_role(g, secretary.user_id, K.SECRETARY, branch.id)
        people.secretaries.append((secretary.person_id, branch.id))
    _add_public(g, people, serial)
    _add_team(g, people)
    return people


def _add_public(g, people: SchoolPeople, serial: int) -> None:
    scale = g.scale
    total = sum(n for _c, n in texts.PUBLIC_MIX)
    for category, share in texts.PUBLIC_MIX:
        for _ in range(scale.public_per_school * share // total):
            serial += 1
            person_id, _n, _s = add_person(g, people.school_id, people.code, serial, category)
            if category == "teacher" and len(people.activists) < scale.activists_per_school:
                g.sink.tables[Activist].add(g.sink.next_id(Activist), person_id,
                                            people.branches[0].id)
                people.activists.append((person_id, people.branches[0].id))
            else:
                people.public.append((person_id, category))


def _add_team(g, people: SchoolPeople) -> None:
    """The leadership team from the first branch's members; the first is the principal
    leader and the school's secretary (第一责任人), as the demo district has it."""
    team_id = g.sink.next_id(LeadershipTeam)
    g.sink.tables[LeadershipTeam].add(team_id, people.school_id)
    departments, head_of = [], []
    heads = people.members[len(people.members) // 2:]
    for i, name in enumerate(texts.DEPARTMENTS):
        department_id = g.sink.next_id(Department)
        head = heads[i].person_id if i < len(heads) else None
        g.sink.tables[Department].add(department_id, people.school_id, name, head)
        departments.append(department_id)
        head_of.append(head)
    for i, member in enumerate(people.members[:g.scale.leaders_per_school]):
        leader_id = g.sink.next_id(Leader)
        g.sink.tables[Leader].add(leader_id, team_id, member.person_id,
                                  texts.LEADER_TITLES[i % len(texts.LEADER_TITLES)], i == 0)
        if i:
            g.sink.tables[Leader.departments.through].add(
                g.sink.next_id(Leader.departments.through), leader_id,
                departments[i % len(departments)])
            if head_of[i % len(departments)] is not None:
                people.oversight.append((member.person_id, head_of[i % len(departments)]))
        add_role(g, member.user_id, K.LEADER, people.top.id)
        people.leaders.append((member.person_id, member.branch.id))
        if i == 0:
            add_role(g, member.user_id, K.SECRETARY, people.top.id)
            people.secretaries.append((member.person_id, people.top.id))
