"""Users, the roles they hold at a node of the tree, and the append-only audit log."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vanguard.people.models import Organization


class User(AbstractUser):
    """An account; `username` is the login name (a phone number or a staff/student number)."""

    must_change_password = models.BooleanField(_("must change password"), default=False)
    password_changed_at = models.DateTimeField(null=True, blank=True)

    def set_password(self, raw_password):
        super().set_password(raw_password)
        # The age rule (change after N days) counts from here.
        self.password_changed_at = timezone.now()


class Role(models.Model):
    """A role held at a node of the tree: its scope is that node's subtree."""

    class Kind(models.TextChoices):
        ADMIN = "admin", _("Platform admin")
        OFFICE = "office", _("Office")
        SECRETARY = "secretary", _("Secretary")
        LEADER = "leader", _("Leader")
        MEMBER = "member", _("Member")
        SUPERVISOR = "supervisor", _("Supervisor")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="roles")
    kind = models.CharField(_("role"), max_length=12, choices=Kind.choices)
    organization = models.ForeignKey(Organization, null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="roles")
    # Empty for a role granted by hand; "leading_group:<id>" or "supervision:<id>" for one
    # that follows from a record, so that changing the record takes back only its own roles.
    source = models.CharField(max_length=40, blank=True, default="", db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "organization"], name="role_unique"),
            models.CheckConstraint(
                condition=models.Q(kind="admin") | models.Q(organization__isnull=False),
                name="role_has_organization_unless_admin",
            ),
        ]
        verbose_name = _("role")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} @ {self.organization or '-'}"


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("audit entries cannot be changed")

    def delete(self):
        raise PermissionError("audit entries are removed only by the retention purge")


class AuditEntry(models.Model):
    """One event: who did what to which record, when, from where, and the field diff."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    # "system" for the calendar and background jobs; the username otherwise, kept if the
    # account is later removed.
    actor_label = models.CharField(max_length=150)
    action = models.CharField(max_length=80, db_index=True)
    outcome = models.CharField(max_length=12, default="success")
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    target_label = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit entry")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit entries are removed only by the retention purge")
