"""
Full-page cache for anonymous readers, that is never wrong and keeps pages for hours.

Every cached page is stored with the cache tags of what it shows (core.cache_tags) and
the version each tag had then. A "content changed" event readers can see (publishing,
an edit of a published piece, an expert, a term, ...; see core.events) gives new versions
to exactly the tags it makes stale (thinktank.invalidation), so only the pages showing it
fall out of use, in every process at once: the versions live in the shared cache and a
hit checks them in one round trip. A draft edit changes no tag. A scheduled piece appears
through a task run at its publication time (articles.tasks), so pages may live for
PAGE_CACHE_SECONDS (hours): no short lifetime stands in for invalidation.

A page rendered while one of its tags was invalidated may show what was there before,
so it is served but not stored: versions are the invalidation's clock (nanoseconds), and
a page is only stored if none of its tags moved after its rendering began.

Requests with a session cookie (staff), non-GET requests, the admin and previews are
never served from or stored in the cache; nor are responses that set cookies or say
they are private. What is stored carries its tags to the edge (Surrogate-Key for Varnish
and Fastly, Cache-Tag for Cloudflare), whose copies the edge purge (thinktank.edge) drops.
"""

import hashlib
import logging
import random
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from core import cache_tags
from core.i18n import language_codes
from core.tasks import enqueue
from thinktank import edge
from thinktank.invalidation import tags_for
from thinktank.tasks import edge_purge

logger = logging.getLogger(__name__)

TAG_KEY = "page-cache:tag:"
NEVER_CACHED_PREFIXES = ("/admin/", "/preview/", "/healthz")


def versions_cache():
    """
    Where tag versions live: apart from the pages, never culled (settings.CACHES); with
    files, each process reads them from memory until any writes (thinktank.read_mostly_cache).
    """
    return caches["page_tags"] if "page_tags" in settings.CACHES else cache


def tag_versions(tags) -> dict[str, str | None]:
    """Return {tag: version} for tags in one round trip (None: no version known)."""
    found = versions_cache().get_many([TAG_KEY + tag for tag in tags])
    return {tag: found.get(TAG_KEY + tag) for tag in tags}


def invalidate_tags(tags) -> None:
    """
    Give tags a new version: every stored page showing one of them is stale from now, in
    every process; then have a task purge them from the edge caches, if any is configured.
    """
    tags = sorted(set(tags))
    version = str(time.time_ns())
    versions_cache().set_many({TAG_KEY + tag: version for tag in tags}, None)
    if tags and edge.backends():
        enqueue(edge_purge, tags=tags)


def invalidate(**_signal) -> None:
    """Make every cached page stale (all pages carry the `site` tag)."""
    invalidate_tags([cache_tags.SITE])


def page_cache_update(*, changes, **_signal) -> None:
    """
    The "content changed" subscriber: the pages showing what readers can now see
    differently are stale, here and at the edge; a draft or in-review edit changes none.
    """
    stale = tags_for(changes)
    if stale:
        invalidate_tags(stale)


def search_rewritten(*, languages=None, **_signal) -> None:
    """Search documents changed: the search pages in those languages (None: all)."""
    invalidate_tags([cache_tags.search(code) for code in languages or language_codes()])


def lists_rewritten(*, article_ids=None, **_signal) -> None:
    """Stored "Recommended" lists changed: the pages showing them (None: any page)."""
    if article_ids is None:
        invalidate()
    elif article_ids:
        invalidate_tags([cache_tags.recommendations(pk) for pk in article_ids])


def most_read_rewritten(*, languages=None, **_signal) -> None:
    """The counts behind "Most read" moved on: the pages showing it in those languages."""
    invalidate_tags([cache_tags.most_read(code) for code in languages or language_codes()])


def versions_to_store(tags, started_ns: int) -> dict[str, str] | None:
    """
    Return the versions to store a page rendered since started_ns under, or None when a
    tag moved after it began (the page may show the old state). A tag without a version
    yet gets one from before the page began, unique so that it matches no older page.
    """
    versions = tag_versions(tags)
    since = started_ns - settings.PAGE_CACHE_CLOCK_MARGIN_MS * 1_000_000
    store = versions_cache()
    for tag, version in versions.items():
        if version is None:
            first = str(since - 1 - random.randrange(1_000_000))
            versions[tag] = (
                first if store.add(TAG_KEY + tag, first, None) else store.get(TAG_KEY + tag)
            )
    # How far the clocks of the machines may disagree (since): a tag moved this close to the
    # page's start keeps the page out of the cache too.
    if any(version is None or int(version) > since for version in versions.values()):
        return None
    return versions


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
        if stored is not None and self.is_current(stored):
            response = self.rebuild(stored)
            response["X-Page-Cache"] = "hit"
            return response
        with cache_tags.collect() as shown:
            # The start the page's fragments are checked from too (core.fragments): a tag
            # they see first gets a version older than it, which must not keep the page out.
            started = cache_tags.started_ns()
            response = self.get_response(request)
        if is_cacheable_response(response):
            tags = cache_tags.final(shown)
            self.prepare(response, tags)
            versions = versions_to_store(tags, started)
            if versions is not None:
                cache.set(key, self.freeze(response, versions), settings.PAGE_CACHE_SECONDS)
            else:
                # Maybe the old state: an edge must not keep it either (the purge may be past).
                patch_cache_control(response, s_maxage=0)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def key(request) -> str:
        # The host too: pages carry absolute URLs (canonical, hreflang, feeds, sitemaps).
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return f"page:{hashlib.sha256(url.encode()).hexdigest()}"

    @staticmethod
    def is_current(stored) -> bool:
        versions = stored[3]
        return tag_versions(versions) == versions

    @staticmethod
    def prepare(response, tags) -> None:
        """
        Add what an edge cache needs: how long to keep the page (long, since it is purged
        by tag), how long a browser may (short: nobody purges a browser), and the tags.
        """
        patch_cache_control(
            response,
            public=True,
            max_age=settings.BROWSER_CACHE_SECONDS,
            s_maxage=settings.PAGE_CACHE_SECONDS,
            stale_while_revalidate=settings.EDGE_STALE_SECONDS,
            stale_if_error=settings.EDGE_STALE_IF_ERROR_SECONDS,
        )
        response["Surrogate-Key"] = " ".join(tags)
        response["Cache-Tag"] = ",".join(tags)
        response.setdefault(
            "ETag", f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        )
        response.setdefault("Last-Modified", http_date())

    @staticmethod
    def freeze(response, versions) -> tuple:
        return response.content, response.status_code, list(response.items()), versions

    @staticmethod
    def rebuild(stored) -> HttpResponse:
        content, status, headers, _versions = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response
