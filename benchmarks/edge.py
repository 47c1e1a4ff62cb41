"""
Cached throughput through Varnish (README "Benchmarks"): varnishd with the shipped
deploy/varnish/thinktank.vcl (through the tests' harness, tests/varnish.py) in front of
gunicorn (2 workers, page cache on), driven by wrk per page type, next to the app's
trivial view (/bench/trivial straight to gunicorn, never cached): the ceiling of a Django
view on this machine. Needs varnish, varnish-modules and wrk (apt-get install).
"""

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from benchmarks import load, sampling  # noqa: E402

RESULTS = Path(settings.BASE_DIR) / "var" / "bench"
KINDS = ("article", "listing_p1", "listing_p1000", "expert", "home", "feed", "sitemap_index")


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per page type")
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    try:
        from tests.varnish import VARNISHD, Varnish
    except ImportError:
        raise SystemExit("tests/varnish.py is missing: Varnish has not landed here") from None
    if not VARNISHD.exists() or not shutil.which("wrk"):
        raise SystemExit(
            "needs varnishd, vmod_xkey and wrk: apt-get install varnish varnish-modules wrk"
        )
    random.seed(1)
    pages = {kind: paths for kind, paths in sampling.page_paths().items() if kind in KINDS}
    server = load.Server(page_cache_seconds=settings.PAGE_CACHE_SECONDS)
    folder = Path(tempfile.mkdtemp(prefix="bench-varnish-"))
    varnish = None
    report = {"connections": args.connections, "duration_s": args.duration}
    try:
        varnish = Varnish(folder, load.free_port(), f"127.0.0.1:{server.port}")
        conns = args.connections
        report["trivial"] = load.wrk(server.url, ["/bench/trivial"], args.duration, conns)
        report["trivial_via_varnish"] = load.wrk(
            varnish.url, ["/bench/trivial"], args.duration, conns
        )
        print(f"  trivial        {report['trivial']}", flush=True)
        for kind, paths in pages.items():
            load.wrk(varnish.url, paths, 2, 4)  # fill Varnish (and the page cache)
            report[kind] = load.wrk(varnish.url, paths, args.duration, conns)
            print(f"  {kind:14} {report[kind]}", flush=True)
        everything = [path for kind in KINDS for path in pages[kind]]
        report["mixed"] = load.wrk(varnish.url, everything, args.duration, 64)
        report["load_average"] = os.getloadavg()
    finally:
        if varnish is not None:
            varnish.stop()
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "edge.json").write_text(json.dumps(report, indent=2))
    print(format_report(report))


def format_report(report) -> str:
    ceiling = report["trivial"]["requests_per_s"]
    lines = [
        f"\n== Through Varnish, {report['connections']} connections, {report['duration_s']} s "
        "per page type: req/s, p99 ms, errors, multiple of the trivial view (gunicorn x2)"
    ]
    for kind, row in report.items():
        if isinstance(row, dict):
            lines.append(
                f"  {kind:20}{row['requests_per_s']:>10.1f}{row['p99_ms'] or 0:>9.1f}"
                f"{row['errors']:>6}{row['requests_per_s'] / ceiling:>8.1f}x"
            )
    lines.append(f"load average after: {', '.join(f'{v:.1f}' for v in report['load_average'])}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
