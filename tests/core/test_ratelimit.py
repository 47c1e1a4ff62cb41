"""Rate limits: counted per key in the shared cache, and the cache never holds the key."""

import hashlib

from django.core.cache import cache

from core.ratelimit import PREFIX, spend


def test_a_key_is_refused_past_its_limit_and_others_are_not():
    assert [spend("192.0.2.7", limit=2, window=60) for _ in range(3)] == [True, True, False]
    assert spend("192.0.2.8", limit=2, window=60)


def test_the_cache_key_cannot_be_undone_by_hashing_candidate_addresses():
    assert spend("192.0.2.9", limit=5, window=60)
    plain = PREFIX + hashlib.sha256(b"192.0.2.9").hexdigest()
    assert cache.get(plain) is None  # what a plain hash of the address would find
