"""Reads of the organization tree and its people, scoped to the viewer."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from vanguard.access import scope
from vanguard.people.models import Department, Leader, Member, Organization, Person


def top_organizations_for(viewer) -> list[Organization]:
    """The highest nodes the viewer reads from: their subtrees are what they may see."""
    if scope.is_admin(viewer):
        return list(Organization.objects.get_root_nodes())
    nodes = {r.organization.path: r.organization for r in scope.roles_of(viewer)
             if r.kind in scope.READERS and r.organization}
    # Drop a node that lies inside another node the viewer holds.
    return [n for p, n in sorted(nodes.items())
            if not any(p != q and p.startswith(q) for q in nodes)]


def get_organization_for(viewer, code: str) -> Organization:
    organization = Organization.objects.select_related("school").filter(code=code[:32]).first()
    if organization is None or not viewer.has_perm("people.view_organization", organization):
        raise Http404
    return organization


def children_with_counts(organization: Organization):
    """Each child with the number of members in its subtree: one query per level."""
    children = list(Organization.objects.get_children(organization).select_related("school"))
    counts = dict(
        Member.objects.filter(organization__path__startswith=organization.path)
        .values_list("organization__path").annotate(n=Count("id")).order_by())
    for child in children:
        child.member_count = sum(n for path, n in counts.items() if path.startswith(child.path))
    return children


def members_of(organization: Organization):
    return (Member.objects.filter(organization__path__startswith=organization.path)
            .select_related("person", "organization").order_by("organization__path",
                                                                 "person__name"))


def public_of(organization: Organization):
    """People of the organization's school who are neither members nor activists."""
    if organization.school_id is None:
        return Person.objects.none()
    return Person.objects.filter(school_id=organization.school_id).filter(
        Q(member__isnull=True) & Q(activist__isnull=True)).order_by("name")


def home_organization(person: Person) -> Organization | None:
    """Where a person belongs in the tree: their branch, else their school's top node."""
    member = getattr(person, "member", None)
    if member is not None:
        return member.organization
    if person.school_id is None:
        return None
    return Organization.objects.filter(school_id=person.school_id).order_by("depth").first()


def get_person_for(viewer, pk) -> tuple[Person, Organization]:
    person = Person.objects.select_related("school", "department",
                                           "member__organization").filter(
        pk=pk).first()
    organization = home_organization(person) if person is not None else None
    if organization is None or not viewer.has_perm("people.view_organization", organization):
        raise Http404
    return person, organization


# --- a school's leadership team and departments -----------------------------------------------

def get_school_top_for(viewer, code: str) -> Organization:
    """The school's top organization `code` names, if the viewer may read its team: 404 for a
    branch, a node above the schools, or a code outside the viewer's scope."""
    organization = get_organization_for(viewer, code)
    if not is_school_top(organization) or not viewer.has_perm("people.view_team", organization):
        raise Http404
    return organization


def is_school_top(organization: Organization) -> bool:
    """The organization is its school's highest (the committee): where the team is kept."""
    return organization.school_id is not None and not Organization.objects.filter(
        school_id=organization.school_id, depth__lt=organization.depth).exists()


def team_of(organization: Organization) -> list[Leader]:
    """The school's team, principal first, with the departments each oversees (two queries)."""
    return list(Leader.objects.filter(team__school_id=organization.school_id)
                .select_related("person").prefetch_related("departments")
                .order_by("-is_principal", "id"))


def departments_of(organization: Organization) -> list[Department]:
    """The school's departments with their head, the number of people recorded in each and who
    oversees them (two queries)."""
    return list(Department.objects.filter(school_id=organization.school_id)
                .select_related("head").annotate(staff_count=Count("staff", distinct=True))
                .prefetch_related(Prefetch("overseers", queryset=Leader.objects.select_related(
                    "person").order_by("-is_principal", "id")))
                .order_by("name"))


def team_candidates(organization: Organization):
    """Whom the forms offer as a team member or department head: the school's teachers and
    staff (its students, graduates and parents would make the list thousands long)."""
    return Person.objects.filter(school_id=organization.school_id, category__in=(
        Person.Category.TEACHER, Person.Category.STAFF)).order_by("name", "id")


def get_department_of(organization: Organization, pk) -> Department:
    department = Department.objects.filter(pk=pk, school_id=organization.school_id).first()
    if department is None:
        raise Http404
    return department


def get_leader_of(organization: Organization, pk) -> Leader:
    leader = (Leader.objects.filter(pk=pk, team__school_id=organization.school_id)
              .select_related("person", "team").first())
    if leader is None:
        raise Http404
    return leader
