"""
Writing the counts of the shared cache to the database, each minute exactly once.

The flush reads every minute of the last day that closed GRACE_SECONDS ago
(readership.counting), and in one transaction claims each minute by creating its
FlushedMinute row (the primary key: a second flusher, or a rerun after a crash, cannot
claim it again), adds the counts of the minutes it claimed, and commits; only then does
it delete those minutes' keys from the cache. A crash before the commit leaves the keys
for the next run; a crash after it leaves keys whose minute is claimed, which the next
run deletes without counting. A minute is never counted twice; its counts are lost only
if the cache loses them first (evicted, culled, restarted, or older than a day).
"""

import time
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, ArticleTranslation
from taxonomy.models import (
    ArticleType,
    ArticleTypeTranslation,
    Region,
    RegionTranslation,
    Topic,
    TopicTranslation,
)

from . import counting
from .models import DailyListingPath, DailyListingViews, DailyPath, DailyViews, FlushedMinute
from .signals import paths_counted
from .store import add_counts, batched

TERM_MODELS = {"topic": Topic, "region": Region, "type": ArticleType}
TERM_TRANSLATIONS = {
    "topic": TopicTranslation,
    "region": RegionTranslation,
    "type": ArticleTypeTranslation,
}


def day_of(minute: int):
    """The site's date (TIME_ZONE) of a minute."""
    return timezone.localdate(datetime.fromtimestamp(minute * 60, tz=UTC))


def closed_minutes(now: float) -> range:
    """The minutes to look at: the last day's, up to the newest closed GRACE_SECONDS ago."""
    newest = counting.minute_of(now - counting.GRACE_SECONDS) - 1
    return range(newest - counting.BUCKET_SECONDS // 60 + 1, newest + 1)


def flush(*, now: float | None = None) -> int:
    """Write the counts of the closed minutes still in the cache; return the views written."""
    buckets = counting.read(closed_minutes(time.time() if now is None else now))
    if not buckets:
        return 0
    done = set(FlushedMinute.objects.filter(minute__in=buckets).values_list("minute", flat=True))
    origins: set[int] = set()
    with transaction.atomic():
        claimed = [buckets[m] for m in sorted(buckets) if m not in done and _claim(m)]
        views = write(claimed, origins)
    counting.forget(buckets.values())
    if origins:
        # Readers went on from these pieces: their recommendations may move.
        paths_counted.send(sender=DailyPath, article_ids=origins)
    return views


def _claim(minute: int) -> bool:
    try:
        with transaction.atomic():
            FlushedMinute.objects.create(minute=minute)
    except IntegrityError:
        return False
    return True


def write(buckets, origins: set[int] | None = None) -> int:
    """
    Add the buckets' counts to the daily rows, leaving out unknown ids; return views, and
    add to origins the articles readers went on from.
    """
    views, listings, paths = {}, {}, {}
    for bucket in buckets:
        day = day_of(bucket.minute)
        for what, n in bucket.counts.items():
            if what[0] == "a":
                _, article, language = what
                views[article, language, day] = views.get((article, language, day), 0) + n
            elif what[0] == "l":
                _, kind, term, language = what
                key = (term, kind, language, day)
                listings[key] = listings.get(key, 0) + n
            elif what[0] == "p":
                _, from_language, slug, article, language = what
                key = (article, (from_language, slug), language, day)
                paths[key] = paths.get(key, 0) + n
    articles = _existing(Article, {key[0] for key in [*views, *paths]})
    views = {key: n for key, n in views.items() if key[0] in articles}
    terms = _terms(listings)
    listings = {key: n for key, n in listings.items() if key[0] in terms[key[1]]}
    paths, from_listings = _resolved(paths, articles)
    add_counts(DailyViews, views, ("article_id", "language", "day"), "views")
    add_counts(DailyListingViews, listings, ("term_id", "kind", "language", "day"), "views")
    add_counts(DailyPath, paths, ("to_article_id", "from_article_id", "language", "day"), "count")
    add_counts(
        DailyListingPath,
        from_listings,
        ("to_article_id", "kind", "term_id", "language", "day"),
        "count",
    )
    if origins is not None:
        origins.update(key[1] for key in paths)
    return sum(views.values()) + sum(listings.values())


def _existing(model, ids) -> set[int]:
    found = set()
    for chunk in batched(sorted(ids)):
        found.update(model.objects.filter(pk__in=chunk).values_list("pk", flat=True))
    return found


def _terms(listings) -> dict[str, set[int]]:
    wanted = {kind: {key[0] for key in listings if key[1] == kind} for kind in TERM_MODELS}
    return {
        kind: _existing(model, wanted[kind]) if wanted[kind] else set()
        for kind, model in TERM_MODELS.items()
    }


def _resolved(paths, articles) -> tuple[dict[tuple, int], dict[tuple, int]]:
    """
    Paths keyed by the article of the page read before (its slug, then), if another; and
    those whose page before was a topic, region or content-type listing, keyed by it.
    """
    by_language: dict[str, set[str]] = {}
    for _to, (language, slug), _lang, _day in paths:
        by_language.setdefault(language, set()).add(slug)
    found = {}
    for language, slugs in by_language.items():
        for chunk in batched(sorted(slugs)):
            rows = ArticleTranslation.objects.filter(language_code=language, slug__in=chunk)
            for slug, article in rows.values_list("slug", "master_id"):
                found[language, slug] = article
    listings = _listing_slugs({source for _to, source, _lang, _day in paths if source not in found})
    resolved, from_listings = {}, {}
    for (to, source, language, day), n in paths.items():
        if to not in articles:
            continue
        origin = found.get(source)
        if origin is not None and origin != to:
            key = (to, origin, language, day)
            resolved[key] = resolved.get(key, 0) + n
        elif source in listings:
            key = (to, *listings[source], language, day)
            from_listings[key] = from_listings.get(key, 0) + n
    return resolved, from_listings


def _listing_slugs(sources) -> dict[tuple[str, str], tuple[str, int]]:
    """{(language, slug): (kind, term id)} of the sources that are listings' slugs."""
    by_language: dict[str, set[str]] = {}
    for language, slug in sources:
        by_language.setdefault(language, set()).add(slug)
    found = {}
    for kind, model in TERM_TRANSLATIONS.items():
        for language, slugs in by_language.items():
            for chunk in batched(sorted(slugs)):
                rows = model.objects.filter(language_code=language, slug__in=chunk)
                for slug, term in rows.values_list("slug", "master_id"):
                    found.setdefault((language, slug), (kind, term))
    return found
