"""
Admin save latency (README "Benchmarks"): the change-form POST of a published article (an
edit to its English body) and of a draft translation, timed over real HTTP against gunicorn
(2 workers) with a logged-in staff session, while `manage.py tasks_worker` runs beside it;
then, for the published edit, how long until its search entry holds the new body and the
tasks of that save (the recommendations refresh among them) have finished, polling the
database. Each save waits for the previous one's tasks, so a figure is one save's own.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402

from articles.models import Article, ArticleTranslation  # noqa: E402
from benchmarks import editing, load  # noqa: E402
from search.models import SearchDocument  # noqa: E402

RESULTS = Path(settings.BASE_DIR) / "var" / "bench"
POLL = 0.02  # seconds between two looks at the database
UNFINISHED = ("READY", "RUNNING")


def task_rows(since: datetime):
    """
    The task results enqueued since `since` to run now: (task path, status, finished at).
    Deferred ones (a scheduled piece's publication task, set for its time) are not counted.
    """
    from django_tasks_db.models import DBTaskResult

    # django-tasks-db stores "no run_after" as the year 9999.
    deferred = Q(run_after__gt=datetime.now(UTC), run_after__year__lt=9999)
    return list(
        DBTaskResult.objects.filter(~deferred, enqueued_at__gte=since).values_list(
            "task_path", "status", "finished_at"
        )
    )


def wait_until_current(article_id: int, marker: str | None, since: datetime, timeout: float):
    """Poll until the search entry shows marker (if any) and every task since `since` ended."""
    start, search_s, deadline = time.perf_counter(), None, time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if search_s is None and (
            marker is None
            or SearchDocument.objects.filter(
                article_id=article_id, language_code="en", body__contains=marker
            ).exists()
        ):
            search_s = time.perf_counter() - start
        rows = task_rows(since)
        if search_s is not None and not any(status in UNFINISHED for _p, status, _f in rows):
            return search_s, time.perf_counter() - start, rows
        time.sleep(POLL)
    raise SystemExit(f"article {article_id}: not current after {timeout} s (tasks: {rows})")


def choose(rounds: int, drafts: str):
    """Published English translations and draft translations (any language), at random."""
    published = list(
        ArticleTranslation.objects.public("en")
        .order_by("pk")
        .values_list("master_id", flat=True)[:20000]
    )
    if len(published) < rounds:
        raise SystemExit("not enough published translations; seed more articles")
    rng = random.Random(14)
    return rng.sample(published, rounds), editing.draft_translations(drafts, rounds, rng)


def summary(values):
    values = [v * 1000 for v in values]
    return {
        "n": len(values),
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(editing.percentile(values, 0.95), 1),
        "max_ms": round(max(values), 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="saves of each kind")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for tasks")
    parser.add_argument(
        "--drafts",
        choices=("any", "unpublished"),
        default="any",
        help="draft translations of any article, or only of articles not published at all",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("Note: the target is for PostgreSQL.", file=sys.stderr)
    editing.stop_on_sigterm()
    editing.ensure_editor()
    published, drafts = choose(args.rounds + 2, args.drafts)
    run = int(time.time())
    server = load.Server(page_cache_seconds=settings.PAGE_CACHE_SECONDS)
    worker = editing.Worker()
    report = {"articles": Article.objects.count(), "drafts": args.drafts}
    try:
        staff = editing.Staff(server.url)
        times = {"published": [], "draft": [], "search": [], "tasks": [], "draft_tasks": []}
        tasks_seen = {}
        for i, (article_id, (draft_id, language)) in enumerate(zip(published, drafts, strict=True)):
            warm = i < 2  # the first saves of each worker process load code and caches
            marker = f"benchsave{run}x{i}"
            since = datetime.now(UTC)
            took = staff.save(article_id, "en", body=lambda old, m=marker: f"{old}<p>{m}</p>")
            search_s, tasks_s, rows = wait_until_current(article_id, marker, since, args.timeout)
            since = datetime.now(UTC)
            took_draft = staff.save(
                draft_id, language, body=lambda old, m=marker: f"{old}<p>{m}</p>"
            )
            _s, draft_tasks_s, draft_rows = wait_until_current(draft_id, None, since, args.timeout)
            if warm:
                continue
            times["published"].append(took)
            times["draft"].append(took_draft)
            times["search"].append(took + search_s)
            times["tasks"].append(took + tasks_s)
            times["draft_tasks"].append(took_draft + draft_tasks_s)
            for kind, found in (("published", rows), ("draft", draft_rows)):
                for path, status, _f in found:
                    key = f"{kind}: {path} {status}"
                    tasks_seen[key] = tasks_seen.get(key, 0) + 1
            print(
                f"  {i:3} published {took * 1000:7.1f} ms, search +{search_s:5.2f} s, "
                f"tasks +{tasks_s:5.2f} s ({len(rows)}); draft {took_draft * 1000:7.1f} ms "
                f"({len(draft_rows)} tasks)",
                flush=True,
            )
    finally:
        worker.stop()
        server.stop()
    report.update({kind: summary(values) for kind, values in times.items()})
    report["load_average"] = os.getloadavg()
    report["tasks_per_save"] = tasks_seen
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "admin_save.json").write_text(json.dumps(report, indent=2))
    print(format_report(report))


def format_report(report) -> str:
    lines = [
        f"\n== Admin saves, {report['articles']} articles, gunicorn x2 + tasks_worker; "
        f"drafts: {report['drafts']}"
    ]
    labels = {
        "published": "POST, published article (English body)",
        "draft": "POST, draft translation",
        "search": "until its search entry is current",
        "tasks": "until every task of the save finished",
        "draft_tasks": "draft: until every task of the save finished",
    }
    for kind, label in labels.items():
        row = report[kind]
        lines.append(
            f"{label:42} p50 {row['p50_ms']:8.1f} ms  p95 {row['p95_ms']:8.1f} ms  "
            f"max {row['max_ms']:8.1f} ms  (n={row['n']})"
        )
    lines.append(f"load average after: {', '.join(f'{v:.1f}' for v in report['load_average'])}")
    lines.append("tasks seen (save kind: task status: count):")
    lines += [f"  {key}: {count}" for key, count in sorted(report["tasks_per_save"].items())]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
