"""Writing audit entries: one call inside the service's transaction, with an action constant."""

from typing import Any

from django.db import models

from vanguard.access.models import AuditEntry

SYSTEM = "system"
ANONYMOUS = "anonymous"

# Models whose rows must never be linked to who gave them (anonymous opinions, ballots,
# survey answers): their apps register them here, and their audit entries name nobody.
ANONYMOUS_MODELS: set[str] = set()


def register_anonymous(model) -> None:
    ANONYMOUS_MODELS.add(model._meta.label_lower)


def field_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed, as JSON-friendly strings."""
    return {
        key: [_plain(before.get(key)), _plain(value)]
        for key, value in after.items()
        if before.get(key) != value
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)


def record(*, actor, action: str, target: models.Model | None = None,
           changes: dict | None = None, outcome: str = "success",
           address: str | None = None, actor_label: str = "") -> AuditEntry:
    """Append one entry; `actor` is a user, or None for the system (calendar, jobs) unless
    `actor_label` names who acted without an account (an anonymous login attempt)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    if target is not None and target._meta.label_lower in ANONYMOUS_MODELS:
        user, actor_label, address = None, ANONYMOUS, None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=user.get_username() if user else (actor_label or SYSTEM),
        action=action,
        outcome=outcome,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:200] if target is not None else "",
        changes=changes or {},
        address=address,
    )


def last_actor_id(target: models.Model, action: str) -> int | None:
    """Who last did `action` to `target`, from the audit log: for the rules that keep one
    person from both doing a step and approving it (four eyes), without a column per step."""
    return (AuditEntry.objects.filter(target_type=target._meta.label_lower,
                                      target_id=str(target.pk), action=action)
            .order_by("-id").values_list("actor_id", flat=True).first())
