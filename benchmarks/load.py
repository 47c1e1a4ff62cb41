"""Throughput under load: gunicorn with 2 workers on loopback, driven by wrk."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKERS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving the site (plus /bench/trivial) with the production settings."""

    def __init__(self, page_cache_seconds: int):
        self.port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "PAGE_CACHE_SECONDS": str(page_cache_seconds),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "thinktank.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--backlog",
                "2048",
            ],
            env=env,
            cwd=HERE.parent,
        )
        self.wait_until_up()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_until_up(self):
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def worker_rss_mb(self) -> list[float]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status").read_text()
            kilobytes = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            sizes.append(round(kilobytes / 1024, 1))
        return sizes

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(url: str, paths: list[str], duration: int, connections: int) -> dict:
    """Run wrk over paths (cycled) and return requests/s, p99 latency and errors."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    try:
        out = subprocess.run(
            [
                "wrk",
                "--latency",
                f"-t{min(2, connections)}",
                f"-c{connections}",
                f"-d{duration}s",
                "--timeout",
                "10s",
                "-s",
                str(HERE / "paths.lua"),
                url,
            ],
            env={**os.environ, "PATHS": listing.name},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(listing.name)
    return parse_wrk(out)


def parse_wrk(out: str) -> dict:
    def duration_ms(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    p99 = re.search(r"99%\s+([\d.]+\w+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99_ms": duration_ms(p99.group(1)) if p99 else None,
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
    }


def measure(
    pages: dict[str, list[str]], duration: int, mixed_duration: int, cached: bool = True
) -> dict:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    report = {}
    modes = (("uncached", 0), ("cached", 60)) if cached else (("uncached", 0),)
    for mode, seconds in modes:
        print(f"Load ({mode}): gunicorn x{WORKERS}, wrk {duration}s per page type", flush=True)
        server = Server(page_cache_seconds=seconds)
        try:
            results = {"trivial": wrk(server.url, ["/bench/trivial"], duration, 8)}
            for kind, paths in pages.items():
                wrk(server.url, paths, 2, 4)  # warm up (and fill the cache when on)
                results[kind] = wrk(server.url, paths, duration, 8)
                print(f"  {kind:14} {results[kind]}", flush=True)
            ceiling = results["trivial"]["requests_per_s"]
            for result in results.values():
                result["share_of_trivial"] = round(result["requests_per_s"] / ceiling, 3)
            report[mode] = results
            if mode == "cached":
                everything = [path for paths in pages.values() for path in paths]
                before = server.worker_rss_mb()
                print(f"Mixed load: 64 connections, {mixed_duration}s", flush=True)
                mixed = wrk(server.url, everything, mixed_duration, 64)
                mixed["worker_rss_mb_before"] = before
                mixed["worker_rss_mb_after"] = server.worker_rss_mb()
                report["mixed"] = mixed
        finally:
            server.stop()
    return report


def format_report(report: dict) -> str:
    lines = [f"\n== Benchmark: {report['articles']} articles × 3 languages on {report['database']}"]
    lines.append(f"seed_demo: {report['seed_seconds']} s")
    lines.append(f"{'page':15}{'queries':>8}{'uncached p50/p95 ms':>22}{'cached p50/p95 ms':>20}")
    for kind, row in report["in_process"].items():
        u, c = row["uncached_ms"], row["cached_ms"]
        lines.append(
            f"{kind:15}{row['queries']:>8}{u['p50']:>12.1f}/{u['p95']:<9.1f}{c['p50']:>10.1f}/{c['p95']:<9.1f}"
        )
    admin = report["admin_changelist"]
    lines.append(
        f"admin change list: p50 {admin['p50_ms']:.0f} ms, p95 {admin['p95_ms']:.0f} ms, "
        f"queries {admin['queries']}"
    )
    if "load" in report:
        for mode in [m for m in ("uncached", "cached") if m in report["load"]]:
            lines.append(f"\nthroughput ({mode}): req/s, p99 ms, errors, share of trivial")
            for kind, row in report["load"][mode].items():
                lines.append(
                    f"  {kind:15}{row['requests_per_s']:>9.1f}{row['p99_ms'] or 0:>9.1f}"
                    f"{row['errors']:>6}{row['share_of_trivial']:>8.1%}"
                )
    if "mixed" in report.get("load", {}):
        mixed = report["load"]["mixed"]
        lines.append(
            f"\nmixed, 64 connections: {mixed['requests_per_s']:.1f} req/s, "
            f"p99 {mixed['p99_ms']} ms, "
            f"errors {mixed['errors']}, worker RSS MB {mixed['worker_rss_mb_before']} -> "
            f"{mixed['worker_rss_mb_after']}"
        )
    return "\n".join(lines)
