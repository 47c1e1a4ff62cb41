"""
Fixed-window rate limits kept in the shared cache, so that every process counts alike
(the subscribe form of alerts, the public API), and the client address they count, which
the admin's login throttling (django-axes) uses too.
"""

import hashlib
import hmac
import ipaddress

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


def client_ip(request) -> str | None:
    """
    The address a request comes from, or None if it carries no valid one. Behind
    settings.TRUSTED_PROXIES proxies, each of which appends the address it was reached from
    to X-Forwarded-For, it is the one the outermost of them saw: that many entries from the
    right. What the client wrote itself, further left, is never believed; a header too short
    means the request went round the proxies, and its own address counts.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies].strip()
    try:
        return str(ipaddress.ip_address(candidate[:64]))
    except ValueError:
        return None


def client_of(request) -> str:
    """The client a request is counted for: its address (client_ip), or "unknown"."""
    return client_ip(request) or "unknown"
