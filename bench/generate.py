"""`generate(scale)`: a school, a district or a city, twenty days into the seed campaign.

The tree and its offices, every school's people, accounts and roles, the campaign launched at
the root with every school plan approved and the first phase open, each member's tasks with
the status the school's records give them, and the records themselves (meeting attendance,
the hours ledger, readings, notes, reflections, the discussion, reminders), and phase 2's
records generated ahead of the calendar so that its pages can be measured (`bench.review`:
opinions and feedback, talk pairs and talks, self-analyses, evaluations) and phase 3's
(`bench.rectify`: rectification plans, the ledger and evidence, lasting rules, disclosures,
satisfaction assessments). Rows go in by COPY on PostgreSQL (bulk_create on SQLite); the
roll-up and the hours totals are then filled by one aggregate each. The database should hold
no other tree.
"""

import datetime as dt
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from bench import campaign, people, rectify, review, rollups, study, texts
from bench.scales import SCALES, Scale
from bench.sink import Sink
from bench.texts import Texts
from vanguard.access.models import AuditEntry, Role
from vanguard.campaigns.documents import chinese_numeral
from vanguard.core import clock
from vanguard.demo.names import NameSource
from vanguard.people.models import Organization

# Every generated account has this password (one hash, computed once); the benchmark logs in
# with force_login and never needs it.
PASSWORD = "Bench-Vanguard-2026"
DAY_INDEX = 20  # today is the campaign's 21st day: the meeting is held, study under way
FLUSH_ROWS = 300_000


@dataclass
class Result:
    scale: str
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)
    steps: list[tuple[str, float]] = field(default_factory=list)
    campaign_id: int = 0
    root_code: str = ""


class Generator:
    def __init__(self, scale: Scale, *, seed: int = 2005, log: Callable[[str], None] | None = None):
        self.scale = scale
        self.now = clock.now()
        self.today = clock.today()
        self.day_index = DAY_INDEX
        self.starts_on = self.today - dt.timedelta(days=DAY_INDEX)
        self.names = NameSource(seed)
        self.rng = self.names.random
        self.texts = Texts(self.rng)
        self.sink = Sink(self.now)
        self.password_hash = make_password(PASSWORD)
        self.phone = 13000000000
        self.log = log or (lambda text: None)
        self.nodes: dict[str, people.Node] = {}  # path -> node, as they are made
        self.offices: dict[int, int] = {}  # organization id -> its office's account

    # --- helpers the row builders share -------------------------------------------------------
    def day(self, index: int) -> dt.date:
        return self.starts_on + dt.timedelta(days=index)

    def local(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))

    def at(self, index: int, hour: int, minute: int = 0) -> dt.datetime:
        return self.local(self.day(index), hour, minute)

    def next_phone(self) -> str:
        self.phone += self.rng.randint(1, 9)
        return str(self.phone)

    def audit(self, actor_id, label, action, target_type, target_id, target_label, changes,
              at) -> None:
        self.sink.tables[AuditEntry].add(
            self.sink.next_id(AuditEntry), at, actor_id, label, action, "success", target_type,
            str(target_id or ""), target_label[:200], changes, None)

    # --- the build ------------------------------------------------------------------------
    def build(self) -> Result:
        started = time.perf_counter()
        result = Result(scale=self.scale.name, seconds=0)

        def step(label: str, since: float) -> float:
            now = time.perf_counter()
            result.steps.append((label, now - since))
            self.log(f"  {label}: {now - since:.1f} s")
            return now

        people.open_tables(self)
        root, parents = self._top()
        self.sink.flush()
        c = campaign.launch(self, root.id, self.root_office, f"office-{root.code}")
        campaign.open_tables(self)
        study.open_tables(self)
        review.open_tables(self)
        rectify.open_tables(self)
        self.sink.table(AuditEntry, ["id", "at", "actor_id", "actor_label", "action", "outcome",
                                     "target_type", "target_id", "target_label", "changes",
                                     "address"])
        mark = step("tree, offices, campaign", started)
        n = 0
        for district_name, parent_path, count in parents:
            counters: dict[str, int] = {}
            for i in range(1, count + 1):
                n += 1
                kind = texts.SCHOOL_KINDS[n % len(texts.SCHOOL_KINDS)]
                counters[kind] = counters.get(kind, 0) + 1
                name = f"{district_name}第{chinese_numeral(counters[kind])}{kind}"
                school = people.add_school(self, parent_path, i, f"S{n:04d}", name)
                plan = campaign.add_plan(self, c, school)
                outcomes = study.add_school_work(self, c, school, plan)
                review.add_school_review(self, c, school, plan, outcomes, n)
                rectify.add_school_rectify(self, c, school, plan, outcomes, n)
                campaign.add_assignments(self, school, plan, outcomes)
                if self.sink.pending() >= FLUSH_ROWS:
                    self.sink.flush()
                    self.log(f"  {n}/{self.scale.schools} schools, "
                             f"{time.perf_counter() - started:.0f} s")
        self.sink.flush()
        self.sink.reset_sequences()
        mark = step("schools, people, tasks and records (COPY)", mark)
        result.rows = dict(self.sink.written)
        result.rows["campaigns.ProgressCount"] = rollups.fill_progress_counts(c.id)
        result.rows["study.HoursTotal"] = rollups.fill_hours_totals(c.id)
        mark = step("roll-up and hours totals (two aggregates)", mark)
        if connection.vendor == "postgresql" and connection.get_autocommit():
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            step("VACUUM ANALYZE", mark)
        result.seconds = time.perf_counter() - started
        result.campaign_id, result.root_code = c.id, root.code
        return result

    def _top(self):
        """The root (the city, or the district itself) and the district committees; returns
        the root and (district name, path, schools) for each node that holds schools."""
        scale, kind = self.scale, Organization.Kind.COMMITTEE
        if scale.districts:
            root = people.add_node(self, people.child_path("", 1), "C01",
                                   "中共昆明市教育工作委员会", kind, scale.districts)
            parents = []
            for d in range(1, scale.districts + 1):
                name = texts.DISTRICTS[(d - 1) % len(texts.DISTRICTS)]
                node = people.add_node(self, people.child_path(root.path, d), f"D{d:02d}",
                                       f"中共昆明市{name}教育工作委员会", kind,
                                       scale.schools_per_district)
                people.add_account(self, f"office-{node.code}", Role.Kind.OFFICE, node.id)
                parents.append((name, node.path, scale.schools_per_district))
        else:
            name = texts.DISTRICTS[0]
            root = people.add_node(self, people.child_path("", 1), "D01",
                                   f"中共昆明市{name}教育工作委员会", kind, scale.schools)
            parents = [(name, root.path, scale.schools)]
        self.root_office = people.add_account(self, f"office-{root.code}", Role.Kind.OFFICE,
                                              root.id)
        return root, parents


@contextmanager
def bulk_session(fast: bool = True):
    """On PostgreSQL, for the generator's own connection: no wait for each commit's flush,
    and (for a superuser) no foreign-key trigger per row, since every key is made here."""
    if not fast or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        replica = cursor.fetchone()[0]
        if replica:
            cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
            if replica:
                cursor.execute("RESET session_replication_role")


def generate(scale: str, *, seed: int = 2005, fast: bool = True,
             log: Callable[[str], None] | None = None) -> Result:
    """Build `scale` (school, district or city) into the default database."""
    generator = Generator(SCALES[scale], seed=seed, log=log)
    with bulk_session(fast):
        return generator.build()
