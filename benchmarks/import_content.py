"""
Time an import of a generated bundle of N articles in three languages (issue 19).

    createdb -h 127.0.0.1 -U postgres bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench DEBUG=1 .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python \
        benchmarks/import_content.py --articles 100000

Writes the bundle to a temporary directory (no images: they cost the same per file, and
are checked by the tests), imports it into the (empty) database, imports it a second time
(every record unchanged), and prints both times, the time one worker takes for the
background work the first import queued (search index, recommendations, alerts: skip it
with --no-tasks), and the peak memory of the process.
"""

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The production settings (DEBUG off: with it on, Django keeps the SQL of the last 9,000
# queries, which for batches of 500 articles is hundreds of megabytes).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from bundle.export import FORMAT, VERSION  # noqa: E402
from bundle.services import bundle_import  # noqa: E402

LANGUAGES = ("en", "ar", "fa")
WORDS = {"en": "policy", "ar": "سياسة", "fa": "سیاست"}


def term(kind, n, parent=None):
    record = {
        "id": f"{kind}-{n}",
        "position": n,
        "translations": {
            lang: {"name": f"{kind} {WORDS[lang]} {n}", "slug": f"{kind}-{lang}-{n}"}
            for lang in LANGUAGES
        },
    }
    if kind == "region":
        record["parent"] = parent
    return record


def article(n):
    body = "".join(
        f"<p>Paragraph {i} of piece {n}, about <b>{WORDS['en']}</b>.</p>" for i in range(8)
    )
    return {
        "id": f"article-{n}",
        "source_language": "en",
        "type": f"type-{n % 3}",
        "published_at": "2024-01-01T00:00:00+00:00",
        "authors": [f"expert-{n % 50}", f"expert-{(n + 7) % 50}"],
        "topics": [f"topic-{n % 20}"],
        "regions": [f"region-{n % 10}"],
        "translations": {
            lang: {
                "state": "published",
                "title": f"{WORDS[lang]} {n}",
                "slug": f"piece-{lang}-{n}",
                "summary": f"Summary {n}",
                "body": body,
            }
            for lang in LANGUAGES
        },
    }


def write_bundle(root: Path, articles: int) -> None:
    def jsonl(name, records):
        with open(root / f"{name}.jsonl", "w") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")

    jsonl("types", (term("type", n) for n in range(3)))
    jsonl("topics", (term("topic", n) for n in range(20)))
    jsonl("regions", (term("region", n, None if n < 3 else f"region-{n % 3}") for n in range(10)))
    jsonl(
        "experts",
        (
            {"id": f"expert-{n}", "slug": f"expert-{n}", "translations": {
                lang: {"name": f"Expert {n}"} for lang in LANGUAGES}}
            for n in range(50)
        ),
    )  # fmt: skip
    jsonl("articles", (article(n) for n in range(articles)))
    (root / "manifest.json").write_text(json.dumps({"format": FORMAT, "version": VERSION}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument(
        "--no-tasks", action="store_true", help="leave the queued background work queued"
    )
    args = parser.parse_args()
    user, _ = get_user_model().objects.get_or_create(
        username="bundle-benchmark", defaults={"is_superuser": True, "is_staff": True}
    )
    root = Path(tempfile.mkdtemp(prefix="bundle-bench-"))
    write_bundle(root, args.articles)
    print(f"database: {connection.vendor}; {args.articles} articles x {len(LANGUAGES)} languages")
    for run in ("first import", "second import"):
        started = time.monotonic()
        report = bundle_import(path=str(root), user=user)
        elapsed = time.monotonic() - started
        counts = {f"{kind} {outcome}": n for (kind, outcome), n in sorted(report.counts.items())}
        print(f"{run}: {elapsed:.1f} s, {args.articles / elapsed:.0f} articles/s; {counts}")
        print(f"problems: {len(report.problems)} {[str(p) for p in report.problems[:3]]}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory so far (max RSS): {peak:.0f} MB")
        if run == "first import" and not args.no_tasks:
            # What the import's "content changed" events queued: the search index, the
            # recommendations, alerts, caches. One worker, in this process.
            queued = DBTaskResult.objects.ready().count()
            started = time.monotonic()
            call_command("tasks_worker", batch=True, reload=False, startup_delay=False,
                         interval=0, verbosity=0)  # fmt: skip
            print(f"background work it queued: {queued} tasks, {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
