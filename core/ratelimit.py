"""
Fixed-window rate limits kept in the shared cache, so that every process counts alike
(the subscribe form of alerts, the public API).
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

PREFIX = "rate:"


def spend(key: str, *, limit: int, window: int) -> bool:
    """Count one request under key; return False if the limit of the window is spent."""
    # Keyed with the secret: a plain hash of an IPv4 address or an email address is undone
    # by trying them all, and the cache would then hold who asked.
    digest = hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256)
    key = PREFIX + digest.hexdigest()
    if cache.add(key, 1, window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        count = 1
    return count <= limit


def client_of(request) -> str:
    """The client a request is counted for: its address (behind the proxy, see README)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
