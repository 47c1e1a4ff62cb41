"""
The two caches of the site: files shared by every process on one machine (the embedded
default), and Redis shared by several machines, which degrades to a miss while Redis is
unreachable.
"""

import logging
import os
import pickle
import random
import threading
import time
import zlib
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.core.files import locks
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

#: During an outage every request makes several cache calls; one warning per this many
#: seconds (per process) says so without flooding the log.
WARNING_INTERVAL = 60.0


class OutageLog:
    """
    Log a Redis failure at most once per interval, counting the ones not logged; say so
    once when Redis answers again. One per process: Django makes a cache object per thread.
    """

    def __init__(self, interval: float = WARNING_INTERVAL, clock=time.monotonic):
        self.interval = interval
        self.clock = clock
        self._lock = threading.Lock()
        self._last = None  # when the last warning was logged; None while Redis answers
        self._suppressed = 0
        self._failures = 0

    def failed(self, name: str, error: Exception) -> None:
        with self._lock:
            now = self.clock()
            self._failures += 1
            if self._last is not None and now - self._last < self.interval:
                self._suppressed += 1
                return
            suppressed, self._suppressed, self._last = self._suppressed, 0, now
        if suppressed:
            logger.warning(
                "Redis unavailable for cache.%s: %s (%d more cache calls failed since the "
                "last warning)",
                name,
                error,
                suppressed,
            )
        else:
            logger.warning("Redis unavailable for cache.%s: %s", name, error)

    def answered(self) -> None:
        if self._last is None:  # The usual case, without taking the lock.
            return
        with self._lock:
            if self._last is None:
                return
            failures, self._failures, self._suppressed, self._last = self._failures, 0, 0, None
        logger.info("Redis answers again; %d cache calls failed during the outage", failures)


outage_log = OutageLog()


class SharedFileCache(FileBasedCache):
    """
    Django's file cache, which every process on the machine sees. Django counts the cache's
    files on every write to decide whether to cull; with thousands of pages that listing
    costs tens of milliseconds, so this counts only every CULL_EVERY writes of a process,
    and then culls down to (1 - 1/CULL_FREQUENCY) of MAX_ENTRIES so there is room again.

    `add` and `incr` are atomic across processes (Django's are a read then a write, so two
    processes could both add, or lose an increment): each holds one of LOCK_STRIPES lock
    files, chosen by the key. And `incr` keeps the key's expiry, where Django's would give
    it the default timeout again: a counter (core.ratelimit, readership) lives as long as
    it was added for, as in Redis.
    """

    CULL_EVERY = 100
    LOCK_STRIPES = 64

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes = 0
        # OPTIONS {"CULL": False}: never remove entries (what must not be lost, and is small).
        self._culls = params.get("OPTIONS", {}).get("CULL", True)

    def _cull(self):
        if not self._culls:
            return
        self._writes += 1
        if self._writes % self.CULL_EVERY != 1:
            return
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        if self._cull_frequency == 0:
            return self.clear()
        keep = self._max_entries - self._max_entries // self._cull_frequency
        for name in random.sample(files, len(files) - keep):
            self._delete(name)

    @contextmanager
    def _locked(self, key, version):
        """Hold, across processes, the lock file of key's stripe."""
        name = os.path.basename(self._key_to_file(key, version))
        folder = os.path.join(self._dir, "locks")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"{int(name[:8], 16) % self.LOCK_STRIPES}.lock")
        with open(path, "ab") as lock:
            locks.lock(lock, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(lock)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._locked(key, version):
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._locked(key, version):
            try:
                with open(self._key_to_file(key, version), "rb") as file:
                    expiry = pickle.load(file)
                    value = pickle.loads(zlib.decompress(file.read()))
            except (FileNotFoundError, EOFError, pickle.UnpicklingError, zlib.error):
                raise ValueError(f"Key {key!r} not found") from None
            now = time.time()
            if expiry is not None and expiry < now:
                raise ValueError(f"Key {key!r} not found")
            value += delta
            self.set(key, value, None if expiry is None else max(expiry - now, 0.001), version)
            return value


class ResilientRedisCache(RedisCache):
    """
    Django's Redis cache, except that a Redis outage reads as a miss and writes are
    dropped: pages are then served uncached instead of failing.
    """

    def _quietly(name, default=None):  # noqa: N805  (a decorator factory used in the class body)
        method = getattr(RedisCache, name)

        def wrapper(self, *args, **kwargs):
            try:
                result = method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                outage_log.failed(name, error)
                return default(*args, **kwargs) if callable(default) else default
            outage_log.answered()
            return result

        wrapper.__name__ = name
        return wrapper

    get = _quietly("get", default=lambda key, default=None, version=None: default)
    get_many = _quietly("get_many", default=lambda *args, **kwargs: {})
    has_key = _quietly("has_key", default=False)
    set = _quietly("set")
    add = _quietly("add", default=False)
    set_many = _quietly("set_many", default=lambda data, *args, **kwargs: list(data))
    touch = _quietly("touch", default=False)
    delete = _quietly("delete", default=False)
    delete_many = _quietly("delete_many")
    incr = _quietly("incr", default=None)
    clear = _quietly("clear", default=False)
    del _quietly
