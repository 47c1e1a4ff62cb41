"""
Public article pages: one article, a topic/region/type listing, all analysis, and an
expert's page (their profile and their pieces).
"""

from django.conf import settings
from django.db.models import CharField, Count, Value
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext
from django.views.generic import TemplateView

from core import cache_tags, i18n
from core.pagination import paginate
from experts.models import Expert
from taxonomy.models import (
    ArticleType,
    ArticleTypeTranslation,
    Region,
    RegionTranslation,
    Topic,
    TopicTranslation,
)

from .forms import ArticleFilterForm
from .models import Article
from .page_data import public_versions
from .redirects import redirect_url
from .views_article import ArticleDetailView

TERM_KINDS = {
    "topic": (Topic, TopicTranslation),
    "region": (Region, RegionTranslation),
    "type": (ArticleType, ArticleTypeTranslation),
}


class KeysetListView(TemplateView):
    """
    A list of articles, newest (or oldest) first, a page at a time by keyset
    pagination (core.pagination): no count, no offset, any depth costs the same.
    """

    context_object_name = "articles"

    def get_queryset(self):
        raise NotImplementedError

    def newest_first(self) -> bool:
        return True

    def get_context_data(self, **kwargs):
        page = paginate(
            self.get_queryset(),
            self.request.GET,
            size=settings.LISTING_PAGE_SIZE,
            newest_first=self.newest_first(),
        )
        kwargs.setdefault(self.context_object_name, page.object_list)
        for card in page.object_list:
            cache_tags.shows_card(card)
        return super().get_context_data(
            page=page,
            is_paginated=page.has_other_pages,
            newest_first=self.newest_first(),
            **kwargs,
        )


def resolve(request, slug):
    """Serve /policy-analysis/<slug>: an article, or a topic, region or content-type listing."""
    language = get_language()
    translations = public_versions(slug, language)
    if translations:
        return ArticleDetailView.as_view(versions=translations)(request, slug=slug)
    term = find_term(slug, language)
    if term is not None:
        return TermListingView.as_view(term=term)(request, slug=slug)
    # An old slug of an article (its slug changed): a permanent redirect to where it is now.
    moved = redirect_url(slug, language)
    if moved:
        return HttpResponsePermanentRedirect(moved)
    raise Http404("No article or listing has this address in this language.")


def find_term(slug: str, language: str):
    """Return the topic, region or content type with this slug in language, or None."""
    matches = [
        translation_model.objects.filter(language_code=language, slug=slug)
        .annotate(kind=Value(kind, output_field=CharField()))
        .values_list("kind", "master_id")
        for kind, (_model, translation_model) in TERM_KINDS.items()
    ]
    found = list(matches[0].union(*matches[1:])[:1])
    if not found:
        return None
    [(kind, pk)] = found
    return TERM_KINDS[kind][0].objects.with_translation(language).get(pk=pk)


class TermListingView(KeysetListView):
    """The public pieces filed under a topic, a region (with its countries) or a type."""

    template_name = "articles/term.html"
    term = None

    def get_queryset(self):
        language = get_language()
        term = self.term
        cache_tags.shows(cache_tags.of(term), cache_tags.listing(language, cache_tags.of(term)))
        cache_tags.shows(*(cache_tags.of(country) for country in self.countries))
        return Article.objects.public(language).filed_under(term).for_cards(language)

    @cached_property
    def countries(self) -> list:
        if not isinstance(self.term, Region):
            return []
        return list(Region.objects.with_translation(get_language()).filter(parent=self.term))

    def get_context_data(self, **kwargs):
        term = self.term
        slugs = dict(term.translations.values_list("language_code", "slug"))
        # In the site's order of languages, not the rows' (which an import may have changed).
        alternates = {
            code: i18n.url_in(code, "articles:resolve", slug=slugs[code])
            for code in i18n.language_codes()
            if code in slugs
        }
        return super().get_context_data(
            term=term,
            kind=term_kind_label(term),
            countries=self.countries,
            alternates=alternates,
            x_default=alternates[i18n.default_language(alternates)],
            **kwargs,
        )


def term_kind_label(term) -> str:
    if isinstance(term, Topic):
        return gettext("Topic")
    if isinstance(term, Region):
        return gettext("Country") if term.is_country else gettext("Region")
    return gettext("Content type")


class ArticleIndexView(KeysetListView):
    """All analysis, with filters that combine in a shareable query string."""

    template_name = "articles/index.html"

    def get(self, request, *args, **kwargs):
        filters = {k: v for k, v in request.GET.items() if k in ArticleFilterForm.base_fields}
        self.form = ArticleFilterForm(filters or None, language=get_language())
        response = super().get(request, *args, **kwargs)
        if self.form.is_bound and not self.form.is_valid():
            response.status_code = 400
        return response

    def newest_first(self) -> bool:
        return not (self.form.is_valid() and self.form.cleaned_data.get("sort") == self.form.OLDEST)

    def get_queryset(self):
        language = get_language()
        # Filtered or not, any public change in the language may change what it lists, and
        # the filter form lists the terms.
        cache_tags.shows(cache_tags.listing(language), cache_tags.TERMS)
        articles = Article.objects.public(language)
        if self.form.is_bound:
            if not self.form.is_valid():
                return articles.none()
            articles = self.form.filter(articles)
        return articles.for_cards(language)

    def get_context_data(self, **kwargs):
        if self.form.is_bound and self.form.is_valid():
            # The language links keep the filters, their years and dates in each calendar.
            kwargs["alternates"] = {
                code: f"{i18n.url_in(code, 'articles:index')}?{self.form.query_in(code)}"
                for code in i18n.language_codes()
            }
        return super().get_context_data(form=self.form, **kwargs)


class ExpertDetailView(KeysetListView):
    """An expert's profile and their public pieces in this language."""

    template_name = "experts/detail.html"

    def get(self, request, *args, **kwargs):
        self.expert = get_object_or_404(
            Expert.objects.with_translation(get_language()), slug=kwargs["slug"]
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        language = get_language()
        scope = cache_tags.of(self.expert)
        # The most frequent topics are of the expert's pieces: the scope covers them.
        cache_tags.shows(scope, cache_tags.listing(language, scope), cache_tags.TERMS)
        return Article.objects.public(language).written_by(self.expert).for_cards(language)

    def get_context_data(self, **kwargs):
        language = get_language()
        expert = self.expert
        return super().get_context_data(
            expert=expert,
            # A link whose address is not safe to follow (see ExpertLink.href) is left out.
            links=[link for link in expert.links.all() if link.href],
            top_topics=self.top_topics(language),
            alternates=self.alternates,
            x_default=self.alternates[i18n.default_language(self.alternates)],
            **kwargs,
        )

    def top_topics(self, language: str, limit: int = 5, recent: int = 200) -> list:
        """
        The topics of the expert's latest `recent` public pieces in language, most
        frequent first (a bounded window keeps the count cheap for prolific authors).
        """
        latest = (
            Article.objects.public(language)
            .filter(authorships__expert=self.expert)
            .order_by("-published_at", "-pk")
            .values("pk")[:recent]
        )
        counts = dict(
            Article.topics.through.objects.filter(article__in=latest)
            .values_list("topic")
            .annotate(pieces=Count("article"))
            .order_by("-pieces", "topic")[:limit]
        )
        topics = Topic.objects.with_translation(language).filter(pk__in=counts)
        return sorted(topics, key=lambda topic: (-counts[topic.pk], topic.position))

    @cached_property
    def alternates(self) -> dict[str, str]:
        expert = self.expert
        languages = set(expert.translations.values_list("language_code", flat=True))
        return {
            code: i18n.url_in(code, "experts:detail", slug=expert.slug)
            for code in i18n.language_codes()
            if code in languages
        }
