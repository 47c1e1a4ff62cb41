"""Pick realistic URLs for each page type from the seeded database."""

import random

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from articles.models import Article, ArticleTranslation
from core import i18n
from core.i18n import url_in
from core.pagination import AFTER, Position
from experts.models import Expert
from taxonomy.models import Topic

LANGUAGES = i18n.language_codes()
SEARCH_QUERIES = {
    "en": ["iran", "oil exports", "nuclear deal", "maritime security strait", "sanctions relief"],
    "ar": ["إيران", "صادرات النفط", "الاتفاق النووي", "الأمن البحري", "حزب الله"],
    "fa": ["ایران", "صادرات نفت", "توافق هسته‌ای", "امنیت دریایی", "تحریم‌ها"],
}


def articles(per_language=10):
    paths = []
    for language in LANGUAGES:
        ids = list(
            ArticleTranslation.objects.public(language).values_list("slug", flat=True)[:2000]
        )
        paths += [
            url_in(language, "articles:resolve", slug=slug)
            for slug in random.sample(ids, min(per_language, len(ids)))
        ]
    return paths


def listing_first_pages():
    return [
        url_in(language, "articles:resolve", slug=topic.slug)
        for language in LANGUAGES
        for topic in Topic.objects.with_translation(language)
    ]


def listing_page(number):
    """The all-analysis page `number` pages deep, in each language."""
    size = settings.LISTING_PAGE_SIZE
    paths = []
    for language in LANGUAGES:
        newest = Article.objects.public(language).order_by("-published_at", "-pk")
        before = newest[(number - 1) * size - 1 : (number - 1) * size].first()
        if before is None:
            continue
        paths.append(f"{url_in(language, 'articles:index')}?{AFTER}={Position.of(before).encode()}")
    return paths


def experts():
    return [
        url_in(language, "experts:detail", slug=expert.slug)
        for language in LANGUAGES
        for expert in Expert.objects.with_translation(language)[:10]
    ]


def homes():
    return [url_in(language, "home") for language in LANGUAGES]


def searches():
    return [
        f"{url_in(language, 'search:search')}?{urlencode({'q': query})}"
        for language in LANGUAGES
        for query in SEARCH_QUERIES[language]
    ]


def feeds():
    return [
        url_in(language, "feeds:all", fmt=fmt) for language in LANGUAGES for fmt in ("rss", "atom")
    ]


def page_paths() -> dict[str, list[str]]:
    return {
        "article": articles(),
        "listing_p1": listing_first_pages(),
        "listing_p1000": listing_page(1000),
        "expert": experts(),
        "home": homes(),
        "search": searches(),
        "feed": feeds(),
        "sitemap_index": [reverse("sitemap")],
        # The first page of the articles section: 10,000 URLs with their alternates.
        "sitemap_page": [reverse("sitemap_section", kwargs={"section": "articles"})],
    }
