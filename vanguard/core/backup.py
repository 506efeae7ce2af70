"""Backup and restore: pg_dump / pg_restore on PostgreSQL, a file copy on SQLite, plus uploads.

A backup is a folder holding the database dump, the uploaded files as a tar archive, and a
manifest with the row count of every table, so a restore can prove it brought back all.
"""

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

from vanguard.core.errors import VanguardError

MANIFEST = "manifest.json"


class BackupError(VanguardError):
    pass


def table_counts(db_connection=None) -> dict[str, int]:
    """Rows per table of every installed model, through a DB-API connection (a restored
    database) or Django's own."""
    tables = sorted({m._meta.db_table for m in apps.get_models()
                     if m._meta.managed and not m._meta.proxy})
    cursor = (db_connection or connection).cursor()
    try:
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # names come from the models
            counts[table] = cursor.fetchone()[0]
        return counts
    finally:
        cursor.close()


def backup(out_dir: Path, *, now=None) -> Path:
    """Write a new backup folder under `out_dir` and return its path."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = Path(out_dir) / f"vanguard-backup-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    engine = connection.vendor
    if engine == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
              f"--file={folder / 'database.pgdump'}", _pg_dbname()], _pg_env())
    elif engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / "database.sqlite3") as target:
            connection.connection.backup(target)
    else:
        raise BackupError(f"Backups of a {engine} database are not supported.")
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
            archive.add(media, arcname="media")
    manifest = {"created": dt.datetime.now().isoformat(timespec="seconds"), "engine": engine,
                "counts": table_counts()}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def read_manifest(folder: Path) -> dict:
    try:
        return json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} is not a Vanguard backup ({exc}).") from None


def restore_postgresql(folder: Path, *, dbname: str, env: dict | None = None) -> None:
    """Load the dump into `dbname`, which must exist and be empty."""
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
          f"--dbname={dbname}", str(Path(folder) / "database.pgdump")], env or _pg_env())


def restore_sqlite(folder: Path, *, target: Path) -> None:
    target = Path(target)
    if target.exists() and target.stat().st_size:
        raise BackupError(f"{target} exists; restore only into an empty database.")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(folder) / "database.sqlite3", target)


def restore_media(folder: Path, *, media_root: Path) -> None:
    archive = Path(folder) / "media.tar.gz"
    if not archive.exists():
        return
    with tarfile.open(archive) as tar:
        tar.extractall(Path(media_root).parent, filter="data")


def _pg_dbname() -> str:
    return connection.settings_dict["NAME"]


def _pg_env() -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                      ("PGPASSWORD", "PASSWORD")):
        if db.get(name):
            env[key] = str(db[name])
    return env


def _run(command: list[str], env: dict) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed on this machine.") from None
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")
