"""Who an activity is for: the members, secretaries or leaders a plan covers.

A plan covers its organization's subtree except the subtrees that have plans of their own,
so a district plan does not hand school members a second copy of each task.
"""

from django.db.models import Q

from vanguard.access.models import Role
from vanguard.people.models import Activist, Leader, Member, Organization

Audience = list[tuple[int, int]]  # (person id, organization id)


def covered(plan, prefix: str) -> Q:
    """Rows (reached through `prefix`) in the plan's part of the tree."""
    q = Q(**{f"{prefix}path__startswith": plan.organization.path})
    for path in plan.derived.values_list("organization__path", flat=True):
        q &= ~Q(**{f"{prefix}path__startswith": path})
    return q


def members(plan) -> Audience:
    return list(Member.objects.filter(covered(plan, "organization__"))
                .values_list("person_id", "organization_id"))


def activists(plan) -> Audience:
    return list(Activist.objects.filter(covered(plan, "organization__"))
                .values_list("person_id", "organization_id"))


def secretaries(plan) -> Audience:
    return list(Role.objects.filter(covered(plan, "organization__"), kind=Role.Kind.SECRETARY,
                                    user__person__isnull=False)
                .values_list("user__person__id", "organization_id").distinct())


def leaders(plan) -> Audience:
    """The leadership teams of the schools the plan covers; a leader's branch if a member."""
    school_ids = Organization.objects.filter(covered(plan, ""), school__isnull=False) \
        .values("school_id")
    people = Leader.objects.filter(team__school_id__in=school_ids) \
        .values_list("person_id", "person__member__organization_id").distinct()
    return [(pid, org_id or plan.organization_id) for pid, org_id in people]


def for_activity(activity) -> Audience:
    who = (activity.settings or {}).get("who", "members")
    return {"members": members, "secretaries": secretaries, "leaders": leaders}[who](
        activity.plan)


def school_count(plan, scope) -> int:
    """How many schools the plan covers inside `scope`'s subtree: what organization-level
    steps (a disclosure, an assessment, a report per school) are counted against."""
    return (Organization.objects.filter(covered(plan, ""), path__startswith=scope.path,
                                        school__isnull=False)
            .values("school_id").distinct().count())
