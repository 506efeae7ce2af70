"""Who reviews whose self-analysis (审阅), read from the organization tree as the plan says."""

from django.db.models import Q

from vanguard.access.models import Role, User
from vanguard.people.models import Department, Leader, Member, Organization, Person


def school_top(school_id: int | None) -> Organization | None:
    """The school's highest organization (its committee or general branch)."""
    if school_id is None:
        return None
    return (Organization.objects.filter(school_id=school_id)
            .order_by("depth", "path").first())


def _user_of(person: Person | None, *, not_for: Person) -> User | None:
    """The person's account, if they have one and are not the author themselves."""
    if person is None or person.pk == not_for.pk:
        return None
    return User.objects.filter(person=person, is_active=True).first()


def _principal(person: Person) -> Leader | None:
    return (Leader.objects.filter(team__school_id=person.school_id, is_principal=True)
            .select_related("person").order_by("id").first())


def _is_secretary(person: Person, branch: Organization | None) -> bool:
    user_id = getattr(person, "user_id", None)
    if user_id is None:
        return False
    where = Q(organization__school_id=person.school_id) if person.school_id else \
        Q(organization=branch)
    return Role.objects.filter(where, user_id=user_id, kind=Role.Kind.SECRETARY).exists()


def _overseer_of(person: Person) -> User | None:
    """An account of a team member who oversees a department the person heads."""
    departments = Department.objects.filter(head=person)
    leaders = (Leader.objects.filter(departments__in=departments)
               .exclude(person=person).select_related("person").order_by("-is_principal", "id"))
    for leader in leaders:
        user = _user_of(leader.person, not_for=person)
        if user is not None:
            return user
    return None


def _branch_secretary(person: Person, branch: Organization) -> User | None:
    """A secretary of the member's own branch who has a person and is not the member."""
    role = (Role.objects.filter(kind=Role.Kind.SECRETARY, organization=branch,
                                user__is_active=True, user__person__isnull=False)
            .exclude(user__person=person).select_related("user").order_by("id").first())
    return role.user if role is not None else None


def _principal_reviews(person: Person, branch: Organization | None):
    principal = _principal(person)
    user = _user_of(principal.person if principal else None, not_for=person)
    return (user, None) if user is not None else _fallback(person, branch)


def _fallback(person: Person, branch: Organization | None):
    """Nobody in the chain has an account: the school's office reviews (the top of the
    member's own tree for someone outside a school)."""
    top = school_top(person.school_id)
    if top is None and branch is not None:
        top = Organization.objects.filter(path=branch.path[:Organization.steplen]).first()
    return None, top


def reviewer_for(person: Person, campaign=None) -> tuple[User | None, Organization | None]:
    """(the reviewing user, or None; the reviewing office, or None) for the person's analysis.

    The plan's chain, first match wins, so that someone who is several things is reviewed
    for the highest post they hold (principal > team member > department head > branch
    secretary > member):

    - the principal leader → any office of the level above the school (`reviewer_office` =
      the parent of the school's top organization);
    - a leadership team member → the principal leader;
    - a department head → a team member who oversees one of their departments;
    - a branch secretary → the next level up: the school's principal leader;
    - a branch member → a secretary of their branch (with a person, not themselves).

    When the one the chain names has no account (or there is nobody), the school's office
    reviews: (None, the school's top organization), and the pages say so. `campaign` is
    accepted for the callers' symmetry; the chain is the tree's today.
    """
    member = Member.objects.filter(person=person).select_related("organization").first()
    branch = member.organization if member is not None else None
    posts = list(Leader.objects.filter(person=person, team__school_id=person.school_id))
    if any(post.is_principal for post in posts):
        top = school_top(person.school_id)
        parent = Organization.objects.get_parent(top) if top is not None else None
        return (None, parent) if parent is not None else _fallback(person, branch)
    if posts:
        return _principal_reviews(person, branch)
    if Department.objects.filter(head=person).exists():
        user = _overseer_of(person)
        return (user, None) if user is not None else _fallback(person, branch)
    if _is_secretary(person, branch):
        return _principal_reviews(person, branch)
    if branch is not None:
        user = _branch_secretary(person, branch)
        if user is not None:
            return user, None
    return _fallback(person, branch)


def is_fallback(analysis) -> bool:
    """The school's office reviews because nobody in the chain has an account."""
    return (analysis.reviewer_id is None and analysis.reviewer_office is not None
            and analysis.reviewer_office.school_id is not None)
