"""
Fragments of a page cached by the same tags as whole pages (core.cache_tags).

A page falls out of the page cache when any tag it shows moves; an article page most
often because its "Recommended" lists were rewritten (`rec-<id>`), which leaves its own
text, byline, citation, metadata and terms as they were. Those parts are the page's
fragments, kept together in one cache entry with the tags of what they show and their
versions, so rendering the page again costs the parts that changed, and the view skips
the queries of the parts it finds.

The fragments are used only while every one of their tags has the version they were
stored under (one round trip), and stored only if none moved since the page began: the
page cache's own rules, with the version store the project wires in (`configure`,
thinktank.apps), since the versions live in the page cache above this layer. Their tags
are recorded for the page either way, so the page is cached and purged as before.
"""

import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache

from core import cache_tags

PREFIX = "fragments:"

_store: dict[str, Callable] = {}


def configure(*, tag_versions: Callable, versions_to_store: Callable) -> None:
    """Use the page cache's tag versions (tag_versions(tags), versions_to_store(tags, ns))."""
    _store.update(tag_versions=tag_versions, versions_to_store=versions_to_store)


def enabled() -> bool:
    return settings.FRAGMENT_CACHE_SECONDS > 0 and bool(_store)


def key(request, *parts) -> str:
    """The cache key of a page's fragments: its parts, the language, scheme and host."""
    # The host and scheme too: fragments hold absolute URLs (metadata, the citation).
    return PREFIX + ":".join(
        [*map(str, parts), request.LANGUAGE_CODE, request.scheme, request.get_host()]
    )


def lookup(key: str) -> dict[str, str] | None:
    """
    Return the fragments stored under key ({name: html}) if they are current, recording
    their tags for the page; else None (render them).
    """
    if not enabled():
        return None
    stored = cache.get(key)
    if stored is None:
        return None
    parts, versions = stored
    if _store["tag_versions"](versions) != versions:
        return None
    cache_tags.shows(*versions)
    return parts


class Pending:
    """
    A page's fragments being rendered, to store under key once all of names are: tags are
    what they show that the view loaded for them (what they load themselves is collected).
    """

    def __init__(self, key: str, names: Iterable[str], tags: Iterable[str] = ()):
        self.key, self.names = key, set(names)
        self.parts: dict[str, str] = {}
        self.tags = set(tags)
        # Checked from the page's start: a tag that moved since may have reached what the
        # page read before the fragments (and a tag first seen gets a version older).
        self.started = cache_tags.started_ns() or time.time_ns()

    def render(self, name: str, render: Callable[[], str]) -> str:
        with cache_tags.collect() as shown:
            html = render()
        cache_tags.shows(*shown, *self.tags)  # for the page as well
        self.tags |= shown
        self.parts[name] = str(html)
        if set(self.parts) == self.names and enabled():
            versions = _store["versions_to_store"](cache_tags.final(self.tags), self.started)
            if versions is not None:
                cache.set(self.key, (self.parts, versions), settings.FRAGMENT_CACHE_SECONDS)
        return html
