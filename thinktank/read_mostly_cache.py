"""
The file cache of the page cache's tag versions: read on every cached page, written on a
change. Each process answers its reads from memory while no process has written since.
"""

import os
import pickle
import tempfile
import time
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT

from thinktank.cache import SharedFileCache

_MISSING = object()
#: Per process, by folder: (token, {(key, version): value}), shared by its threads (Django
#: gives each thread a cache object of its own).
_memories: dict[str, tuple[bytes, dict]] = {}


class ReadMostlyFileCache(SharedFileCache):
    """
    A SharedFileCache for keys without expiry that are read far more often than written
    (a page showing 40 objects reads 40 tag versions, from 40 files).

    Every write (set, set_many, delete, touch, incr, clear) ends by putting a new random
    token in GENERATION_FILE (a whole file renamed over the old one, never read half
    written). A read first reads the token, and uses what this process remembers only if
    it was remembered under that same token; so what any process writes is seen by every
    process once the write returns, for one small file read per call. A random token, not
    a counter or a file's time: a wiped folder would start a counter again at a value some
    process remembers, and file times only move with the kernel's tick.

    `add` leaves the token alone: only values found are remembered, and add writes only a
    key no process could find. Values with an expiry are never remembered, and nothing is
    culled. OPTIONS {"MEMORY_ENTRIES": n}: past n values a process forgets them all (the
    memory per process is bounded). Values come back as remembered: keep them immutable.
    """

    GENERATION_FILE = "generation"
    MEMORY_ENTRIES = 10_000

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._culls = False
        options = params.get("OPTIONS", {})
        self._memory_entries = options.get("MEMORY_ENTRIES", self.MEMORY_ENTRIES)
        self._generation_path = os.path.join(self._dir, self.GENERATION_FILE)

    def get(self, key, default=None, version=None):
        return self.get_many([key], version).get(key, default)

    def get_many(self, keys, version=None):
        memory = self._memory()  # before any value is read: see _memory
        found = {}
        for key in keys:
            value = _MISSING if memory is None else memory.get((key, version), _MISSING)
            if value is _MISSING:
                value = self._read(key, version, memory)
            if value is not _MISSING:
                found[key] = value
        return found

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._locked(key, version):
            if self.has_key(key, version):
                return False
            SharedFileCache.set(self, key, value, timeout, version)
            return True

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        finally:
            self._generation_bump()

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            for key, value in data.items():
                SharedFileCache.set(self, key, value, timeout, version)
        finally:
            self._generation_bump()  # once for all: one invalidation, one new token
        return []

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        finally:
            self._generation_bump()

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        finally:
            self._generation_bump()

    def clear(self):
        try:
            super().clear()
        finally:
            self._generation_bump()

    # incr writes through self.set, which puts a new token in place.

    def _read(self, key, version, memory):
        """Return key's value from its file (_MISSING: none), remembered if it never expires."""
        try:
            with open(self._key_to_file(key, version), "rb") as file:
                expiry = pickle.load(file)
                if expiry is not None and expiry < time.time():
                    return _MISSING
                value = pickle.loads(zlib.decompress(file.read()))
        except (FileNotFoundError, EOFError):
            return _MISSING
        if expiry is None and memory is not None:
            if len(memory) >= self._memory_entries:
                memory.clear()
            memory[key, version] = value
        return value

    def _memory(self) -> dict | None:
        """
        Return what this process remembers under the current token: a new, empty memory if
        the token moved, None if there is none. Values read after the token are at least as
        new as the last write before it; any later write replaces the token for good.
        """
        token = self._generation()
        if token is None:
            try:
                self._generation_bump()  # the folder was wiped: a generation of its own again
            except OSError:
                return None  # read from the files, remembering nothing
            token = self._generation()
            if token is None:
                return None
        remembered = _memories.get(self._dir)
        if remembered is None or remembered[0] != token:
            remembered = _memories[self._dir] = (token, {})
        return remembered[1]

    def _generation(self) -> bytes | None:
        try:
            fd = os.open(self._generation_path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        try:
            token = os.read(fd, 64)
        finally:
            os.close(fd)
        return token if len(token) == 16 else None

    def _generation_bump(self) -> None:
        """Put a new token in place: from now on no process uses what it remembered."""
        self._createdir()
        fd, path = tempfile.mkstemp(dir=self._dir, prefix=self.GENERATION_FILE)
        try:
            with open(fd, "wb") as file:
                file.write(os.urandom(16))
            os.replace(path, self._generation_path)
        except BaseException:
            os.remove(path)
            raise
