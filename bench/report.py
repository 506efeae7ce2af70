"""The benchmark's one table: printed, kept as JSON under var/bench/, and written into
docs/performance.md between markers for its scale (the rest of that file is prose)."""

import datetime as dt
import json
import os
import platform
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "bench"
DOCS = ROOT / "docs" / "performance.md"

PAGE_TARGETS = {"member_home": 50.0, "branch": 200.0, "school": 200.0, "district": 200.0,
                "city": 200.0}
# Phase 2: a page every member (or visitor) opens has the member home's target; the pages of
# offices and secretaries the dashboards'.
PAGE_TARGETS |= {key: 50.0 for key in ("feedback", "my_talks", "public_school")}
PAGE_TARGETS |= {key: 200.0 for key in (
    "opinions_sorting", "opinions_release", "talks_branch", "talks_school", "talks_district",
    "talks_city", "analyses_progress", "analyses_queue", "evaluation_branch")}
# Phase 3: the same rule.
PAGE_TARGETS |= {key: 50.0 for key in ("member_plan", "public_disclosure")}
PAGE_TARGETS |= {key: 200.0 for key in (
    "ledger_school", "ledger_district", "assessment_results", "summary_report", "follow_up")}
# Issue 9 (leadership, supervision, coverage, publicity, calendar, survey): the same rule.
PAGE_TARGETS |= {key: 50.0 for key in ("public_campaign", "public_rss", "my_calendar",
                                       "calendar_feed")}
PAGE_TARGETS |= {key: 200.0 for key in (
    "flags_district", "flags_city", "leading_groups", "supervision_group", "coverage_school",
    "survey_results")}
THROUGHPUT_TARGET = 0.5
ROSTER_TARGET, HOURS_TARGET = 15.0, 60.0
GENERATION_TARGET = 15 * 60.0  # city scale
GROWTH_TARGET = 3.0  # district to city


@dataclass
class Run:
    scale: str
    started: str
    machine: dict
    generation: dict  # seconds, reused, generated_at, rows
    pages: list[dict] = field(default_factory=list)  # PageResult as dict
    load: dict = field(default_factory=dict)  # bare / home: rate, p50, p95, ok, errors
    writes: list[dict] = field(default_factory=list)  # Timed as dict
    notes: list[str] = field(default_factory=list)


def machine(pg_version: str) -> dict:
    import django

    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "memory": memory, "postgresql": pg_version,
            "python": platform.python_version(), "django": django.get_version(),
            "cpu": _cpu_model(), "load_before": _load()}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return ""


def save(run: Run) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{run.scale}.json"
    path.write_text(json.dumps(asdict(run), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def load_other(scale: str) -> dict | None:
    path = RESULTS / f"{scale}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _ms(value) -> str:
    return "—" if value is None else f"{value:.1f} ms"


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**missed**")


def rows(run: Run) -> list[tuple[str, str, str, str, str]]:
    """(measure, target, measured, SQL queries, verdict) for every line of the table."""
    # The city run is set beside the last district run on this machine (not the other way
    # round: a district run must not quote a city run made with older code).
    other_scale = "district" if run.scale == "city" else None
    other = load_other(other_scale) if other_scale else None
    other_pages = {p["key"]: p for p in (other or {}).get("pages", [])}
    out = []
    gen = run.generation
    reused = f" (data reused, generated {gen['generated_at']})" if gen.get("reused") else ""
    seconds = gen["seconds"]
    shown = f"{seconds:.1f} s" if seconds < 10 else f"{seconds:.0f} s"
    out.append(("data generation, `vanguard bench-data`", "city: < 15 min", shown + reused, "—",
                _verdict(gen["seconds"] < GENERATION_TARGET) if run.scale == "city" else "—"))
    for page in run.pages:
        target = PAGE_TARGETS[page["key"]]
        if page["p95"] is None:
            out.append((page["label"], f"p95 ≤ {target:.0f} ms", page["note"] or "—", "—", "—"))
            continue
        queries = _queries(page)
        if page["key"] in other_pages and other_pages[page["key"]]["queries"]:
            queries += f" ({other_scale}: {_queries(other_pages[page['key']])})"
        target_text = f"p95 ≤ {target:.0f} ms"
        if page["key"] == "member_home":
            target_text += ", same queries at every scale"
        out.append((page["label"],
                    target_text,
                    f"p50 {_ms(page['p50'])} · p95 {_ms(page['p95'])} ({page['samples']} requests)",
                    queries, _verdict(page["p95"] <= target)))
    if run.load:
        bare, home = run.load["bare"], run.load["home"]
        ratio = home["rate"] / bare["rate"] if bare["rate"] else 0.0
        out.append((f"member home throughput, gunicorn {run.load['workers']} workers, "
                    f"{run.load['clients']} clients, {run.load['seconds']:.0f} s each",
                    f"≥ {THROUGHPUT_TARGET} × bare view",
                    f"{home['rate']:.0f} req/s vs bare {bare['rate']:.0f} req/s = "
                    f"**{ratio:.2f} ×** (p95 {_ms(home['p95'])} vs {_ms(bare['p95'])}; "
                    f"errors {home['errors']}/{bare['errors']})",
                    "—", _verdict(ratio >= THROUGHPUT_TARGET)))
        logged_in = run.load.get("bare_member")
        if logged_in:
            out.append(("extra: the bare view for a logged-in member (session read and saved, "
                        "navigation context)", "—",
                        f"{logged_in['rate']:.0f} req/s: member home = "
                        f"{home['rate'] / logged_in['rate']:.2f} × this" if logged_in["rate"]
                        else "—", "—", "—"))
    for write in run.writes:
        target = {"roster_import": f"≤ {ROSTER_TARGET:.0f} s",
                  "hours_import": f"≤ {HOURS_TARGET:.0f} s"}.get(write["key"], "—")
        if write["seconds"] is None:
            out.append((write["label"], target, write["note"], "—", "—"))
            continue
        limit = {"roster_import": ROSTER_TARGET, "hours_import": HOURS_TARGET}.get(write["key"])
        shown = (f"{write['seconds']:.1f} s" if write["seconds"] >= 1
                 else f"{write['seconds'] * 1000:.0f} ms")
        out.append((write["label"], target, f"{shown} ({write['note']})", "—",
                    _verdict(write["seconds"] <= limit) if limit else "—"))
    if other:
        out.extend(_growth(run, other))
    return out


def _queries(page: dict) -> str:
    counts = page["queries"]
    if not counts:
        return "—"
    low, high = min(counts), max(counts)
    return str(low) if low == high else f"{low}–{high}"


def _growth(run: Run, other: dict) -> list[tuple]:
    """p50 at city scale over p50 at district scale, page by page, and for the top of the
    tree (the district dashboard at district scale, the city dashboard at city scale)."""
    city, district = run.__dict__, other
    c_pages = {p["key"]: p for p in city["pages"] if p["p50"] is not None}
    d_pages = {p["key"]: p for p in district["pages"] if p["p50"] is not None}
    pairs = [(key, key) for key in c_pages if key in d_pages]
    if "city" in c_pages and "district" in d_pages:
        pairs.append(("city", "district"))
    out = []
    for c_key, d_key in pairs:
        ratio = c_pages[c_key]["p50"] / d_pages[d_key]["p50"]
        label = (f"district → city, {c_pages[c_key]['label']}" if c_key == d_key else
                 "district → city, top of the tree (district dashboard → city dashboard)")
        out.append((label, f"≤ {GROWTH_TARGET:.0f} × (12 × the data)",
                    f"p50 {_ms(d_pages[d_key]['p50'])} → {_ms(c_pages[c_key]['p50'])} = "
                    f"{ratio:.2f} ×", "—", _verdict(ratio <= GROWTH_TARGET)))
    return out


def table(run: Run) -> str:
    lines = ["| measure | target | measured | SQL queries | verdict |",
             "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
              for row in rows(run)]
    return "\n".join(lines)


def section(run: Run) -> str:
    m = run.machine
    head = (f"Run of {run.started} at **{run.scale}** scale on {m['nproc']} cores "
            f"({m['cpu']}), {m['memory']} memory, PostgreSQL {m['postgresql']}, "
            f"Python {m['python']}, Django {m['django']}; load average before "
            f"{m['load_before']}, after {m.get('load_after', '?')}.")
    other = load_other("district") if run.scale == "city" else None
    notes = list(run.notes)
    if other:
        notes.append(f"The district-scale figures set beside these come from the district "
                     f"run of {other['started']} on this machine.")
    notes = "".join(f"\n- {note}" for note in notes)
    return f"{head}\n\n{table(run)}\n{notes}\n".rstrip() + "\n"


def write_docs(run: Run, path: Path = DOCS) -> None:
    start, end = f"<!-- bench:{run.scale} -->", f"<!-- /bench:{run.scale} -->"
    block = f"{start}\n{section(run)}{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        text = text.rstrip() + f"\n\n## Latest run at {run.scale} scale\n\n{block}\n"
    path.write_text(text, encoding="utf-8")


def now_text() -> str:
    return dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
