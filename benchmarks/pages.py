"""
Measure the public site at scale (run by `make bench`; see README "Benchmarks").

Seeds the database named by DATABASE_URL (PostgreSQL; it may be filled) with ARTICLES
articles in three languages, then reports for each page type: the exact number of SQL
queries, in-process render time (p50/p95, uncached and cached), and throughput under
load from wrk against gunicorn with 2 workers on loopback (uncached and cached), next
to a trivial Django view as this machine's ceiling. Then a mixed load at 64
connections for 60 s, with worker memory. Prints the report and writes it as JSON.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks import load, sampling  # noqa: E402

RESULTS = Path(settings.BASE_DIR) / "var" / "bench"


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed_get(client, path):
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}; the benchmark needs 200s.")
    return elapsed


def measure_in_process(pages, rounds):
    """Return {page type: {queries, uncached p50/p95, cached p50/p95}} from Django's test client."""
    client = Client()
    report = {}
    for kind, paths in pages.items():
        with override_settings(PAGE_CACHE_SECONDS=0):
            counts = []
            for path in paths[:5]:
                with CaptureQueriesContext(connection) as queries:
                    timed_get(client, path)
                counts.append(len(queries))
            uncached = [timed_get(client, paths[i % len(paths)]) for i in range(rounds)]
        cache.clear()
        for path in paths:
            timed_get(client, path)  # warm
        cached = [timed_get(client, paths[i % len(paths)]) for i in range(rounds)]
        report[kind] = {
            "queries": max(counts),
            "queries_min": min(counts),
            "uncached_ms": {"p50": statistics.median(uncached), "p95": percentile(uncached, 0.95)},
            "cached_ms": {"p50": statistics.median(cached), "p95": percentile(cached, 0.95)},
        }
        print(f"  {kind:14} {report[kind]}", flush=True)
    return report


def measure_admin(rounds):
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    times, counts = [], []
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as queries:
            times.append(timed_get(client, "/admin/articles/article/"))
        counts.append(len(queries))
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "queries": sorted(set(counts)),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("ARTICLES", 100_000)))
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page type")
    parser.add_argument("--mixed-duration", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=60, help="in-process requests per page type")
    parser.add_argument("--skip-load", action="store_true", help="only the in-process figures")
    parser.add_argument(
        "--pages", help="comma-separated page types to measure (default: all), e.g. article,home"
    )
    parser.add_argument(
        "--uncached-only", action="store_true", help="load: no cached run, no mixed run"
    )
    args = parser.parse_args()

    if connection.vendor != "postgresql":
        print(
            "Note: DATABASE_URL is not PostgreSQL; the targets are for PostgreSQL.", file=sys.stderr
        )
    report = {"articles": args.articles, "database": connection.vendor, "started": time.ctime()}

    print(f"Seeding {args.articles} articles (seed_demo; kept between runs)...", flush=True)
    start = time.perf_counter()
    call_command("seed_demo", articles=args.articles, verbosity=0)
    report["seed_seconds"] = round(time.perf_counter() - start, 1)

    random.seed(1)
    pages = sampling.page_paths()
    if args.pages:
        pages = {kind: pages[kind] for kind in args.pages.split(",")}
    report["paths"] = {kind: paths[:3] for kind, paths in pages.items()}

    print("In-process: queries and render times", flush=True)
    report["in_process"] = measure_in_process(pages, args.rounds)
    report["admin_changelist"] = measure_admin(rounds=20)
    print(f"  admin change list {report['admin_changelist']}", flush=True)

    if not args.skip_load:
        report["load"] = load.measure(
            pages, args.duration, args.mixed_duration, cached=not args.uncached_only
        )

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "pages.json"
    out.write_text(json.dumps(report, indent=2, default=str))
    print(load.format_report(report))
    print(f"Written to {out.relative_to(settings.BASE_DIR)}")


if __name__ == "__main__":
    main()
