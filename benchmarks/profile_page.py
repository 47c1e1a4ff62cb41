"""
Profile one page type uncached, in-process (README "Benchmarks"): where a page's time goes.

    DATABASE_URL=postgres://... .venv/bin/python -m benchmarks.profile_page article --requests 300

Renders the page type's sample URLs (benchmarks.sampling) with Django's test client
through the whole middleware stack with the page cache off, first timed (ms per page
next to the trivial view), then under cProfile. Prints the time per page split into
SQL execution, the ORM (building queries, loading rows), templates, URL reversing and
the rest, and the functions with the most time of their own. Needs a seeded database
(`make bench` or seed_demo).
"""

import argparse
import cProfile
import os
import pstats
import random
import time

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks import sampling  # noqa: E402

# Where a function's cumulative time is counted: the first of these on its call stack,
# looked up by the file and function name of each caller (a profile has no stacks, so
# "inclusive" times come from pstats' cumulative figures for these entry points).
ENTRY_POINTS = {
    "SQL execution": [("psycopg/cursor.py", "execute"), ("sqlite3/base.py", "execute")],
    "templates": [("django/template/base.py", "render")],
    "URL reversing": [("django/urls/base.py", "reverse")],
    "ORM: query building and row loading": [("django/db/models/sql/compiler.py", "execute_sql")],
}


def time_pages(client, paths, requests) -> tuple[float, float]:
    """Return (wall ms, CPU ms of this process) a request: the CPU figure leaves out SQL."""
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(requests):
        response = client.get(paths[i % len(paths)])
        assert response.status_code == 200, (paths[i % len(paths)], response.status_code)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return wall * 1000 / requests, cpu * 1000 / requests


def best_of(client, paths, requests, repeats=3) -> tuple[float, float]:
    """The fastest of a few runs: on a shared machine, the run least disturbed by others."""
    runs = [time_pages(client, paths, requests) for _ in range(repeats)]
    return min(run[0] for run in runs), min(run[1] for run in runs)


def cumulative(stats, suffix, name) -> float:
    """Return the cumulative seconds of the functions named name in files ending in suffix."""
    total = 0.0
    for (filename, _line, function), row in stats.stats.items():
        if function == name and filename.endswith(suffix):
            # row: call count, primitive calls, own time, cumulative time, callers
            total = max(total, row[3])
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("page", nargs="?", default="article", help="a page type of sampling")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--no-profile", action="store_true", help="only the timings")
    parser.add_argument(
        "--requests-only",
        action="store_true",
        help="only warm up and serve --requests pages (for valgrind --tool=callgrind; see README)",
    )
    args = parser.parse_args()

    random.seed(1)
    paths = ["/bench/trivial"] if args.page == "trivial" else sampling.page_paths()[args.page]
    if not paths:
        raise SystemExit(f"No {args.page} URLs in this corpus (listing_p1000 needs 20,000).")
    client = Client()
    if args.requests_only:
        time_pages(client, paths, 30)
        time_pages(client, paths, args.requests)
        return
    time_pages(client, paths, 60)  # warm: templates compiled, URL resolvers filled
    with CaptureQueriesContext(connection) as queries:
        client.get(paths[0])
    query_count = len(queries)  # now: the next request empties the connection's log
    trivial_ms, trivial_cpu = best_of(client, ["/bench/trivial"], args.requests)
    page_ms, page_cpu = best_of(client, paths, args.requests)
    print(f"{args.page}: {len(paths)} URLs, {query_count} queries on {paths[0]}")
    print(f"  wall {page_ms:.2f} ms a page (CPU of this process {page_cpu:.2f} ms, the rest")
    print(f"  is SQL); trivial view {trivial_ms:.2f} ms (CPU {trivial_cpu:.2f} ms); page rate")
    print(f"  = {trivial_ms / page_ms:.1%} of the trivial view's, in-process, best of 3 runs")

    if args.no_profile:
        return
    profiler = cProfile.Profile()
    profiler.enable()
    time_pages(client, paths, args.requests)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    per_page = total * 1000 / args.requests
    print(f"\nUnder cProfile: {per_page:.2f} ms a page (profiling overhead included); inclusive:")
    for label, entries in ENTRY_POINTS.items():
        seconds = max(cumulative(stats, suffix, name) for suffix, name in entries)
        print(f"  {label:40} {seconds * 1000 / args.requests:6.2f} ms  {seconds / total:6.1%}")
    print(f"\nTop {args.top} functions by own time:")
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
