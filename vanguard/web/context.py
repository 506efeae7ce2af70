"""The navigation each role sees, computed from the user's roles (one query, cached per request)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vanguard.access import scope
from vanguard.access.models import Role


def nav_items(user) -> list[tuple[str, str]]:
    if not user.is_authenticated:
        return []
    kinds = {r.kind for r in scope.roles_of(user)}
    items = []
    if hasattr(user, "person"):
        items.append((_("My tasks"), reverse("campaigns:my_tasks")))
    if kinds & {Role.Kind.ADMIN, Role.Kind.OFFICE, Role.Kind.SECRETARY, Role.Kind.SUPERVISOR,
                Role.Kind.LEADER}:
        items.append((_("Campaigns"), reverse("campaigns:list")))
        items.append((_("Organizations"), reverse("people:organizations")))
        items.append((_("Calendar"), reverse("campaigns:calendar")))
    if Role.Kind.ADMIN in kinds:
        items.append((_("Audit log"), reverse("access:audit")))
    return items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"nav_items": nav_items(user),
            "role_labels": sorted({r.get_kind_display() for r in scope.roles_of(user)}),
            "unread_count": _unread(user)}


def _unread(user) -> int:
    """Unread notifications for the bell in the navigation bar: one indexed count."""
    from vanguard.campaigns.models import Notification

    person_id = getattr(getattr(user, "person", None), "pk", None) \
        if getattr(user, "is_authenticated", False) else None
    if person_id is None:
        return 0
    return Notification.objects.filter(person_id=person_id, read_at__isnull=True).count()
