"""
Full-page cache for anonymous readers, that is never wrong.

Every cached page is stored under the current *content version*; any change readers
can see (publishing, an edit of a published piece, an expert, a term, ...: a "content
changed" event with public=True, see core.events) moves the version on, so all older
pages fall out of use at once. A draft edit moves nothing. Pages live at most
PAGE_CACHE_SECONDS, which bounds how late a scheduled article (public by time alone,
with nothing saved) can appear: within that many seconds of its publication time.

Requests with a session cookie (staff), non-GET requests, the admin and previews are
never served from or stored in the cache; nor are responses that set cookies or say
they are private.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:content-version"
NEVER_CACHED_PREFIXES = ("/admin/", "/preview/", "/healthz")


def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY) or version
    return version


def page_cache_update(*, changes, **_signal) -> None:
    """
    The "content changed" subscriber: a public change makes every cached page stale;
    a draft or in-review edit leaves them in place (readers see nothing new).
    """
    if any(change.public for change in changes):
        invalidate()


def invalidate(**_signal) -> None:
    """
    Move the content version on: every cached page is stale from now. Called after the
    change committed, so a page rendered from the old data before is not kept either.
    """
    cache.set(VERSION_KEY, str(time.time_ns()), None)


def is_cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.PAGE_CACHE_SECONDS > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(NEVER_CACHED_PREFIXES)
    )


def is_cacheable_response(response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
        and "no-cache" not in control
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = self.key(request)
        stored = cache.get(key)
        if stored is not None:
            response = self.rebuild(stored)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if is_cacheable_response(response):
            self.prepare(response)
            cache.set(key, self.freeze(response), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def key(request) -> str:
        # The host too: pages carry absolute URLs (canonical, hreflang, feeds, sitemaps).
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return f"page:{content_version()}:{hashlib.sha256(url.encode()).hexdigest()}"

    @staticmethod
    def prepare(response) -> None:
        """Add the headers a CDN needs to hold the page as long as we do."""
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_SECONDS)
        response.setdefault(
            "ETag", f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        )
        response.setdefault("Last-Modified", http_date())

    @staticmethod
    def freeze(response) -> tuple:
        return response.content, response.status_code, list(response.items())

    @staticmethod
    def rebuild(stored) -> HttpResponse:
        content, status, headers = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response
