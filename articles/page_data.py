"""
What an article page loads, in compiled queries (translations.compiled): its public
language versions, then its type, authors, topics and regions in the page language (or,
where one is untranslated, in the site's language: none vanishes from the page).

The same rows, objects and order as `public_versions` through the ORM and
`prefetch_related_objects(article, *page_prefetches(language))` give, at a fraction of
the cost of building those querysets on every request.
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic
from translations.compiled import CompiledQuery

from .models import Article, ArticleTranslation, Attachment, Correction, public_q
from .models_events import place_json


def _any_of(model):
    """Whether the version of the row has any of model's rows (corrections, attachments)."""
    return Exists(
        model.objects.filter(article=OuterRef("master"), language_code=OuterRef("language_code"))
    )


# Every public translation of the article whose translation in `language` has `slug`.
VERSIONS = CompiledQuery(
    lambda language, slug, now: (
        ArticleTranslation.objects.filter(public_q(None, article="master__", now=now))
        .filter(master__translations__language_code=language, master__translations__slug=slug)
        # A podcast episode's audio and facts, an event's times and links, come with it
        # (joins, no query of their own), and an event's place in the language (a subquery).
        .select_related("master", "master__episode", "master__event")
        .annotate(event_place=place_json(language, article="master"))
        # Whether the page lists corrections and attachments: most have none, and need
        # no query for them.
        .annotate(has_corrections=_any_of(Correction), has_attachments=_any_of(Attachment))
    )
)
TYPE = CompiledQuery(
    lambda language, pk: ArticleType.objects.with_fallback_translation(language).filter(pk=pk)
)
AUTHORS = CompiledQuery(
    lambda language, article: (
        Expert.objects.with_fallback_translation(language)
        .filter(authorships__article=article)
        .order_by("authorships__position")
    )
)
TERMS = {
    "topics": CompiledQuery(
        lambda language, article: Topic.objects.with_fallback_translation(language).filter(
            articles=article
        )
    ),
    "regions": CompiledQuery(
        lambda language, article: Region.objects.with_fallback_translation(language).filter(
            articles=article
        )
    ),
}
RELATED_MODELS = {"authors": Expert, "topics": Topic, "regions": Region}


def public_versions(slug: str, language: str) -> dict[str, ArticleTranslation]:
    """
    Return {language: translation} for every public version of the article whose
    slug in language is slug, in one query; empty unless that version is public too.
    """
    rows = VERSIONS(language, slug=slug, now=timezone.now())
    for row in rows:
        event = getattr(row.master, "event", None)
        if event is not None:
            event.place_json = row.event_place  # For event_pages.event_context.
    versions = {row.language_code: row for row in rows}
    current = versions.get(language)
    return versions if current is not None and current.slug == slug else {}


def load_page_relations(article: Article, language: str) -> None:
    """
    Give article its type, authors (in byline order), topics and regions in language, as
    prefetch_related_objects with page_prefetches(language) would: `article.article_type`
    and `article.authors.all()` (and the others) answer from them without a query.
    """
    found = TYPE(language, pk=article.article_type_id) if article.article_type_id else []
    Article._meta.get_field("article_type").set_cached_value(article, found[0] if found else None)
    related = {
        "authors": AUTHORS(language, article=article.pk),
        **{name: query(language, article=article.pk) for name, query in TERMS.items()},
    }
    cache = article.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, objects in related.items():
        answered = RELATED_MODELS[name].objects.with_fallback_translation(language)
        answered._result_cache, answered._prefetch_done = objects, True
        cache[name] = answered


def forget_compiled() -> None:
    """Compile the page's queries again on their next use (tests that switch databases)."""
    for query in (VERSIONS, TYPE, AUTHORS, *TERMS.values()):
        query.forget()
