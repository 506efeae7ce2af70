"""What the register shows, and to whom. The keepers of a register are the leading group's
office head and the principal leader at the level the case is kept (the permissions
`handling.view_register` / `handling.keep_register`); nobody else reads any of it. Outside the
register, only `open_case_count` may be used: a number, never a name."""

from django.db.models import Q

from vanguard.campaigns.models import Campaign
from vanguard.handling.models import Case, Document
from vanguard.people.models import Leader, Member, Organization


def school_top(school_id) -> Organization | None:
    """A school's own top organization (its committee)."""
    return Organization.objects.filter(school_id=school_id).order_by("depth", "path").first()


def _ancestor_paths(organization: Organization) -> list[str]:
    step = Organization.steplen
    return [organization.path[:i] for i in range(step, len(organization.path) + 1, step)]


def case_organization_for(member: Member) -> Organization:
    """Where a member's case is kept: the school's top organization; for a member above the
    schools, the nearest level (theirs or above) with a leading group, else the tree's root."""
    organization = member.organization
    if organization.school_id:
        return school_top(organization.school_id)
    return (Organization.objects.filter(path__in=_ancestor_paths(organization),
                                        leading_groups__isnull=False)
            .order_by("-depth").first() or organization.get_root())


def kept_organizations(user) -> list[Organization]:
    """The organizations whose register this user keeps (office head or principal leader),
    each checked against the permission itself."""
    from vanguard.oversight.models import Seat

    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return []
    seats = list(Seat.objects.filter(person=person, post__in=(Seat.Post.HEAD,
                                                               Seat.Post.OFFICE_HEAD))
                 .values_list("group__organization_id", "group__organization__school_id"))
    school_ids = {school for _org, school in seats if school}
    school_ids |= set(Leader.objects.filter(person=person, is_principal=True)
                      .values_list("team__school_id", flat=True))
    above = {org for org, school in seats if not school}
    candidates = [school_top(school_id) for school_id in sorted(school_ids)]
    candidates += list(Organization.objects.filter(pk__in=above).order_by("path"))
    return [org for org in candidates
            if org is not None and user.has_perm("handling.view_register", org)]


def keeps_any(user) -> bool:
    """Cheap test for a link: does the user's person hold a keeper's seat or post anywhere?"""
    from vanguard.oversight.models import Seat

    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return False
    return (Seat.objects.filter(person=person, post__in=(Seat.Post.HEAD, Seat.Post.OFFICE_HEAD))
            .exists() or Leader.objects.filter(person=person, is_principal=True).exists())


def _kept_filter(organizations, prefix: str = "") -> Q:
    """Rows kept at one of these organizations (any organization of a kept school)."""
    query = Q(pk__in=[])
    for org in organizations:
        if org.school_id:
            query |= Q(**{f"{prefix}organization__school_id": org.school_id})
        else:
            query |= Q(**{f"{prefix}organization": org})
    return query


def register_cases(organizations, status: str = ""):
    cases = (Case.objects.filter(_kept_filter(organizations))
             .select_related("member__person", "member__organization", "organization"))
    if status in Case.Status.values:
        cases = cases.filter(status=status)
    return cases.order_by("status", "-opened_on", "-id")


def get_case(pk) -> Case | None:
    """The case, or None: the caller refuses both the same way (no existence leak)."""
    return (Case.objects.select_related("member__person", "member__organization",
                                        "organization", "campaign", "opened_by", "closed_by")
            .filter(pk=pk).first())


def get_document(pk) -> Document | None:
    return (Document.objects.select_related("step__case__organization")
            .filter(pk=pk).first())


def case_steps(case: Case) -> list:
    return list(case.steps.select_related("recorded_by").prefetch_related("documents"))


def eligible_members(organizations):
    """The members a keeper may open a case for: those of the kept schools, or above the
    schools, those of the kept level who belong to no school."""
    query = Q(pk__in=[])
    for org in organizations:
        if org.school_id:
            query |= Q(organization__school_id=org.school_id)
        else:
            query |= Q(organization__path__startswith=org.path,
                       organization__school__isnull=True)
    return (Member.objects.filter(query).select_related("person", "organization")
            .order_by("organization__path", "person__name", "id"))


def eligible_campaigns(organizations):
    """Campaigns launched at a kept organization or above it."""
    paths = {path for org in organizations for path in _ancestor_paths(org)}
    return Campaign.objects.filter(organization__path__in=paths).order_by("-starts_on", "-id")


def open_case_count(organization: Organization) -> int:
    """The number of open cases kept for this organization: its school's, or, above the
    schools, every one in its subtree. Only a number: this is all a dashboard may show."""
    if organization is None:
        return 0
    cases = Case.objects.filter(status=Case.Status.OPEN)
    if organization.school_id:
        return cases.filter(organization__school_id=organization.school_id).count()
    return cases.filter(organization__path__startswith=organization.path).count()
