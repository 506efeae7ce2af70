"""Backup and restore: a backup restored into an empty database has every row back."""

import json
import sqlite3

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from vanguard.core import backup as backups
from vanguard.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


def restored_counts(folder, tmp_path):
    """Restore into a brand-new database and read its counts (and one person's name)."""
    if connection.vendor == "sqlite":
        target = tmp_path / "restored.sqlite3"
        backups.restore_sqlite(folder, target=target)
        with sqlite3.connect(target) as db:
            name = db.execute("SELECT name FROM people_person ORDER BY id LIMIT 1").fetchone()[0]
            return backups.table_counts(db), name
    import psycopg

    env = backups._pg_env()
    dbname = f"{connection.settings_dict['NAME']}_restored"
    params = {k: v for k, v in (("host", env.get("PGHOST")), ("port", env.get("PGPORT")),
                                ("user", env.get("PGUSER"))) if v}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
        admin.execute(f'CREATE DATABASE "{dbname}"')
    try:
        backups.restore_postgresql(folder, dbname=dbname, env=env)
        with psycopg.connect(dbname=dbname, **params) as db:
            name = db.execute("SELECT name FROM people_person ORDER BY id LIMIT 1").fetchone()[0]
            return backups.table_counts(db), name
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{dbname}"')


def test_backup_restored_into_an_empty_database_has_every_row(launched, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "imports").mkdir(parents=True)
    (tmp_path / "media" / "imports" / "kept.txt").write_text("evidence")
    folder = backups.backup(tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["counts"]["people_person"] == Person.objects.count() > 0
    counts, first_name = restored_counts(folder, tmp_path)
    assert counts == manifest["counts"]
    assert first_name == Person.objects.order_by("id").first().name
    backups.restore_media(folder, media_root=tmp_path / "restored" / "media")
    assert (tmp_path / "restored" / "media" / "imports" / "kept.txt").read_text() == "evidence"


def test_restore_refuses_a_database_that_is_not_empty(launched, tmp_path):
    folder = backups.backup(tmp_path / "backups")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(folder))


def test_restore_refuses_a_folder_that_is_not_a_backup(db, tmp_path):
    with pytest.raises(CommandError, match="not a Vanguard backup"):
        call_command("restore", str(tmp_path))
