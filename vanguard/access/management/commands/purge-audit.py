"""`vanguard purge-audit`: remove audit entries older than the retention period (daily job)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from vanguard.access.retention import purge_audit


class Command(BaseCommand):
    help = "Delete audit entries older than VANGUARD_AUDIT_RETENTION_DAYS (at least 180)."

    def handle(self, *args, **options):
        deleted = purge_audit()
        self.stdout.write(f"{deleted} entries older than {settings.AUDIT_RETENTION_DAYS} days "
                          "removed")
