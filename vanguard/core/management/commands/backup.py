"""`vanguard backup [-o DIR]`: the database and the uploaded files, with a manifest of counts."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vanguard.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a backup folder (database dump, uploads, row counts) under DIR."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", default=str(Path(settings.DATA_DIR) / "backups"))

    def handle(self, *args, output, **options):
        try:
            folder = backup(Path(output))
        except BackupError as exc:
            raise CommandError(exc.text) from None
        self.stdout.write(f"backup written to {folder}")
