"""Matching checked rows to stored people and working out what an import would change.

Reads only: the import service writes what the plans say, and only when every row passed.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from vanguard.access.models import User
from vanguard.people import identity
from vanguard.people.models import Organization, Person, School
from vanguard.people.roster.places import BranchIndex, DepartmentIndex, place_of
from vanguard.people.roster.records import (
    ACTIVIST,
    MEMBER,
    RosterRecord,
    RowProblem,
    SkippedAccount,
)

PERSON_FIELDS = ("name", "gender", "birth_date", "phone", "staff_no", "category")


@dataclass
class RowPlan:
    """What importing one row does; empty `changes` means the row changes nothing."""

    record: RosterRecord
    school: School
    branch: Organization | None
    person: Person | None  # None: a new person
    values: dict[str, object] = field(default_factory=dict)  # Person fields to set
    id_number: str | None = None  # set through Person.set_id_number, which encrypts it
    member_at: Organization | None = None  # create or move the Member row here
    joined_on: dt.date | None = None
    activist_at: Organization | None = None  # create or move the Activist row here
    drop_activist: bool = False  # an activist who has become a member
    login: str | None = None  # the account to create
    role_at: Organization | None = None  # where a new account's member role is held
    changes: dict[str, list] = field(default_factory=dict)  # the audit diff


def plan_rows(records: list[RosterRecord], organization: Organization
              ) -> tuple[list[RowPlan], list[RowProblem], list[SkippedAccount]]:
    reasons: dict[int, list[str]] = defaultdict(list)
    branches = BranchIndex(organization)
    placed = []
    for record in records:
        branch, school, problems = place_of(record, branches)
        reasons[record.row].extend(problems)
        if not problems:
            placed.append((record, branch, school))
    _flag_repeats(placed, reasons)
    stored = _Stored([(r, s) for r, _b, s in placed])
    departments = DepartmentIndex([s for _r, _b, s in placed])
    plans = []
    for record, branch, school in placed:
        person = _match(record, school, stored, reasons[record.row])
        if reasons[record.row]:
            continue
        plan = RowPlan(record=record, school=school, branch=branch, person=person)
        _plan_person(plan, reasons[record.row])
        _plan_department(plan, departments, reasons[record.row])
        _plan_membership(plan, organization, reasons[record.row])
        plans.append(plan)
    _flag_same_person(plans, reasons)
    plans = [p for p in plans if not reasons[p.record.row]]
    skipped = _plan_accounts(plans)
    problems = [RowProblem(row, texts) for row, texts in sorted(reasons.items()) if texts]
    return plans, problems, skipped


def _repeats(keyed: dict, message: str, reasons: dict[int, list[str]]) -> None:
    for rows in keyed.values():
        for row in rows if len(rows) > 1 else ():
            others = ", ".join(str(r) for r in rows if r != row)
            reasons[row].append(message % {"rows": others})


def _flag_repeats(placed, reasons) -> None:
    """The same ID number, staff number, or (with neither) name on two rows of the file."""
    by_id, by_staff, by_name = defaultdict(list), defaultdict(list), defaultdict(list)
    for record, _branch, school in placed:
        if record.id_number:
            by_id[record.id_number].append(record.row)
        if record.staff_no:
            by_staff[(school.pk, record.staff_no)].append(record.row)
        if not record.id_number and not record.staff_no:
            by_name[(school.pk, record.name)].append(record.row)
    _repeats(by_id, _("The same ID number is also on row %(rows)s."), reasons)
    _repeats(by_staff, _("The same staff or student number is also on row %(rows)s."), reasons)
    _repeats(by_name, _("The same name is also on row %(rows)s, and neither row has an ID "
                        "number or a staff number to tell the two apart."), reasons)


def _flag_same_person(plans: list[RowPlan], reasons) -> None:
    by_person = defaultdict(list)
    for plan in plans:
        if plan.person is not None:
            by_person[plan.person.pk].append(plan.record.row)
    _repeats(by_person, _("This row and row %(rows)s are the same stored person."), reasons)


def _chunks(values: list, size: int = 500):
    # SQLite caps the parameters of one query; a school's roster can run to thousands of rows.
    for start in range(0, len(values), size):
        yield values[start:start + size]


class _Stored:
    """The stored people a file's rows may name, fetched in a few queries, not one per row."""

    def __init__(self, rows: list[tuple[RosterRecord, School]]):
        people = Person.objects.select_related("member__organization", "activist__organization",
                                               "user", "school", "department")
        hashes = sorted({identity.keyed_hash(r.id_number) for r, _s in rows if r.id_number})
        school_ids = sorted({s.pk for _r, s in rows})
        staff = sorted({r.staff_no for r, _s in rows if r.staff_no})
        names = sorted({r.name for r, _s in rows})
        self.by_hash = {p.id_number_hash: p for chunk in _chunks(hashes)
                        for p in people.filter(id_number_hash__in=chunk)}
        self.by_staff = {(p.school_id, p.staff_no): p for chunk in _chunks(staff)
                         for p in people.filter(school_id__in=school_ids, staff_no__in=chunk)}
        self.by_name = defaultdict(list)
        for chunk in _chunks(names):
            for p in people.filter(school_id__in=school_ids, name__in=chunk):
                self.by_name[(p.school_id, p.name)].append(p)


def _match(record: RosterRecord, school: School, stored: _Stored, reasons: list[str]
           ) -> Person | None:
    """The stored person a row names: by ID number, else staff number, else by name."""
    id_hash = identity.keyed_hash(record.id_number) if record.id_number else ""
    by_staff = stored.by_staff.get((school.pk, record.staff_no)) if record.staff_no else None
    person = stored.by_hash.get(id_hash) if id_hash else None
    if person is not None:
        if person.school_id not in (None, school.pk):
            reasons.append(_("This ID number belongs to a person of another school; ask the "
                             "district office to move that person first."))
        elif by_staff is not None and by_staff.pk != person.pk:
            reasons.append(_("The staff or student number belongs to another person of this "
                             "school."))
        return person
    if by_staff is not None:
        if id_hash and by_staff.id_number_hash:
            reasons.append(_("The staff or student number belongs to a person with a different "
                             "ID number."))
        return by_staff
    return _match_by_name(record, school, stored, id_hash, reasons)


def _match_by_name(record, school, stored, id_hash, reasons) -> Person | None:
    """A stored person of the school with this name whose ID and number do not contradict the
    row: a roster that adds ID numbers or staff numbers finds the people it had before."""
    fitting = [p for p in stored.by_name.get((school.pk, record.name), [])
               if not (id_hash and p.id_number_hash)
               and not (record.staff_no and p.staff_no)]
    if len(fitting) > 1:
        reasons.append(_("%(count)d people of this school are called %(name)s: add an ID number "
                         "or a staff number to say which one this is.")
                       % {"count": len(fitting), "name": record.name})
        return None
    return fitting[0] if fitting else None


def _plan_person(plan: RowPlan, reasons: list[str]) -> None:
    record, person = plan.record, plan.person
    wanted = {f: getattr(record, f) for f in PERSON_FIELDS if getattr(record, f) is not None}
    if person is None and "category" not in wanted:
        reasons.append(_("A new person needs a category (人员类别), such as 教师 or 学生."))
    for name, value in wanted.items():
        before = getattr(person, name) if person else None
        if before != value:
            plan.values[name] = value
            plan.changes[name] = [_plain(before), _plain(value)]
    if person is None or person.school_id != plan.school.pk:
        plan.values["school"] = plan.school
        plan.changes["school"] = [person.school.code if person and person.school else None,
                                  plan.school.code]
    if record.id_number and (person is None
                             or person.id_number_hash != identity.keyed_hash(record.id_number)):
        plan.id_number = record.id_number
        # The audit log keeps the masked form only: it is read more widely than the roster.
        old = person.id_number_masked() if person and person.id_number_hash else None
        plan.changes["id_number"] = [old, identity.mask_id_number(record.id_number)]


def _plan_department(plan: RowPlan, departments: DepartmentIndex, reasons: list[str]) -> None:
    """The 部门 cell names a department of the row's school; blank keeps the stored one,
    unless the person moves to another school, where it no longer belongs."""
    person, record = plan.person, plan.record
    before = person.department if person is not None else None
    wanted = before
    if record.department:
        found = departments.find(record.department, plan.school)
        if isinstance(found, str):
            reasons.append(found)
            return
        wanted = found
    elif before is not None and before.school_id != plan.school.pk:
        wanted = None
    if wanted != before:
        plan.values["department"] = wanted
        plan.changes["department"] = [before.name if before else None,
                                      wanted.name if wanted else None]


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _plan_membership(plan: RowPlan, organization: Organization, reasons: list[str]) -> None:
    person, record = plan.person, plan.record
    member = getattr(person, "member", None) if person else None
    activist = getattr(person, "activist", None) if person else None
    if record.status == MEMBER and plan.branch is None and member is None:
        reasons.append(_("A member needs a branch: fill in the 党支部 column."))
    elif record.status == MEMBER:
        # A blank branch keeps a stored member where they are registered.
        if plan.branch is not None and (member is None
                                        or member.organization_id != plan.branch.pk):
            plan.member_at = plan.branch
            plan.changes["branch"] = [member.organization.code if member else None,
                                      plan.branch.code]
        if record.joined_on and (member is None or member.joined_on != record.joined_on):
            plan.joined_on = record.joined_on
            plan.changes["joined_on"] = [_plain(member.joined_on) if member else None,
                                         record.joined_on.isoformat()]
        if activist is not None:
            plan.drop_activist = True
            plan.changes["activist"] = [activist.organization.code, None]
    elif record.status == ACTIVIST and member is None:
        # A blank branch keeps an activist where they are; a new one joins the importing
        # organization. An import never turns a member back into an activist.
        target = plan.branch or (activist.organization if activist else organization)
        if activist is None or activist.organization_id != target.pk:
            plan.activist_at = target
            plan.changes["activist"] = [activist.organization.code if activist else None,
                                        target.code]


def _needs_account(plan: RowPlan) -> bool:
    person = plan.person
    if person is not None and person.user_id is not None:
        return False
    stays_member = person is not None and hasattr(person, "member")
    stays_activist = person is not None and hasattr(person, "activist")
    return (plan.member_at is not None or plan.activist_at is not None
            or plan.record.status in (MEMBER, ACTIVIST) or stays_member or stays_activist)


def _plan_accounts(plans: list[RowPlan]) -> list[SkippedAccount]:
    """A login for each member and activist without an account: the phone, else the number."""
    wanting = [(p, [c for c in (_after(p, "phone"), _after(p, "staff_no")) if c])
               for p in plans if _needs_account(p)]
    wanted = sorted({c for _p, cs in wanting for c in cs})
    taken = {u for chunk in _chunks(wanted)
             for u in User.objects.filter(username__in=chunk).values_list("username", flat=True)}
    skipped = []
    for plan, candidates in wanting:
        free = [c for c in candidates if c not in taken]
        if not free:
            reason = (_("The login name %(login)s is already taken.")
                      % {"login": " / ".join(candidates)} if candidates else
                      _("There is no phone number or staff number to log in with."))
            skipped.append(SkippedAccount(plan.record.row, plan.record.name, reason))
            continue
        plan.login = free[0]
        taken.add(plan.login)
        plan.role_at = _member_branch(plan)
        plan.changes["account"] = [None, plan.login]
    return skipped


def _after(plan: RowPlan, name: str):
    if name in plan.values:
        return plan.values[name]
    return getattr(plan.person, name, "") if plan.person else ""


def _member_branch(plan: RowPlan) -> Organization | None:
    if plan.member_at is not None:
        return plan.member_at
    member = getattr(plan.person, "member", None) if plan.person else None
    return member.organization if member else None
