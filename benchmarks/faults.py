"""
Fault drill: stop PostgreSQL, then Redis, under a running gunicorn, and print what
readers and /healthz get, and whether the site recovers by itself once each is back.

It stops and starts the local services, so it needs root on a machine where nothing
else uses them at the time:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench REDIS_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python -m benchmarks.faults

PostgreSQL is started and stopped with pg_ctlcluster, Redis with redis-cli shutdown and
redis-server (the commands this machine's services were started with).
"""

import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"

from benchmarks.load import Server  # noqa: E402

PG_VERSION = sorted(os.listdir("/etc/postgresql"))[0] if Path("/etc/postgresql").exists() else ""
REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError as error:
        return 0, str(error)


def postgres(action: str) -> None:
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main", action], check=True
    )
    if action == "start":
        for _ in range(30):
            if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode == 0:
                return
            time.sleep(1)


def redis(action: str) -> None:
    if action == "stop":
        subprocess.run(["redis-cli", "shutdown", "nosave"], check=False)
    else:
        subprocess.run(REDIS_START, check=True)
        time.sleep(1)


def probe(server: Server, label: str, paths: list[str]) -> dict:
    results = {}
    for path in [*paths, "/healthz"]:
        status, body = get(server.url + path)
        results[path] = {"status": status}
        if path == "/healthz":
            results[path]["body"] = json.loads(body) if body.startswith("{") else body[:80]
        elif status == 503:
            results[path]["retry_after_page"] = "Temporarily unavailable" in body
    print(f"  {label}: {json.dumps(results, ensure_ascii=False)}", flush=True)
    return results


def main():
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL (the drill stops Redis under the site).")
    report = {}
    server = Server(page_cache_seconds=60)
    try:
        cached, fresh = "/", "/policy-analysis/"
        get(server.url + cached)  # cache the home page
        print("PostgreSQL drill", flush=True)
        report["postgres_up"] = probe(server, "up", [cached, fresh])
        postgres("stop")
        try:
            report["postgres_down"] = probe(server, "down", [cached, fresh + "?sort=oldest"])
        finally:
            postgres("start")
        report["postgres_back"] = probe(server, "back, no restart", [fresh + "?sort=oldest"])

        print("Redis drill", flush=True)
        redis("stop")
        try:
            report["redis_down"] = probe(server, "down", [cached, fresh])
        finally:
            redis("start")
        report["redis_back"] = probe(server, "back, no restart", [cached, fresh])
    finally:
        server.stop()
    out = Path(__file__).resolve().parent.parent / "var" / "bench" / "faults.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"Written to {out}")


if __name__ == "__main__":
    main()
