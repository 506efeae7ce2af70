"""Reads of the organization tree and its people, scoped to the viewer."""

from django.db.models import Count, Q
from django.http import Http404

from vanguard.access import scope
from vanguard.people.models import Member, Organization, Person


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
