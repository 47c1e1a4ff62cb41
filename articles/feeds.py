"""
RSS 2.0 and Atom feeds of the public pieces in one language: all of them, or those
of one topic, region (with its countries), content type or expert.

/feeds/rss and /feeds/atom, /feeds/<kind>/<slug>/rss and .../atom, under each
language's prefix (/ar/feeds/rss is the Arabic feed). A term or expert with no
version in the language is a 404, as its page is.

Names, titles and summaries come from staff and translators, so each goes out to be
read back as the same text by any reader (see `rss_title`), in characters XML 1.0 holds.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language, gettext

from articles.metadata import describe, site_name, version_modified
from core import cache_tags
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic

from .models import Article

FORMATS = ("rss", "atom")
SUBJECTS = {"topic": Topic, "region": Region, "type": ArticleType, "expert": Expert}
DC = "http://purl.org/dc/elements/1.1/"
# Characters XML 1.0 cannot hold even as references: a name holding one would make the
# feed fail to serialise (Django refuses it in text) or not parse (in an attribute).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Text an HTML reader could take for markup: a tag's start or a character reference.
_MARKUP_LIKE = re.compile(r"<|&#?\w+;")


@dataclass
class Subject:
    """What a feed is about: `kind` and `obj` are None for the feed of all pieces."""

    kind: str | None = None
    obj: object = None


def subject_kind(obj) -> str | None:
    """Return the feed kind for a topic, region, content type or expert (None: all pieces)."""
    for kind, model in SUBJECTS.items():
        if isinstance(obj, model):
            return kind
    return None


def feed_path(fmt: str, obj=None) -> str:
    """Return the path of the feed in the current language: all pieces, or obj's."""
    kind = subject_kind(obj)
    if kind is None:
        return reverse("feeds:all", kwargs={"fmt": fmt})
    slug = obj.slug  # an expert's slug is the same in every language; a term's is per language
    return reverse("feeds:subject", kwargs={"kind": kind, "slug": slug, "fmt": fmt})


def feed_title(obj=None) -> str:
    """Return the title of the feed of obj (or of all pieces), in the current language."""
    if obj is None:
        return gettext("Latest analysis · %(site)s") % {"site": site_name()}
    return gettext("%(name)s · %(site)s") % {"name": obj.name, "site": site_name()}


def xml_text(value):
    """Return value (a text, or a list or tuple of them) without characters XML 1.0 forbids."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_text(v) for v in value)
    return value


def rss_title(text: str) -> str:
    """
    Return plain text for an RSS <title>.

    RSS leaves open whether a title holds HTML, and readers guess: feedparser, and the
    readers built on it, take one for HTML when it looks like markup, so a name
    `<a href="javascript:...">` would be a live link there. A title that could be read
    as markup is therefore HTML-escaped, which a reader that guesses HTML shows as the
    text itself; any other ("Energy & Economics") is left as it is for readers that take
    it as text. Categories and names are read as text by all, and Atom says type="text".
    """
    return escape(text) if _MARKUP_LIKE.search(text) else text


class XMLSafeFeed:
    """A feed generator mixin: every text in the feed and its items is XML-safe."""

    def __init__(self, **kwargs):
        super().__init__(**{name: xml_text(value) for name, value in kwargs.items()})

    def add_item(self, **kwargs):
        super().add_item(**{name: xml_text(value) for name, value in kwargs.items()})


class RssWithAuthors(XMLSafeFeed, Rss201rev2Feed):
    """
    RSS 2.0 with one <dc:creator> per author (RSS's own <author> wants an email).

    Readers render a channel's <description>, like an item's, as HTML: ours is text, so
    it is escaped. Titles are plain text written for readers that guess (`rss_title`).
    """

    def __init__(self, *, title, description, **kwargs):
        super().__init__(title=rss_title(title), description=escape(description), **kwargs)

    def add_item(self, *, title, **kwargs):
        super().add_item(title=rss_title(title), **kwargs)

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)


class AtomWithAuthors(XMLSafeFeed, Atom1Feed):
    """Atom with one <author> (name and page) per author; its texts are type="text"."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")


class ArticleFeed(Feed):
    """
    The newest public pieces of a subject in the request's language.

    A new instance serves each request (see `feed`), so it may keep the request.
    """

    feed_type = RssWithAuthors
    item_guid_is_permalink = False

    def get_object(self, request, kind=None, slug=None):
        self.request = request
        # A tag: URI names a host without its port.
        self.domain = split_domain_port(get_current_site(request).domain)[0] or "localhost"
        self.language = get_language()
        if kind is None:
            return Subject()
        model = SUBJECTS[kind]
        if kind == "expert":
            found = model.objects.with_translation(self.language).filter(slug=slug)
        else:
            found = model.objects.with_translation(self.language, where=Q(_tr__slug=slug))
        obj = found.first()
        if obj is None:
            raise Http404("No such topic, region, content type or expert in this language.")
        return Subject(kind, obj)

    def title(self, subject):
        return feed_title(subject.obj)

    def link(self, subject):
        return subject.obj.get_absolute_url() if subject.obj else reverse("articles:index")

    def feed_url(self, subject):
        return self.request.path

    def description(self, subject):
        obj = subject.obj
        values = {"site": site_name(), "name": getattr(obj, "name", "")}
        if obj is None:
            return gettext("The newest analysis from %(site)s.") % values
        if subject.kind == "expert":
            return gettext("The newest analysis by %(name)s from %(site)s.") % values
        return describe(obj.description) or (
            gettext("The newest pieces under %(name)s from %(site)s.") % values
        )

    def author_name(self, subject):
        # Atom wants an author for every entry: the institute stands in for pieces without one.
        return site_name()

    def items(self, subject):
        language = self.language
        # Items list their authors and their terms (as categories) by name.
        scope = cache_tags.of(subject.obj) if subject.obj is not None else ""
        cache_tags.shows(cache_tags.listing(language, scope), cache_tags.EXPERTS, cache_tags.TERMS)
        if subject.obj is not None:
            cache_tags.shows(scope)
        articles = Article.objects.public(language)
        if subject.kind == "expert":
            articles = articles.written_by(subject.obj)
        elif subject.obj is not None:
            articles = articles.filed_under(subject.obj)
        items = list(articles.for_pages(language)[: settings.FEED_ITEMS])
        cache_tags.shows(*(cache_tags.article(article.pk) for article in items))
        return items

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Both formats carry the summary as HTML; a summary is plain text.
        return escape(article.summary)

    def item_link(self, article):
        return article.get_absolute_url()

    def item_guid(self, article):
        # Stable when the slug changes: the article and the language, never the address.
        return (
            f"tag:{self.domain},{article.created_at:%Y-%m-%d}:article/{article.pk}/{self.language}"
        )

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return version_modified(article.get_translation(self.language), article)

    def item_categories(self, article):
        return [term.name for term in [*article.topics.all(), *article.regions.all()]]

    def item_extra_kwargs(self, article):
        build = self.request.build_absolute_uri
        return {
            "authors": [
                (author.name, build(author.get_absolute_url())) for author in article.authors.all()
            ]
        }


class AtomArticleFeed(ArticleFeed):
    feed_type = AtomWithAuthors
    subtitle = ArticleFeed.description


FEEDS = {"rss": ArticleFeed, "atom": AtomArticleFeed}


def feed(request, fmt, kind=None, slug=None):
    """Serve a feed: a fresh Feed per request, so it can hold the request's details."""
    return FEEDS[fmt]()(request, kind=kind, slug=slug)
