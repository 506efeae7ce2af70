"""`python -m bench.run --scale district`: the benchmark, end to end, on its own database.

1. The PostgreSQL database BENCH_DATABASE_URL (default vanguard_bench on 127.0.0.1) is
   created and migrated; it is generated at the scale asked for unless it already holds that
   scale (a comment on the database says which; --fresh rebuilds it anyway).
2. Pages through Django's test client: latency p50/p95 and SQL query count.
3. Throughput of the member home page and of a bare view under gunicorn, loopback only.
4. Roster and study-hours imports (rolled back) and the Word documents.
5. One table: printed, saved under var/bench/, written into docs/performance.md.

Every step is bounded in time; the whole run at district scale takes a few minutes.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=["school", "district", "city"], default="district")
    parser.add_argument("--fresh", action="store_true", help="rebuild the data even if the "
                        "database holds this scale already")
    parser.add_argument("--seed", type=int, default=2005)
    parser.add_argument("--requests", type=int, default=200,
                        help="timed requests per page (at most --page-seconds each)")
    parser.add_argument("--page-seconds", type=float, default=30)
    parser.add_argument("--load-seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1,
                        help="gunicorn workers (default 2 × cores + 1)")
    parser.add_argument("--no-docs", action="store_true",
                        help="print the table but leave docs/performance.md alone")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse(argv)
    from bench import database

    url = database.bench_url()
    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    mark = database.current_mark(url) if database.exists(url) else None
    fresh = args.fresh or mark is None or mark.scale != args.scale or mark.seed != args.seed
    print(f"Benchmark at {args.scale} scale on {url}")
    if fresh:
        database.recreate(url)

    import django

    django.setup()
    from django.core.management import call_command

    from bench import oversight, report
    from bench.generate import generate
    from bench.imports import time_writes
    from bench.load import Server, session_cookies
    from bench.pages import measure_pages, pure_members
    from vanguard.campaigns.models import Campaign

    run = report.Run(scale=args.scale, started=report.now_text(),
                     machine=report.machine(database.server_version(url)), generation={})
    call_command("migrate", verbosity=0)
    if fresh:
        print("Generating the data …")
        result = generate(args.scale, seed=args.seed, log=print)
        call_command("check-rollups")
        generated_at = dt.datetime.now().astimezone().isoformat(timespec="minutes")
        database.mark(url, database.Mark(args.scale, args.seed, result.seconds, generated_at))
        run.generation = {"seconds": result.seconds, "reused": False,
                          "generated_at": generated_at, "rows": result.rows}
        print(f"  {sum(result.rows.values()):,} rows in {result.seconds:.0f} s")
    else:
        print(f"Reusing the data generated at {mark.generated_at} ({mark.seconds:.0f} s); "
              "--fresh rebuilds it")
        run.generation = {"seconds": mark.seconds, "reused": True,
                          "generated_at": mark.generated_at}
    campaign = Campaign.objects.select_related("organization").get()
    added = oversight.ensure(campaign, seed=args.seed)
    if added is not None:
        print("Added issue 9's records (leadership, supervision, coverage, publicity, "
              "calendar, survey)")
        run.generation.setdefault("rows", {}).update(added)

    print("Pages (Django test client, server side):")
    run.pages = [vars(r) for r in measure_pages(campaign, requests=args.requests,
                                                max_seconds=args.page_seconds)]

    print(f"Throughput (gunicorn, {args.workers} workers, {args.clients} clients, "
          f"{args.load_seconds:.0f} s per target):")
    cookies = session_cookies(pure_members(random.Random(3), 200))
    with Server(args.workers) as server:
        results = {}
        for key, label, path, jar in (
                ("bare", "bare view", "/bench/bare/", [None]),
                ("home", "member home", "/campaigns/tasks/", cookies),
                ("bare_member", "bare view, logged in", "/bench/bare/", cookies)):
            r = server.hammer(label, path, jar, clients=args.clients, seconds=args.load_seconds)
            results[key] = {"rate": r.rate, "p50": r.p50, "p95": r.p95, "ok": r.ok,
                            "errors": r.errors}
            print(f"  {label}: {r.rate:.0f} req/s, p50 {r.p50 or 0:.1f} ms, "
                  f"p95 {r.p95 or 0:.1f} ms, {r.errors} errors")
    run.load = {**results, "workers": args.workers, "clients": args.clients,
                "seconds": args.load_seconds}

    print("Imports and documents:")
    run.writes = [vars(t) for t in time_writes(campaign)]
    run.machine["load_after"] = report._load()
    if args.scale != "city":
        run.notes.append("The targets are set for city scale; at this scale they are shown "
                         "for comparison.")
    path = report.save(run)
    print()
    print(report.section(run))
    if not args.no_docs:
        report.write_docs(run)
        print(f"Written to {report.DOCS.relative_to(report.ROOT)} (and {path.name} under "
              f"{path.parent.relative_to(report.ROOT)})")
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    code = main(sys.argv[1:])
    print(f"Benchmark finished in {time.perf_counter() - started:.0f} s")
    sys.exit(code)
