"""
The cost of counting page views (README "Readership"): one minute at 1,000 views per
second, 60,000 beacons, through Django's full middleware stack (the test client: no HTTP
server) into the shared cache, then the flush that writes that minute to the database.

    .venv/bin/python -m benchmarks.readership [--views 60000] [--redis redis://127.0.0.1:6379/15]

Without DATABASE_URL it uses a throw-away SQLite file and seeds 300 demo articles × 3
languages once. Beacons pick an article by a Zipf-like law (a few pieces read a lot), in a
language it is public in, from 5,000 client addresses (so the rate limit, counted too,
caps nobody), 30 % of them coming from another article of the site. Printed per cache
backend (the file cache of the embedded default, and Redis if given): CPU and wall time
per beacon (next to the trivial view's through the same stack: Django's own part), the
share of one core that 1,000 views per second take, and the flush's time and queries for
the whole minute.
"""

import argparse
import json
import os
import random
import tempfile
import time
from unittest import mock

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{tempfile.gettempdir()}/thinktank-bench-readership.sqlite3"
)
os.environ.setdefault("CACHE_DIR", tempfile.mkdtemp(prefix="thinktank-bench-readership-"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import ArticleTranslation  # noqa: E402
from readership import flush  # noqa: E402
from readership.models import DailyPath, DailyViews, FlushedMinute  # noqa: E402

AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def seed() -> list[tuple[int, str, str]]:
    call_command("migrate", verbosity=0)
    if not ArticleTranslation.objects.public().exists():
        print("Seeding demo content (seed_demo --articles 300) ...", flush=True)
        call_command("seed_demo", articles=300, verbosity=0)
    rows = ArticleTranslation.objects.public().values_list("master_id", "language_code", "slug")
    return sorted(rows)


def beacons(pieces, views: int, rng: random.Random) -> list[tuple[str, str]]:
    """(body, client address) for each view."""
    weights = [1 / (rank + 1) for rank in range(len(pieces))]
    rng.shuffle(pieces)
    by_language = {}
    for piece in pieces:
        by_language.setdefault(piece[1], []).append(piece)
    chosen = rng.choices(pieces, weights=weights, k=views)
    out = []
    for article, language, _slug in chosen:
        came_from = ""
        if rng.random() < 0.3:
            _other, _lang, slug = rng.choice(by_language[language])
            prefix = "" if language == "en" else f"/{language}"
            came_from = f"{prefix}/policy-analysis/{slug}"
        body = {"piece": f"article:{article}", "language": language, "from": came_from}
        out.append((json.dumps(body), f"10.{rng.randrange(20)}.{rng.randrange(250)}.1"))
    return out


def floor(requests: int = 5000) -> float:
    """CPU µs of a fixed-string view (/bench/trivial) through the same stack: Django's part."""
    client = Client()
    cpu = time.process_time()
    for _ in range(requests):
        client.get("/bench/trivial", HTTP_USER_AGENT=AGENT)
    return 1e6 * (time.process_time() - cpu) / requests


def run(name: str, caches: dict, sent) -> dict:
    with override_settings(CACHES=caches, READERSHIP_RATE_PER_CLIENT=10**6):
        for model in (DailyViews, DailyPath, FlushedMinute):
            model.objects.all().delete()
        client = Client()
        minute_start = (time.time() // 60 + 5) * 60  # one minute, all of it: frozen
        clock = mock.Mock(time=lambda: minute_start + 1)
        with mock.patch("readership.counting.time", clock):
            cpu, wall = time.process_time(), time.perf_counter()
            for body, address in sent:
                client.post(
                    "/readership/hit",
                    body,
                    content_type="text/plain;charset=UTF-8",
                    HTTP_USER_AGENT=AGENT,
                    REMOTE_ADDR=address,
                )
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            written = flush.flush(now=minute_start + 120)
        flushed = time.perf_counter() - started
        views = sum(DailyViews.objects.values_list("views", flat=True))
        return {
            "backend": name,
            "views": len(sent),
            "cpu_us": 1e6 * cpu / len(sent),
            "wall_us": 1e6 * wall / len(sent),
            "core_share": 1000 * cpu / len(sent),
            "flush_s": flushed,
            "flush_queries": len(queries),
            "written": written,
            "stored": views,
            "rows": DailyViews.objects.count(),
            "paths": DailyPath.objects.count(),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--views", type=int, default=60_000)
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL"))
    args = parser.parse_args()
    sent = beacons(seed(), args.views, random.Random(20))
    # The embedded default's caches (settings.CACHES without REDIS_URL), in new folders.
    file_cache = {
        alias: {**config, "LOCATION": tempfile.mkdtemp()}
        for alias, config in settings.CACHES.items()
    }
    backends = [("file cache", file_cache)]
    if args.redis:
        redis = {
            alias: {
                "BACKEND": "thinktank.cache.ResilientRedisCache",
                "LOCATION": args.redis,
                "KEY_PREFIX": f"bench-readership-{alias}",
            }
            for alias in ("default", "page_tags", "readership")
        }
        backends.append(("redis", redis))
    print(f"{args.views} beacons in one minute ({args.views / 60:.0f} views/s), full middleware")
    print(f"the trivial view through the same stack: {floor():.0f} CPU µs/request")
    print("backend      CPU µs/view  wall µs/view  1,000 views/s  flush s  queries  stored")
    for name, caches in backends:
        r = run(name, caches, sent)
        assert r["stored"] == r["written"] == r["views"], r  # every view counted, once
        print(
            f"{r['backend']:<12} {r['cpu_us']:>11.0f} {r['wall_us']:>13.0f}"
            f" {r['core_share']:>13.0%} {r['flush_s']:>8.2f} {r['flush_queries']:>8}"
            f" {r['stored']:>7} ({r['rows']} rows, {r['paths']} paths)"
        )


if __name__ == "__main__":
    main()
