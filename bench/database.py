"""The benchmark's own PostgreSQL database: created when missing, rebuilt when it holds
another scale, and marked (a comment on the database) once generated, so that the next run
at the same scale can reuse it."""

import os
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vanguard_bench"
MARK = "vanguard-bench"


@dataclass
class Mark:
    scale: str
    seed: int
    seconds: float
    generated_at: str

    def text(self) -> str:
        return (f"{MARK} scale={self.scale} seed={self.seed} seconds={self.seconds:.0f} "
                f"generated_at={self.generated_at}")

    @classmethod
    def parse(cls, text: str | None) -> "Mark | None":
        if not text or not text.startswith(MARK):
            return None
        fields = dict(part.split("=", 1) for part in text.split()[1:] if "=" in part)
        try:
            return cls(fields["scale"], int(fields["seed"]), float(fields["seconds"]),
                       fields["generated_at"])
        except (KeyError, ValueError):
            return None


def bench_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def _split(url: str) -> tuple[str, str]:
    """(the maintenance database's URL, the bench database's name)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"BENCH_DATABASE_URL must name a PostgreSQL database: {url}")
    if name in ("postgres", "template0", "template1"):
        raise SystemExit(f"BENCH_DATABASE_URL names {name}: give the benchmark its own database")
    maintenance = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
    return maintenance, name


def _admin(url: str) -> psycopg.Connection:
    maintenance, _name = _split(url)
    try:
        return psycopg.connect(maintenance.replace("postgres://", "postgresql://", 1),
                               autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise SystemExit(f"PostgreSQL is not reachable at {maintenance}: {exc}\n"
                         "Start it (the CI script shows how) or set BENCH_DATABASE_URL.") \
            from None


def current_mark(url: str) -> Mark | None:
    _maintenance, name = _split(url)
    with _admin(url) as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name]).fetchone()
    return Mark.parse(row[0]) if row else None


def exists(url: str) -> bool:
    _maintenance, name = _split(url)
    with _admin(url) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  [name]).fetchone() is not None


def recreate(url: str) -> None:
    """Drop (closing other sessions on it) and create the bench database, empty."""
    _maintenance, name = _split(url)
    with _admin(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0")
                           .format(sql.Identifier(name)))


def mark(url: str, value: Mark) -> None:
    _maintenance, name = _split(url)
    with _admin(url) as connection:
        connection.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(
            sql.Identifier(name), sql.Literal(value.text())))


def server_version(url: str) -> str:
    with _admin(url) as connection:
        return connection.execute("SHOW server_version").fetchone()[0]
