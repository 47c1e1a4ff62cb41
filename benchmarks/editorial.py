"""
Page-cache hit ratio under editorial load (README "Benchmarks").

Anonymous readers (threads, http.client) request Zipf-distributed pages over every public
article-language page plus home, listings and feeds, against gunicorn (2 workers, page
cache on, `manage.py tasks_worker` beside it), for --duration seconds, while an editor in
the admin (real HTTP, a staff session) saves a draft translation every 5 s and publishes
an edit of a published article every 60 s. Every response is checked for staleness: each
published edit puts a unique marker `[ed-N]` in the English title of one of the newest
articles; a response showing the marker of an edit older than one whose save had returned
before the request began is stale, and so is an edited article's page showing no marker.
Draft edits put `[draft-N]` in a draft body; a public response showing one is a leak.
"""

import argparse
import http.client
import itertools
import json
import os
import random
import re
import sys
import threading
import time
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from articles.models import Article, ArticleTranslation  # noqa: E402
from benchmarks import editing, load, sampling  # noqa: E402
from core.i18n import url_in  # noqa: E402
from taxonomy.models import ArticleType, Region  # noqa: E402

RESULTS = Path(settings.BASE_DIR) / "var" / "bench"
EDIT = re.compile(rb"\[ed-(\d+)\]")
DRAFT = re.compile(rb"\[draft-\d+\]")
TITLE_MARK = re.compile(r"\s*\[ed-\d+\]$")


def pages(edited: list[int]) -> tuple[list[str], dict[str, int]]:
    """Every page, most popular first (homes, edited articles, listings, feeds, the rest)."""
    articles, own = [], {}
    for language in sampling.LANGUAGES:
        pattern = url_in(language, "articles:resolve", slug="SLUG")
        for slug, master in ArticleTranslation.objects.public(language).values_list(
            "slug", "master_id"
        ):
            path = pattern.replace("SLUG", slug)
            if language == "en" and master in edited:
                own[path] = master  # the English page of an edited article
            else:
                articles.append(path)
    listings = sampling.listing_first_pages() + [
        url_in(language, "articles:resolve", slug=term.slug)
        for language in sampling.LANGUAGES
        for model in (Region, ArticleType)
        for term in model.objects.with_translation(language)
    ]
    listings += [url_in(language, "articles:index") for language in sampling.LANGUAGES]
    random.shuffle(articles)
    kinds = dict.fromkeys(sampling.homes(), "home")
    kinds |= dict.fromkeys(listings, "listing") | dict.fromkeys(sampling.feeds(), "feed")
    return list(kinds)[:3] + list(own) + list(kinds)[3:] + articles, own, kinds


class Editor(threading.Thread):
    """Draft saves every 5 s and published title edits every 60 s, through the admin."""

    def __init__(self, base, edited, drafts, stats):
        super().__init__(daemon=True)
        self.staff = editing.Staff(base)
        self.edited, self.drafts, self.stats = edited, drafts, stats
        self.until = 0.0
        self.edits = []  # [article, sent, done]: appended before sending, done set after
        self.numbers = itertools.count()
        self.error = None

    def publish(self, article_id):
        n = next(self.numbers)
        record = [article_id, time.time(), None]
        self.edits.append(record)
        took = self.staff.save(
            article_id, "en", title=lambda title: f"{TITLE_MARK.sub('', title)} [ed-{n}]"
        )
        record[2] = time.time()
        return n, took

    def run(self):
        start, count = time.time(), 0
        try:
            while time.time() < self.until:
                target = start + 5 * count
                time.sleep(max(0, target - time.time()))
                if count % 12 == 0:
                    _n, took = self.publish(self.edited[(count // 12) % len(self.edited)])
                    self.stats["publish_ms"].append(took * 1000)
                article_id, language = self.drafts[count % len(self.drafts)]
                took = self.staff.save(
                    article_id, language, body=lambda old, n=count: f"{old}<p>[draft-{n}]</p>"
                )
                self.stats["draft_ms"].append(took * 1000)
                count += 1
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            self.error = error


def check(body: bytes, path: str, began: float, editor: Editor, own: dict) -> str | None:
    """Return why this response is stale or leaks a draft, or None if it is right."""
    if DRAFT.search(body):
        return "draft text on a public page"
    done = {}  # article -> newest edit number whose save returned before the request began
    for n, (article, _sent, finished) in enumerate(list(editor.edits)):
        if finished is not None and finished < began:
            done[article] = n
    shown = [int(n) for n in EDIT.findall(body)]
    for n in shown:
        article = editor.edits[n][0]
        if done.get(article, -1) > n:
            return f"shows edit {n} of article {article}, edit {done[article]} was saved"
    if path in own and not shown:
        return f"article {own[path]} without an edit marker"
    return None


def reader(base_port, paths, weights, until, editor, own, kinds, seen, stats, seed):
    rng = random.Random(seed)
    while time.time() < until:
        path = rng.choices(paths, cum_weights=weights)[0]
        began = time.time()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", base_port, timeout=30)
            conn.request("GET", path)
            response = conn.getresponse()
            body, status = response.read(), response.status
            state = response.getheader("X-Page-Cache") or "none"
            conn.close()
        except (OSError, http.client.HTTPException) as error:
            stats["errors"].append(f"{path}: {error!r}")
            continue
        stats["latency"].append(time.time() - began)
        if status != 200:
            stats["errors"].append(f"{path}: {status}")
            continue
        if state == "miss" and path not in seen:
            state = "cold miss"
        elif state == "miss":
            kind = "edited article" if path in own else kinds.get(path, "other article")
            stats["repeat_by_kind"][kind] = stats["repeat_by_kind"].get(kind, 0) + 1
        seen.add(path)
        stats[state] = stats.get(state, 0) + 1
        wrong = check(body, path, began, editor, own)
        if wrong:
            stats["stale"].append(f"{path}: {wrong}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--duration", type=int, default=600, help="seconds of load")
    parser.add_argument("--readers", type=int, default=8, help="reader threads")
    parser.add_argument("--zipf", type=float, default=1.0, help="Zipf exponent of popularity")
    parser.add_argument("--warm", type=int, default=0, help="most popular pages read first")
    parser.add_argument("--edited", type=int, default=10, help="newest articles edited")
    parser.add_argument(
        "--drafts",
        choices=("any", "unpublished"),
        default="any",
        help="draft translations of any article, or only of articles not published at all",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("Note: the targets are for PostgreSQL.", file=sys.stderr)
    random.seed(14)
    editing.stop_on_sigterm()
    editing.ensure_editor()
    edited = list(Article.objects.public("en").order_by("-published_at", "-pk")
                  .values_list("pk", flat=True)[: args.edited])  # fmt: skip
    drafts = editing.draft_translations(args.drafts, 100, random.Random(14))
    paths, own, kinds = pages(edited)
    weights = list(itertools.accumulate(1 / rank**args.zipf for rank in range(1, len(paths) + 1)))
    print(f"{len(paths)} pages ({len(own)} edited article pages); Zipf s={args.zipf}", flush=True)
    server = load.Server(page_cache_seconds=settings.PAGE_CACHE_SECONDS)
    worker = editing.Worker()
    stats = {"stale": [], "errors": [], "latency": [], "publish_ms": [], "draft_ms": []}
    stats["repeat_by_kind"] = {}
    try:
        editor = Editor(server.url, edited, drafts, stats)
        for article_id in edited:  # every edited article gets its first marker
            editor.publish(article_id)
        seen = set()
        for path in paths[: args.warm]:
            load_one(server.port, path)
            seen.add(path)
        start = time.time()
        until = editor.until = start + args.duration
        editor.start()
        readers = [
            threading.Thread(
                target=reader,
                args=(server.port, paths, weights, until, editor, own, kinds, seen, stats, i),
            )
            for i in range(args.readers)
        ]
        for thread in readers:
            thread.start()
        for thread in readers:
            thread.join()
        editor.join(timeout=120)
        elapsed = time.time() - start
    finally:
        worker.stop()
        server.stop()
    if editor.error:
        raise SystemExit(f"the editor failed: {editor.error!r}")
    report = summarise(stats, elapsed, args, len(paths), len(editor.edits) - len(edited))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "editorial.json").write_text(json.dumps(report, indent=2))
    print(format_report(report))


def load_one(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    conn.getresponse().read()
    conn.close()


def summarise(stats, elapsed, args, page_count, publishes):
    hits, cold = stats.get("hit", 0), stats.get("cold miss", 0)
    misses, uncached = stats.get("miss", 0), stats.get("none", 0)
    answered = hits + cold + misses + uncached
    latency = stats["latency"]
    return {
        "load_average": os.getloadavg(),
        "duration_s": round(elapsed, 1),
        "pages": page_count,
        "readers": args.readers,
        "zipf": args.zipf,
        "drafts_of": args.drafts,
        "warm": args.warm,
        "requests": answered + len(stats["errors"]),
        "requests_per_s": round((answered + len(stats["errors"])) / elapsed, 1),
        "hits": hits,
        "cold_misses": cold,
        "repeat_misses": misses,
        "repeat_misses_by_kind": stats["repeat_by_kind"],
        "not_cacheable": uncached,
        "hit_ratio": round(hits / max(1, answered), 4),
        "hit_ratio_after_first_request": round(hits / max(1, hits + misses + uncached), 4),
        "errors": len(stats["errors"]),
        "error_examples": stats["errors"][:10],
        "stale": len(stats["stale"]),
        "stale_examples": stats["stale"][:10],
        "latency_ms": {
            "p50": round(editing.percentile(latency, 0.5) * 1000, 1),
            "p99": round(editing.percentile(latency, 0.99) * 1000, 1),
        },
        "publishes": publishes,
        "drafts": len(stats["draft_ms"]),
        "publish_post_ms_max": round(max(stats["publish_ms"], default=0), 1),
        "draft_post_ms_max": round(max(stats["draft_ms"], default=0), 1),
    }


def format_report(r) -> str:
    return "\n".join(
        [
            f"\n== Hit ratio under editorial load: {r['duration_s']} s, {r['pages']} pages, "
            f"Zipf s={r['zipf']}, {r['readers']} readers, {r['warm']} pages warmed first",
            f"requests {r['requests']} ({r['requests_per_s']} req/s), latency p50 "
            f"{r['latency_ms']['p50']} ms, p99 {r['latency_ms']['p99']} ms",
            f"hits {r['hits']}, cold misses (first request of a page) {r['cold_misses']}, "
            f"repeat misses {r['repeat_misses']} {r['repeat_misses_by_kind']}, "
            f"not cacheable {r['not_cacheable']}",
            f"hit ratio {r['hit_ratio']:.1%}; after each page's first request "
            f"{r['hit_ratio_after_first_request']:.1%}",
            f"errors {r['errors']}, stale {r['stale']}; load average after "
            f"{', '.join(f'{v:.1f}' for v in r['load_average'])}",
            f"editor: {r['publishes']} published edits, {r['drafts']} draft saves of "
            f"{r['drafts_of']} articles (admin POST "
            f"max {r['publish_post_ms_max']} / {r['draft_post_ms_max']} ms)",
            *[f"  stale: {line}" for line in r["stale_examples"]],
            *[f"  error: {line}" for line in r["error_examples"]],
        ]
    )


if __name__ == "__main__":
    main()
