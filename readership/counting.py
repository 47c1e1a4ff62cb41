"""
Counting page views in the shared cache (Redis, or the file cache every process on the
machine shares), so that a view costs no database write. The cache is settings.CACHES
"readership" (else "default"): the file cache's own folder, apart from the pages, so that
pages filling the cache do not cull counters at random.

Each minute has its own bucket. A count of one thing in one minute (a piece in a
language, or a path from one piece to another) is a counter key, added at 1 and then
incremented: both atomic in Redis, locmem and thinktank.cache.SharedFileCache. The
process that adds a counter registers it in the minute's index: it takes the next slot
number (the `n` counter) and writes what it counts in that slot. The flush
(readership.flush) reads only minutes that closed GRACE_SECONDS ago, when no request is
still writing to them, walks the slots, reads the counters and deletes them.

    readership:<minute>:n         how many slots the minute has
    readership:<minute>:s:<slot>  what a slot counts, e.g. ("a", 12, "en")
    readership:<minute>:c:<hash>  the count of that thing in that minute

What is counted: ("a", article id, language), ("l", kind, term id, language),
("p", language of the page read before, its slug, article id, language). No key or
value holds anything about the reader.
"""

import hashlib
import json
import time
from contextlib import suppress
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches

PREFIX = "readership:"
#: How long a minute's counts wait in the cache for the flush: a worker stopped longer
#: than this loses the counts of the minutes it missed.
BUCKET_SECONDS = 24 * 3600
#: A minute is flushed this long after it ended (requests still writing to it, clocks).
GRACE_SECONDS = 30


def counters():
    """The cache the counters live in."""
    return caches["readership" if "readership" in settings.CACHES else "default"]


def minute_of(timestamp: float) -> int:
    return int(timestamp // 60)


def _counter(minute: int, what: tuple) -> str:
    digest = hashlib.sha256(json.dumps(what).encode()).hexdigest()[:32]
    return f"{PREFIX}{minute}:c:{digest}"


def _slots(minute: int) -> str:
    return f"{PREFIX}{minute}:n"


def _slot(minute: int, number: int) -> str:
    return f"{PREFIX}{minute}:s:{number}"


def count(what: tuple, *, now: float | None = None) -> None:
    """Count one view of what (see the module's docstring) in the current minute."""
    minute = minute_of(time.time() if now is None else now)
    cache = counters()
    key = _counter(minute, what)
    # Most views find their counter: incr first (in Redis one round trip fewer than add).
    with suppress(ValueError):
        cache.incr(key)
        return
    if not cache.add(key, 1, BUCKET_SECONDS):  # another process added it meanwhile
        with suppress(ValueError):
            cache.incr(key)
        return
    number = _next_slot(minute)
    if number is None or number > settings.READERSHIP_MAX_KEYS_PER_MINUTE:
        # A flood of distinct ids (they are checked only when written): counted no more.
        cache.delete(key)
        return
    cache.set(_slot(minute, number), what, BUCKET_SECONDS)


def _next_slot(minute: int) -> int | None:
    key, cache = _slots(minute), counters()
    if cache.add(key, 1, BUCKET_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        return None


@dataclass
class Bucket:
    """What one minute counted, and the cache keys that hold it."""

    minute: int
    counts: dict[tuple, int] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)


def read(minutes) -> dict[int, Bucket]:
    """Return the buckets of those minutes that counted anything, as the cache has them."""
    minutes, cache = list(minutes), counters()
    sizes = cache.get_many([_slots(minute) for minute in minutes])
    buckets = {}
    for minute in minutes:
        size = sizes.get(_slots(minute))
        if not size:
            continue
        bucket = buckets[minute] = Bucket(minute, keys=[_slots(minute)])
        # A flood goes on taking slot numbers past the cap; none above it is written.
        size = min(size, settings.READERSHIP_MAX_KEYS_PER_MINUTE)
        slots = [_slot(minute, number) for number in range(1, size + 1)]
        bucket.keys += slots
        # A set: two slots naming one counter must not count it twice.
        counted = {tuple(what) for what in cache.get_many(slots).values()}
        keys = {_counter(minute, what): what for what in counted}
        bucket.keys += keys
        for key, value in cache.get_many(list(keys)).items():
            if value:
                bucket.counts[tuple(keys[key])] = value
    return buckets


def forget(buckets) -> None:
    """Delete the buckets' keys (written to the database, or found written already)."""
    keys = [key for bucket in buckets for key in bucket.keys]
    if keys:
        counters().delete_many(keys)
