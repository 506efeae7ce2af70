"""`vanguard restore FOLDER`: load a backup into the (empty) configured database and check it."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from vanguard.core import backup as backups


class Command(BaseCommand):
    help = "Restore a backup folder into the empty database DATABASE_URL names, then compare."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, folder, **options):
        try:
            manifest = backups.read_manifest(Path(folder))
            if manifest["engine"] != connection.vendor:
                raise backups.BackupError(
                    f"The backup is of a {manifest['engine']} database; DATABASE_URL names a "
                    f"{connection.vendor} one.")
            if connection.introspection.table_names():
                raise backups.BackupError("The target database is not empty; restore only "
                                          "into a new, empty database.")
            if connection.vendor == "postgresql":
                backups.restore_postgresql(Path(folder), dbname=connection.settings_dict["NAME"])
            else:
                connection.close()
                backups.restore_sqlite(Path(folder), target=Path(connection.settings_dict["NAME"]))
            backups.restore_media(Path(folder), media_root=Path(settings.MEDIA_ROOT))
        except backups.BackupError as exc:
            raise CommandError(exc.text) from None
        differences = {t: (n, got) for t, n in manifest["counts"].items()
                       if (got := backups.table_counts().get(t)) != n}
        if differences:
            raise CommandError(f"Restored, but row counts differ: {differences}")
        self.stdout.write(f"restored {sum(manifest['counts'].values())} rows in "
                          f"{len(manifest['counts'])} tables; every count matches the backup")
