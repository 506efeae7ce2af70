"""The audit log's retention: entries younger than the configured period are always kept."""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from vanguard.access.models import AuditEntry

MINIMUM_RETENTION_DAYS = 180


@transaction.atomic
def purge_audit(*, now=None) -> int:
    """Delete entries older than AUDIT_RETENTION_DAYS; the only way rows ever leave the log."""
    days = max(settings.AUDIT_RETENTION_DAYS, MINIMUM_RETENTION_DAYS)
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    old = AuditEntry.objects.filter(at__lt=cutoff)
    # The audit queryset refuses delete(); the purge alone goes around it, on purpose.
    deleted, _ = models.QuerySet.delete(old)
    return deleted
