"""Timed writes: a 10,000-row roster import, a 100,000-row hours import, Word documents.

The files are written first (untimed) for a district of the generated data; each import then
runs inside a transaction that is rolled back, so the bench database stays as generated.
"""

import datetime as dt
import importlib
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from bench import texts
from vanguard.access.models import Role
from vanguard.campaigns.models import Campaign, Plan
from vanguard.demo.names import NameSource
from vanguard.people.identity import _CHECK, _WEIGHTS
from vanguard.people.models import Member, Organization
from vanguard.people.roster import writing

ROSTER_ROWS = 10_000
HOURS_ROWS = 100_000
HOURS_PER_MEMBER = 20  # rows per member in the hours file: one a day, on different days
HOURS_MODULES = ("vanguard.study.services.hours_import", "vanguard.study.services.hours")
ROSTER_HEADER = ["姓名", "性别", "出生日期", "身份证号码", "联系电话", "党支部", "人员类别",
                 "入党时间", "学号/工号"]
HOURS_HEADER = ["党支部", "学号/工号", "姓名", "身份", "活动名称", "活动时间", "学时数"]
WORDS = {"teacher": "教师", "staff": "职工", "student": "学生", "parent": "家长"}


@dataclass
class Timed:
    key: str
    label: str
    seconds: float | None = None  # None: not measured (see `note`)
    note: str = ""


def district_node(campaign: Campaign) -> Organization:
    """The first district committee below the root, or the root when it is the district."""
    root = campaign.organization
    below = Organization.objects.filter(path__startswith=root.path, depth=root.depth + 1,
                                        school__isnull=True).order_by("path").first()
    return below or root


def office_of(organization: Organization):
    # The generated office account (source ""): a leading group's office seats add more.
    return Role.objects.filter(kind=Role.Kind.OFFICE, organization=organization,
                               source="").select_related("user").earliest("id").user


def _id_number(rng: random.Random, birth: dt.date, taken: set[str]) -> str:
    while True:
        body = f"530102{birth:%Y%m%d}{rng.randint(0, 999):03d}"
        number = body + _CHECK[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]
        if number not in taken:
            taken.add(number)
            return number


def roster_file(organization: Organization, folder: Path, rows: int = ROSTER_ROWS) -> Path:
    """New people for the organization's branches: a third members (an account each), a few
    activists (an account each), the rest staff, students and parents; branches by code."""
    rng = random.Random(11)
    names = NameSource(seed=11)
    branches = list(Organization.objects.filter(path__startswith=organization.path,
                                                kind=Organization.Kind.BRANCH).order_by("path"))
    taken: set[str] = set()
    data = []
    for i in range(rows):
        branch = branches[i % len(branches)]
        roll = rng.random()
        category = rng.choice(("teacher", "teacher", "staff", "student", "parent"))
        status, joined = "", None
        if roll < 0.30:
            category, status = rng.choice(("teacher", "staff")), "党员"
            joined = dt.date(rng.randint(1980, 2024), rng.randint(1, 12), 1)
        elif roll < 0.33:
            category, status = "teacher", "入党积极分子"
        birth = dt.date(rng.randint(1965, 2006), rng.randint(1, 12), rng.randint(1, 28))
        data.append([names.name(), rng.choice("男女"), birth, _id_number(rng, birth, taken),
                     str(15_000_000_000 + i * 7), branch.code, WORDS[category] + status, joined,
                     f"N{i:06d}"])
    path = folder / f"roster-{organization.code}-{rows}.xlsx"
    path.write_bytes(writing.workbook_bytes("花名册", ROSTER_HEADER, data))
    return path


def hours_file(campaign: Campaign, organization: Organization, folder: Path,
               rows: int = HOURS_ROWS) -> tuple[Path, int]:
    """Organized study the schools kept in Excel: one line a day per member, on days the
    ledger may take (within the campaign, at most a few hours), titled as schools write."""
    rng = random.Random(13)
    members = list(Member.objects.filter(organization__path__startswith=organization.path)
                   .values_list("person__staff_no", "person__name", "organization__code")
                   .order_by("organization__path", "person_id"))
    per_member = min(HOURS_PER_MEMBER, -(-rows // max(len(members), 1)))
    data = []
    for staff_no, name, branch in members:
        days = rng.sample(range(0, 20), per_member)
        for day in days:
            title, _kind, _hours = rng.choice(texts.SESSIONS)
            data.append([branch, staff_no, name, "党员", f"{title}（补录）",
                         campaign.starts_on + dt.timedelta(days=day),
                         float(rng.choice((1.0, 1.5, 2.0)))])
            if len(data) >= rows:
                break
        if len(data) >= rows:
            break
    path = folder / f"hours-{organization.code}-{len(data)}.xlsx"
    path.write_bytes(writing.workbook_bytes("学时", HOURS_HEADER, data))
    return path, len(data)


def _rolled_back(call):
    """Time `call()` inside a transaction that is then rolled back."""
    with transaction.atomic():
        started = time.perf_counter()
        value = call()
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds, value


def time_roster_import(organization: Organization, folder: Path) -> Timed:
    from vanguard.people.services import import_roster

    path = roster_file(organization, folder)
    actor = office_of(organization)
    seconds, result = _rolled_back(lambda: import_roster(
        actor=actor, organization=organization, path_or_file=path, filename=path.name))
    if not result.written:
        problems = "; ".join(f"row {p.row}: {' '.join(p.reasons)}" for p in result.problems[:3])
        raise RuntimeError(f"the roster import refused the file: {problems}")
    return Timed("roster_import", f"roster import, {ROSTER_ROWS:,}-row .xlsx", seconds,
                 f"{result.created:,} people, {len(result.accounts):,} accounts")


def find_import_hours():
    for name in HOURS_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "import_hours"):
            return module.import_hours
    return None


def time_hours_import(campaign: Campaign, organization: Organization, folder: Path) -> Timed:
    label = f"study-hours import, {HOURS_ROWS:,}-row .xlsx"
    import_hours = find_import_hours()
    if import_hours is None:
        return Timed("hours_import", label, None, "not built yet")
    path, rows = hours_file(campaign, organization, folder)
    if rows != HOURS_ROWS:
        label = f"study-hours import, {rows:,}-row .xlsx (all this scale's members have)"
    actor = office_of(organization)
    seconds, result = _rolled_back(lambda: import_hours(
        actor=actor, organization=organization, campaign=campaign, path_or_file=path,
        filename=path.name, dry_run=False))
    if not getattr(result, "written", True):
        problems = "; ".join(f"row {p.row}: {' '.join(p.reasons)}"
                             for p in getattr(result, "problems", [])[:3])
        raise RuntimeError(f"the hours import refused the file: {problems}")
    return Timed("hours_import", label, seconds,
                 f"{getattr(result, 'created', rows):,} ledger lines")


def time_documents(campaign: Campaign) -> list[Timed]:
    from vanguard.campaigns.documents import plan_document

    school_plan = Plan.objects.filter(campaign=campaign, derived_from__isnull=False) \
        .order_by("organization__path").first()
    root_plan = Plan.objects.get(campaign=campaign, derived_from__isnull=True)
    from bench.report_timing import time_summary_reports

    rows = time_summary_reports(campaign, Timed, office_of)
    for key, label, plan in (("plan_school", "extra: plan Word document (实施方案), one school",
                              school_plan),
                             ("plan_root", "extra: plan Word document (实施方案), the root",
                              root_plan)):
        times = []
        for _ in range(5):
            started = time.perf_counter()
            size = len(plan_document(plan))
            times.append(time.perf_counter() - started)
        rows.append(Timed(key, label, sorted(times)[len(times) // 2],
                          f"median of 5, {size // 1024} KB"))
    return rows


def time_writes(campaign: Campaign, log=print) -> list[Timed]:
    organization = district_node(campaign)
    results = []
    with tempfile.TemporaryDirectory(prefix="vanguard-bench-") as folder:
        for timed in (lambda: time_roster_import(organization, Path(folder)),
                      lambda: time_hours_import(campaign, organization, Path(folder))):
            result = timed()
            log(f"  {result.label}: "
                + (f"{result.seconds:.1f} s" if result.seconds is not None else "—")
                + f" ({result.note})")
            results.append(result)
    for result in time_documents(campaign):
        log(f"  {result.label}: "
            + (f"{result.seconds * 1000:.0f} ms" if result.seconds is not None else "—")
            + f" ({result.note})")
        results.append(result)
    return results
