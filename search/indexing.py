"""
Keep the search index in step with the content.

`index_articles()` recomputes the documents of some articles (in some languages)
from the database; everything else, the signals, the seed command and
`rebuild_search_index`, goes through it. Only published translations are indexed;
whether one may be shown *now* (publication time, withdrawal) is decided at search
time by the visibility rule, so scheduling needs no index write at all.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

from articles.models import Article, ArticleTranslation, Authorship, State
from core import calendars
from core.analysis import search_text
from core.html import html_to_text
from experts.models import ExpertTranslation
from taxonomy.models import ArticleTypeTranslation, RegionTranslation, TopicTranslation
from translations.models import fallback_order

from .models import SearchDocument, facet_key

BATCH_SIZE = 500

#: Sent with languages= (None: all) after documents were rewritten: what search pages list
#: may have changed, so the page cache listens (thinktank.subscribers).
index_changed = Signal()


def _names(model, ids: set[int], languages) -> dict[tuple[int, str], str]:
    """
    Return {(object id, language): name} for some objects in each of languages: the name
    in that language or, untranslated, the one the page shows instead (fallback_order),
    so that a piece is found by every name its page shows.
    """
    found: dict[int, dict[str, str]] = defaultdict(dict)
    rows = model.objects.filter(master_id__in=ids)
    for m, lang, name in rows.values_list("master_id", "language_code", "name"):
        found[m][lang] = name
    names = {}
    for m, by_language in found.items():
        for lang in languages:
            shown = next((c for c in fallback_order(lang) if c in by_language), None)
            if shown is not None:
                names[m, lang] = by_language[shown]
    return names


def published_year(published_at, language: str) -> int | None:
    """The year a document's year facet counts: in the calendar of its language."""
    return calendars.year_of(published_at, language) if published_at else None


def build_documents(article_ids: list[int], languages=None) -> list[SearchDocument]:
    """Return unsaved documents for the published translations of some articles."""
    translations = ArticleTranslation.objects.filter(
        master_id__in=article_ids, state=State.PUBLISHED
    )
    if languages:
        translations = translations.filter(language_code__in=languages)
    rows = list(
        translations.values_list("pk", "master_id", "language_code", "title", "summary", "body")
    )
    if not rows:
        return []
    ids = {row[1] for row in rows}
    articles = {
        pk: (type_id, published_at, withdrawn)
        for pk, type_id, published_at, withdrawn in Article.objects.filter(pk__in=ids).values_list(
            "pk", "article_type_id", "published_at", "is_withdrawn"
        )
    }
    types = {pk: values[0] for pk, values in articles.items()}
    authors = defaultdict(list)
    for article_id, expert_id in (
        Authorship.objects.filter(article_id__in=ids)
        .order_by("article_id", "position", "id")
        .values_list("article_id", "expert_id")
    ):
        authors[article_id].append(expert_id)
    topics, regions = defaultdict(list), defaultdict(list)
    for article_id, topic_id in Article.topics.through.objects.filter(
        article_id__in=ids
    ).values_list("article_id", "topic_id"):
        topics[article_id].append(topic_id)
    for article_id, region_id in Article.regions.through.objects.filter(
        article_id__in=ids
    ).values_list("article_id", "region_id"):
        regions[article_id].append(region_id)
    languages = {row[2] for row in rows}
    experts = _names(ExpertTranslation, {e for a in authors.values() for e in a}, languages)
    topic_names = _names(TopicTranslation, {t for a in topics.values() for t in a}, languages)
    region_names = _names(RegionTranslation, {r for a in regions.values() for r in a}, languages)
    type_names = _names(ArticleTypeTranslation, set(types.values()), languages)

    documents = []
    for pk, article_id, lang, title, summary, body in rows:

        def joined(names, keys, lang=lang):
            return "\n".join(names[(key, lang)] for key in keys if (key, lang) in names)

        terms = "\n".join(
            part
            for part in (
                joined(type_names, [types.get(article_id)]),
                joined(topic_names, topics[article_id]),
                joined(region_names, regions[article_id]),
            )
            if part
        )
        documents.append(
            SearchDocument(
                translation_id=pk,
                article_id=article_id,
                language_code=lang,
                state=State.PUBLISHED,
                article_type_id=articles[article_id][0],
                published_at=articles[article_id][1],
                year=published_year(articles[article_id][1], lang),
                is_withdrawn=articles[article_id][2],
                title=search_text(title, lang),
                summary=search_text(summary, lang),
                body=search_text(html_to_text(body), lang),
                people=search_text(joined(experts, authors[article_id]), lang),
                terms=search_text(terms, lang),
                facet_keys=[
                    *(facet_key("topic", pk) for pk in topics[article_id]),
                    *(facet_key("region", pk) for pk in regions[article_id]),
                    *(facet_key("expert", pk) for pk in authors[article_id]),
                ],
            )
        )
    return documents


def index_articles(article_ids: Iterable[int], languages: Iterable[str] | None = None) -> int:
    """
    Recompute the search documents of these articles, in languages (default: all).

    Drops the documents of translations that are no longer published or no longer
    exist; returns how many documents were written.
    """
    ids = sorted(set(article_ids))
    languages = sorted(set(languages)) if languages else None
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        documents = build_documents(batch, languages)
        stale = SearchDocument.objects.filter(article_id__in=batch)
        if languages:
            stale = stale.filter(language_code__in=languages)
        with transaction.atomic():
            # Delete and insert rather than update: SQLite's FTS triggers and
            # PostgreSQL's generated column both follow plain inserts.
            stale.delete()
            SearchDocument.objects.bulk_create(documents)
        written += len(documents)
    if ids:
        index_changed.send(sender=SearchDocument, languages=languages)
    return written


def index_translation(translation: ArticleTranslation) -> None:
    """Recompute the document of one article translation."""
    index_articles([translation.master_id], [translation.language_code])
