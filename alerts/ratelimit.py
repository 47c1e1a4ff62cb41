"""
Rate limits of the subscribe form, kept in the shared cache (so every process counts).

Per client (address of the request) a refusal is said plainly (429); per email address
the request is answered as any other but no mail goes out, so that the answer says
nothing about the address and nobody can flood an inbox with confirmation requests.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

PREFIX = "alerts:rate:"


def _spend(key: str, limit: int) -> bool:
    """Count one request under key; return False if the limit of the window is spent."""
    key = PREFIX + hashlib.sha256(key.encode()).hexdigest()
    window = settings.ALERTS_RATE_WINDOW_SECONDS
    if cache.add(key, 1, window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        count = 1
    return count <= limit


def client_allowed(request) -> bool:
    client = request.META.get("REMOTE_ADDR", "") or "unknown"
    return _spend(f"client:{client}", settings.ALERTS_RATE_PER_CLIENT)


def address_allowed(email: str) -> bool:
    return _spend(f"address:{email}", settings.ALERTS_RATE_PER_ADDRESS)
