"""A school's leadership team (领导班子) and its departments, kept by the school's office.

The object of both permissions (`people.manage_team`, `people.view_team`) is the school's top
organization. Rules kept here:

- a department's name is unique within its school, compared as the roster compares it (width,
  case and spaces ignored), so that a roster's 部门 cell always names one department;
- a department is removed only when nobody is recorded in it and no team member oversees it
  (the message names how many): removing it would silently empty people's 部门 and the
  leaders' 分管 lists, which the talks, the review chain and the leader's figures read;
- a team member, a department head: a person of the school;
- a team with members has exactly one principal leader (主要负责人): the first member added
  to a team without one becomes it, making another member principal moves the flag, and the
  principal is removed only as the last member.

A change that alters the pairs the talks step requires (members, the principal, departments
overseen, heads) refreshes the pairs of the running campaigns' talks steps that the school
follows, in the same transaction (see `_follow_talks`).
"""

import re
import unicodedata

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.people import signals
from vanguard.people.errors import PeopleError
from vanguard.people.models import Department, Leader, LeadershipTeam, Organization, Person
from vanguard.people.services.permissions import require

MAX_DEPARTMENT_NAME = Department._meta.get_field("name").max_length
MAX_TITLE = Leader._meta.get_field("title").max_length
_SPACES = re.compile(r"\s+")


def name_key(text: str) -> str:
    """What the roster compares department names by (see roster.places)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).lower()


def school_top(organization: Organization) -> Organization | None:
    if organization.school_id is None:
        return None
    return (Organization.objects.filter(school_id=organization.school_id)
            .order_by("depth", "path").first())


def _top_of_school(school_id: int) -> Organization:
    return Organization.objects.filter(school_id=school_id).order_by("depth", "path").first()


def _require_top(actor, organization: Organization | None,
                 perm: str = "people.manage_team") -> None:
    if organization is not None:
        require(actor, perm, organization)
    if (organization is None or organization.school_id is None
            or school_top(organization).pk != organization.pk):
        raise PeopleError(_("A leadership team and departments belong to a school's top "
                            "organization."), code="not_school_top")


def _clean_name(name: str) -> str:
    name = _SPACES.sub(" ", name or "").strip()
    if not name:
        raise PeopleError(_("Give the department's name."), code="empty")
    if len(name) > MAX_DEPARTMENT_NAME:
        raise PeopleError(_("A department's name may have at most %(limit)d characters (this "
                            "has %(length)d).") % {"limit": MAX_DEPARTMENT_NAME,
                                                   "length": len(name)}, code="too_long")
    return name


def _clean_title(title: str) -> str:
    title = _SPACES.sub(" ", title or "").strip()
    if not title:
        raise PeopleError(_("Give the post held (for example: 校长, 副书记)."), code="empty")
    if len(title) > MAX_TITLE:
        raise PeopleError(_("A title may have at most %(limit)d characters (this has "
                            "%(length)d).") % {"limit": MAX_TITLE, "length": len(title)},
                          code="too_long")
    return title


def _unique_name(school_id: int, name: str, *, exclude: int | None = None) -> None:
    key = name_key(name)
    for other in Department.objects.filter(school_id=school_id).exclude(pk=exclude):
        if name_key(other.name) == key:
            raise PeopleError(_("The school already has a department called “%(name)s”.")
                              % {"name": other.name}, code="duplicate")


def _of_school(person: Person | None, school_id: int) -> None:
    if person is not None and person.school_id != school_id:
        raise PeopleError(_("%(name)s is not a person of this school.") % {"name": person.name},
                          code="other_school")


def _departments_of_school(departments, school_id: int) -> list[Department]:
    departments = list(departments or [])
    strangers = [d.name for d in departments if d.school_id != school_id]
    if strangers:
        raise PeopleError(_("Only the school's own departments can be overseen (not: "
                            "%(names)s).") % {"names": "、".join(strangers)}, code="other_school")
    return departments


def _follow_talks(school_id: int) -> int:
    """Tell the apps that read the team (the talks' required pairs) that it changed; the
    number of steps they refreshed. `people` knows none of them: they listen to
    `signals.team_changed`."""
    return sum(result or 0 for _receiver, result in
               signals.team_changed.send(sender=LeadershipTeam, school_id=school_id))


def _team(school_id: int) -> LeadershipTeam:
    team, _created = LeadershipTeam.objects.get_or_create(school_id=school_id)
    return team


def _names(departments) -> str:
    return "、".join(sorted(d.name for d in departments))


# --- departments ------------------------------------------------------------------------------

@transaction.atomic
def add_department(*, actor, organization: Organization, name: str,
                   head: Person | None = None) -> Department:
    """A new department of the school whose top organization is `organization`."""
    _require_top(actor, organization)
    school_id = organization.school_id
    name = _clean_name(name)
    _unique_name(school_id, name)
    _of_school(head, school_id)
    department = Department.objects.create(school_id=school_id, name=name, head=head)
    audit.record(actor=actor, action="people.department.added", target=department,
                 changes={"name": [None, name], "head": [None, head.pk if head else None]})
    return department


@transaction.atomic
def rename_department(*, actor, department: Department, name: str) -> Department:
    department = Department.objects.select_for_update().get(pk=department.pk)
    _require_top(actor, _top_of_school(department.school_id))
    name = _clean_name(name)
    _unique_name(department.school_id, name, exclude=department.pk)
    before = department.name
    if name != before:
        department.name = name
        department.save(update_fields=["name", "updated_at"])
        audit.record(actor=actor, action="people.department.renamed", target=department,
                     changes={"name": [before, name]})
    return department


@transaction.atomic
def set_department_head(*, actor, department: Department, head: Person | None) -> Department:
    """The department's head (部门负责人), or none."""
    department = Department.objects.select_for_update().get(pk=department.pk)
    _require_top(actor, _top_of_school(department.school_id))
    _of_school(head, department.school_id)
    before = department.head_id
    after = head.pk if head else None
    if before != after:
        department.head = head
        department.save(update_fields=["head", "updated_at"])
        audit.record(actor=actor, action="people.department.head_set", target=department,
                     changes={"head": [before, after],
                              "talk_steps_refreshed": [None, _follow_talks(
                                  department.school_id)]})
    return department


@transaction.atomic
def remove_department(*, actor, department: Department) -> None:
    """Refused while people are recorded in the department or a team member oversees it."""
    department = Department.objects.select_for_update().get(pk=department.pk)
    _require_top(actor, _top_of_school(department.school_id))
    staff = Person.objects.filter(department=department).count()
    overseers = Leader.objects.filter(departments=department).count()
    if staff or overseers:
        reasons = []
        if staff:
            reasons.append(_("%(n)d people are recorded in it (the roster's 部门 column): move "
                             "them to another department with a roster import")
                           % {"n": staff})
        if overseers:
            reasons.append(_("%(n)d team members oversee it: take it off their departments "
                             "overseen") % {"n": overseers})
        raise PeopleError(_("%(name)s cannot be removed yet: %(reasons)s. Or rename it "
                            "instead.") % {"name": department.name,
                                           "reasons": "; ".join(reasons)}, code="in_use")
    audit.record(actor=actor, action="people.department.removed", target=department,
                 changes={"name": [department.name, None],
                          "head": [department.head_id, None]})
    department.delete()


# --- the team ---------------------------------------------------------------------------------

def _lock_team(team_id: int) -> None:
    """Every change to who is principal holds the team's row, so that two at once queue."""
    LeadershipTeam.objects.select_for_update().filter(pk=team_id).first()


def _lower_principals(team_id: int, *, keep: int) -> Person | None:
    """Take the flag from whoever holds it besides `keep`; the (first) one who held it."""
    previous = list(Leader.objects.filter(team_id=team_id, is_principal=True)
                    .exclude(pk=keep).select_related("person").order_by("id"))
    if previous:
        Leader.objects.filter(pk__in=[p.pk for p in previous]).update(is_principal=False)
    return previous[0].person if previous else None


@transaction.atomic
def add_leader(*, actor, organization: Organization, person: Person, title: str,
               is_principal: bool = False, departments=()) -> Leader:
    """A new team member. Made principal, they take the flag from the one who held it; the
    first member of a team without a principal is made principal. The returned leader's
    `replaced` is the person who held the flag before, if it moved."""
    _require_top(actor, organization)
    school_id = organization.school_id
    if person is None:
        raise PeopleError(_("Choose a person."), code="empty")
    _of_school(person, school_id)
    title = _clean_title(title)
    departments = _departments_of_school(departments, school_id)
    team = _team(school_id)
    _lock_team(team.pk)
    if Leader.objects.filter(team=team, person=person).exists():
        raise PeopleError(_("%(name)s is already a member of the team.") % {"name": person.name},
                          code="duplicate")
    if not is_principal and not Leader.objects.filter(team=team, is_principal=True).exists():
        is_principal = True
    leader = Leader.objects.create(team=team, person=person, title=title,
                                   is_principal=is_principal)
    leader.departments.set(departments)
    leader.replaced = _lower_principals(team.pk, keep=leader.pk) if is_principal else None
    audit.record(actor=actor, action="people.leader.added", target=leader, changes={
        "person": [None, person.pk], "title": [None, title],
        "is_principal": [None, is_principal], "departments": [None, _names(departments)],
        "principal_before": [None, leader.replaced.pk if leader.replaced else None],
        "talk_steps_refreshed": [None, _follow_talks(school_id)]})
    return leader


def _locked_leader(leader: Leader) -> Leader:
    return (Leader.objects.select_for_update(of=("self",)).select_related("team", "person")
            .get(pk=leader.pk))


@transaction.atomic
def change_leader(*, actor, leader: Leader, title: str, departments) -> Leader:
    """A member's title and the departments they oversee (of the same school only)."""
    leader = _locked_leader(leader)
    school_id = leader.team.school_id
    _require_top(actor, _top_of_school(school_id))
    title = _clean_title(title)
    departments = _departments_of_school(departments, school_id)
    before = {"title": leader.title, "departments": _names(leader.departments.all())}
    after = {"title": title, "departments": _names(departments)}
    changes = audit.field_diff(before, after)
    if changes:
        leader.title = title
        leader.save(update_fields=["title", "updated_at"])
        leader.departments.set(departments)
        if "departments" in changes:
            changes["talk_steps_refreshed"] = [None, _follow_talks(school_id)]
        audit.record(actor=actor, action="people.leader.changed", target=leader,
                     changes=changes)
    return leader


@transaction.atomic
def set_principal(*, actor, leader: Leader) -> Leader:
    """Make `leader` the principal leader; the one who held the flag loses it (`replaced`)."""
    leader = _locked_leader(leader)
    school_id = leader.team.school_id
    _require_top(actor, _top_of_school(school_id))
    _lock_team(leader.team_id)
    if leader.is_principal:
        raise PeopleError(_("%(name)s is already the principal leader.")
                          % {"name": leader.person.name}, code="already_principal")
    leader.is_principal = True
    leader.save(update_fields=["is_principal", "updated_at"])
    leader.replaced = _lower_principals(leader.team_id, keep=leader.pk)
    audit.record(actor=actor, action="people.leader.made_principal", target=leader, changes={
        "is_principal": [False, True],
        "principal_before": [leader.replaced.pk if leader.replaced else None, None],
        "talk_steps_refreshed": [None, _follow_talks(school_id)]})
    return leader


@transaction.atomic
def remove_leader(*, actor, leader: Leader) -> None:
    """Refused for the principal leader while other members remain: move the flag first."""
    leader = _locked_leader(leader)
    school_id = leader.team.school_id
    _require_top(actor, _top_of_school(school_id))
    _lock_team(leader.team_id)
    if leader.is_principal and Leader.objects.filter(team_id=leader.team_id).exclude(
            pk=leader.pk).exists():
        raise PeopleError(_("%(name)s is the principal leader: make another member the "
                            "principal leader first.") % {"name": leader.person.name},
                          code="principal")
    changes = {"person": [leader.person_id, None], "title": [leader.title, None],
               "is_principal": [leader.is_principal, None],
               "departments": [_names(leader.departments.all()), None]}
    # Deleted through the queryset so that `leader` keeps its pk for the audit entry.
    Leader.objects.filter(pk=leader.pk).delete()
    changes["talk_steps_refreshed"] = [None, _follow_talks(school_id)]
    audit.record(actor=actor, action="people.leader.removed", target=leader, changes=changes)
