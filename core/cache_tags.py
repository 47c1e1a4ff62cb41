"""
Cache tags: what a response shows, so a change invalidates exactly the pages that show it.

A view (or a selector it calls) says what it puts on the page with `shows()`; the page
cache (thinktank.page_cache) collects the tags of one response with `collect()`, stores
them beside the page and sends them to the edge (Surrogate-Key, Cache-Tag). A "content
changed" event turns into the tags to invalidate with `invalidated_by()` (in the apps that
know what a change touches; see articles.cache_tags).

The vocabulary, short because it travels in headers:

- `art-<id>`, `exp-<id>`, `top-<id>`, `reg-<id>`, `typ-<id>`: the page shows that article
  (its page, or a card of it), expert, topic, region or content type;
- `rec-<id>`: the page shows the stored "Recommended" lists of that article;
- `list-<lang>`: a list of all public pieces in a language (home, all analysis, feeds,
  sitemaps, search), and `list-<kind>-<id>-<lang>` a list scoped to one term or expert:
  what a newly public piece joins;
- `search-<lang>`: the search pages, which show what the search documents say (rewritten
  by a task after the change);
- `read-<lang>`: the pages with a "Most read" block in a language, whose counts move on
  (invalidated by readership.tasks.most_read_refresh on the clock);
- `experts`, `terms`: a list of all experts or of all terms;
- `site`: every page (a change of everything, such as loading the demo);
- `any`: a page that recorded nothing more precise, invalidated by every public change.
"""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from core.i18n import language_codes

SITE = "site"
ANY = "any"
EXPERTS = "experts"
TERMS = "terms"
#: Above this many tags a page keeps its scopes instead of one tag per object (a sitemap).
MAX_TAGS = 250

_collected: ContextVar[set | None] = ContextVar("cache_tags", default=None)
_started: ContextVar[int | None] = ContextVar("cache_tags_started", default=None)


@contextmanager
def collect():
    """Collect what the code run inside shows; yields the set that fills up."""
    tags: set[str] = set()
    token, started = _collected.set(tags), _started.set(time.time_ns())
    try:
        yield tags
    finally:
        _collected.reset(token)
        _started.reset(started)


def started_ns() -> int | None:
    """When the response being collected began (time.time_ns()), or None outside collect()."""
    return _started.get()


def shows(*tags: str) -> None:
    """Record that the response being built shows these tags (no-op outside collect())."""
    collected = _collected.get()
    if collected is not None:
        collected.update(tags)


def article(pk) -> str:
    return f"art-{pk}"


def expert(pk) -> str:
    return f"exp-{pk}"


def recommendations(pk) -> str:
    return f"rec-{pk}"


TERM_PREFIXES = {"topic": "top", "region": "reg", "articletype": "typ"}


def term(kind: str, pk) -> str:
    """kind is the model name: topic, region or articletype."""
    return f"{TERM_PREFIXES[kind]}-{pk}"


def of(obj) -> str:
    """The tag of an expert, a topic, a region or a content type."""
    name = obj._meta.model_name
    return expert(obj.pk) if name == "expert" else term(name, obj.pk)


def search(language: str) -> str:
    """The search pages of a language: what the search documents say."""
    return f"search-{language}"


def most_read(language: str) -> str:
    """The pages showing what is read most in a language (readership)."""
    return f"read-{language}"


def listing(language: str, scope: str = "") -> str:
    """
    The list of every public piece in language, or with scope (the tag of a term or an
    expert, see of()) of the pieces under that term or by that expert.
    """
    return f"list-{scope}-{language}" if scope else f"list-{language}"


def shows_card(card) -> None:
    """Record an article card: the piece, its content type and its authors."""
    shows(article(card.pk))
    if card.article_type_id:
        shows(term("articletype", card.article_type_id))
    for author in card.authors.all():
        shows(expert(author.pk))


def final(tags: set[str]) -> list[str]:
    """
    The tags a response is stored under: its own, `site` always, `any` if it recorded
    nothing, and above MAX_TAGS the objects folded into the lists that hold them.
    """
    tags = set(tags)
    if not tags:
        tags.add(ANY)
    if len(tags) > MAX_TAGS:
        objects = {tag for tag in tags if tag.split("-", 1)[0] in OBJECT_PREFIXES}
        tags -= objects
        if any(tag.startswith(("art-", "rec-")) for tag in objects):
            tags |= {listing(language) for language in language_codes()}
        if any(tag.startswith("exp-") for tag in objects):
            tags.add(EXPERTS)
        if any(tag.startswith(tuple(f"{p}-" for p in TERM_PREFIXES.values())) for tag in objects):
            tags.add(TERMS)
    tags.add(SITE)
    return sorted(tags)


OBJECT_PREFIXES = {"art", "exp", "rec", *TERM_PREFIXES.values()}
