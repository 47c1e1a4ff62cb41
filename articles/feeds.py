"""
RSS 2.0 and Atom feeds of the public pieces in one language: all of them, or those
of one topic, region (with its countries), content type or expert.

/feeds/rss and /feeds/atom, /feeds/<kind>/<slug>/rss and .../atom, under each
language's prefix (/ar/feeds/rss is the Arabic feed). A term or expert with no
version in the language is a 404, as its page is.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, Q
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language, gettext

from articles.metadata import describe, site_name, version_modified
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic

from .models import Article

FORMATS = ("rss", "atom")
SUBJECTS = {"topic": Topic, "region": Region, "type": ArticleType, "expert": Expert}
DC = "http://purl.org/dc/elements/1.1/"


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


class RssWithAuthors(Rss201rev2Feed):
    """RSS 2.0 with one <dc:creator> per author (RSS's own <author> wants an email)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)


class AtomWithAuthors(Atom1Feed):
    """Atom with one <author> (name and page) per author."""

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
        articles = Article.objects.public(language)
        if subject.kind == "expert":
            articles = articles.written_by(subject.obj)
        elif subject.obj is not None:
            articles = articles.filed_under(subject.obj)
        return articles.for_cards(language).prefetch_related(
            Prefetch("topics", queryset=Topic.objects.with_translation(language)),
            Prefetch("regions", queryset=Region.objects.with_translation(language)),
        )[: settings.FEED_ITEMS]

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
