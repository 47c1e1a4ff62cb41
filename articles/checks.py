"""
Content checks of one translation, as Wagtail's Checks panel makes them: length and
reading time, what search engines show of the title and summary, and problems an author
can fix in the body (skipped heading levels, empty links, link text that says nothing,
links to pieces that are not public or do not exist). They inform; nothing is blocked.
The change form and the side-by-side view show them as one types (checks_view), the
publish step lists them, and the workflow event of a publication records them.
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from html.parser import HTMLParser
from math import ceil
from operator import or_
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy

from core.html import html_to_text
from translations.models import namespace_owner

from .models import ArticleTranslation

#: Words a minute read silently: English and Arabic from the IReST study (Trauzettel-
#: Klosinski and Dietz 2012, 228 and 138); Farsi, which it did not measure, near Arabic.
READING_SPEED = {"en": 228, "ar": 138, "fa": 150}
#: What a search result shows before it cuts: title and description, in characters.
TITLE_SHOWN, SUMMARY_SHOWN = 60, 160
#: Link text that says nothing about where it goes (compared after folding case and
#: spaces), per language; the English ones everywhere, as pages quote English too.
VAGUE_LINK_TEXT = {
    "en": {"click here", "here", "read more", "more", "this link", "link", "this"},
    "ar": {"اضغط هنا", "انقر هنا", "هنا", "اقرأ المزيد", "المزيد", "هذا الرابط", "الرابط"},
    "fa": {"اینجا", "اینجا کلیک کنید", "کلیک کنید", "بیشتر", "بیشتر بخوانید", "این لینک"},
}

MESSAGES = {
    "title_missing": gettext_lazy("The title is empty."),
    "title_long": gettext_lazy(
        "The title has %(count)s characters: search results show about %(shown)s."
    ),
    "summary_missing": gettext_lazy(
        "There is no summary: search results and link previews will show none."
    ),
    "summary_long": gettext_lazy(
        "The summary has %(count)s characters: search results show about %(shown)s."
    ),
    "heading_skipped": gettext_lazy(
        "The heading “%(text)s” skips a level (h%(level)s after h%(previous)s)."
    ),
    "link_empty": gettext_lazy("A link to %(href)s has no text."),
    "link_vague": gettext_lazy("The link text “%(text)s” does not say where it goes (%(href)s)."),
    "link_not_public": gettext_lazy("The link “%(text)s” goes to a piece that is not public."),
    "link_missing": gettext_lazy("The link “%(text)s” goes to a page that does not exist."),
}


@dataclass(frozen=True)
class Problem:
    code: str  # a key of MESSAGES
    values: dict = field(default_factory=dict, hash=False, compare=False)

    def __str__(self):
        return str(MESSAGES[self.code]) % self.values

    def as_json(self) -> dict:
        return {"code": self.code, "values": self.values}


@dataclass
class Report:
    words: int
    minutes: int
    title_length: int
    summary_length: int
    problems: list[Problem]


def content_report(*, language: str, title: str, summary: str, body: str) -> Report:
    """Check the text of a translation in language (body as stored: sanitised HTML)."""
    title, summary = " ".join((title or "").split()), " ".join((summary or "").split())
    words = len(html_to_text(body or "").split())
    problems = []
    if not title:
        problems.append(Problem("title_missing"))
    elif len(title) > TITLE_SHOWN:
        problems.append(Problem("title_long", {"count": len(title), "shown": TITLE_SHOWN}))
    if not summary:
        problems.append(Problem("summary_missing"))
    elif len(summary) > SUMMARY_SHOWN:
        problems.append(Problem("summary_long", {"count": len(summary), "shown": SUMMARY_SHOWN}))
    outline = Outline()
    outline.feed(body or "")
    outline.close()
    problems += outline.heading_problems()
    problems += link_problems(outline.links, language)
    speed = READING_SPEED.get(language, READING_SPEED[settings.LANGUAGE_CODE])
    return Report(
        words=words,
        minutes=max(1, ceil(words / speed)) if words else 0,
        title_length=len(title),
        summary_length=len(summary),
        problems=problems,
    )


def recorded(problems: list[dict]) -> list[str]:
    """Say what a recorded list of problems (Problem.as_json) was, for the workflow log."""
    return [
        str(Problem(p["code"], p.get("values") or {}))
        for p in problems
        if p.get("code") in MESSAGES
    ]


class Outline(HTMLParser):
    """The body's headings, in order, and its links with their text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.links: list[tuple[str, str]] = []
        self._heading = self._link = None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        elif tag == "a":
            self._link = [dict(attrs).get("href") or "", ""]

    def handle_data(self, data):
        for open_element in (self._heading, self._link):
            if open_element is not None:
                open_element[1] += data

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None
        elif tag == "a" and self._link:
            self.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None

    def heading_problems(self) -> list[Problem]:
        # The page's title is the h1: the body's first heading is an h2.
        previous, found = 1, []
        for level, text in self.headings:
            if level > previous + 1:
                found.append(
                    Problem("heading_skipped", {"text": text, "level": level, "previous": previous})
                )
            previous = level
        return found


def link_problems(links, language: str) -> list[Problem]:
    """The links' problems, in order; the linked pieces are looked up in two queries."""
    vague = {*VAGUE_LINK_TEXT.get(language, ()), *VAGUE_LINK_TEXT["en"]}
    targets = {href: _internal_piece(href) for href, text in links if text}
    existing, public = _linked_pieces({t for t in targets.values() if t})
    found = []
    for href, text in links:
        if not text:
            found.append(Problem("link_empty", {"href": href}))
            continue
        if text.casefold().strip(" .:!…") in vague:
            found.append(Problem("link_vague", {"text": text, "href": href}))
        target = targets[href]
        if target is None or target in public:
            continue
        if target in existing:
            found.append(Problem("link_not_public", {"text": text}))
        elif not _other_page(*target):
            found.append(Problem("link_missing", {"text": text}))
    return found


def _linked_pieces(targets: set[tuple[str, str]]) -> tuple[set, set]:
    """Return the (slug, language) targets that name a translation, and those public now."""
    if not targets:
        return set(), set()
    rows = ArticleTranslation.objects.filter(
        reduce(or_, (Q(slug=slug, language_code=lang) for slug, lang in targets))
    )
    existing = set(rows.values_list("slug", "language_code"))
    public = set(rows.public().values_list("slug", "language_code"))
    return existing, public


def _internal_piece(href: str) -> tuple[str, str] | None:
    """Return (slug, language) if href is this site's /policy-analysis/<slug> in a language."""
    parts = urlsplit(href)
    site = urlsplit(getattr(settings, "SITE_URL", "") or "")
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != site.netloc):
        return None
    try:
        match = resolve(parts.path or "/")
    except Resolver404:
        return None
    if match.view_name != "articles:resolve":
        return None
    language = next(
        (code for code, _name in settings.LANGUAGES if parts.path.startswith(f"/{code}/")),
        settings.LANGUAGE_CODE,
    )
    return match.kwargs.get("slug", ""), language


def _other_page(slug: str, language: str) -> bool:
    """Whether slug names a listing (a topic, region or type) under /policy-analysis/."""
    return namespace_owner(slug, language) is not None
