"""Which part of the tree a user may see or run: the subtrees of the nodes they hold roles at."""

from django.db.models import Q, QuerySet

from vanguard.access.models import Role
from vanguard.people.models import Organization

READERS = (Role.Kind.OFFICE, Role.Kind.SECRETARY, Role.Kind.SUPERVISOR, Role.Kind.LEADER)


def roles_of(user) -> list[Role]:
    """The user's roles with their organizations, read once per request (kept on the user)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_vanguard_roles", None)
    if cached is None:
        cached = list(Role.objects.filter(user=user).select_related("organization"))
        user._vanguard_roles = cached
    return cached


def is_admin(user) -> bool:
    return any(r.kind == Role.Kind.ADMIN for r in roles_of(user))


def role_paths(user, kinds) -> list[str]:
    return [r.organization.path for r in roles_of(user) if r.kind in kinds and r.organization]


def holds(user, kinds, organization: Organization) -> bool:
    """True if the user holds one of `kinds` at `organization` or at one of its ancestors."""
    if organization is None:
        return False
    return any(organization.path.startswith(p) for p in role_paths(user, kinds))


def holds_strictly_above(user, kinds, organization: Organization) -> bool:
    """True if the user holds one of `kinds` at an ancestor of `organization` (not at it)."""
    return any(
        organization.path.startswith(p) and organization.path != p
        for p in role_paths(user, kinds)
    )


def subtree_filter(user, kinds, prefix: str = "") -> Q:
    """A filter for rows whose organization (reached through `prefix`) is in the user's scope."""
    if is_admin(user):
        return Q()
    paths = role_paths(user, kinds)
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def covers(user, kinds, organization: Organization) -> bool:
    """True if `organization` is above (or at) a node where the user holds one of `kinds`:
    a branch secretary reads the school's plan that their branch follows."""
    if organization is None:
        return False
    return any(p.startswith(organization.path) for p in role_paths(user, kinds))


def covering_filter(user, kinds, prefix: str = "") -> Q:
    """Rows whose organization is an ancestor of, or is, a node the user holds a role at."""
    if is_admin(user):
        return Q()
    step = Organization.steplen
    paths = {p[:end] for p in role_paths(user, kinds) for end in range(step, len(p) + 1, step)}
    return Q(**{f"{prefix}path__in": sorted(paths)}) if paths else Q(pk__in=[])


def related_filter(user, kinds, prefix: str = "") -> Q:
    """Rows in the user's subtrees or on the path above them (what concerns their units)."""
    if is_admin(user):
        return Q()  # note: Q() | X is X in Django, so the admin case must not be combined
    return subtree_filter(user, kinds, prefix) | covering_filter(user, kinds, prefix)


def visible_organizations(user, kinds=READERS) -> QuerySet[Organization]:
    return Organization.objects.filter(subtree_filter(user, kinds))


def start_organization(user, kinds=READERS) -> Organization | None:
    """The highest node the user holds a reading role at: where their dashboards start."""
    roles = [r for r in roles_of(user) if r.kind in kinds and r.organization]
    if not roles:
        return Organization.objects.get_root_nodes().first() if is_admin(user) else None
    return min(roles, key=lambda r: (r.organization.depth, r.organization.path)).organization
