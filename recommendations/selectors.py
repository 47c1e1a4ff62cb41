"""Read the recommendations of an article page: one query, then a choice in Python."""

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from articles.models import public_q
from core import cache_tags
from translations.compiled import CompiledQuery

from . import weights
from .models import Recommendation

DISPLAY_FIELDS = [
    "article_id",
    "language",
    "is_pinned",
    "rank",
    "candidate_id",
    "candidate_language",
    "score",
    "type_name",
    "authors",
]


def stored(article_id: int, language: str, now=None):
    """
    The stored rows of a page that readers may see now (the visibility rule, at read time),
    with the candidate's title, slug and date joined in: one query.
    """
    visible = public_q(None, translation="candidate_translation__", article="candidate__", now=now)
    return (
        Recommendation.objects.filter(article_id=article_id, language=language)
        .filter(visible)
        .only(*DISPLAY_FIELDS)
        .annotate(
            title=F("candidate_translation__title"),
            slug=F("candidate_translation__slug"),
            published_at=F("candidate__published_at"),
        )
        .order_by("-is_pinned", "rank")
    )


def pick(rows, count: int | None = None) -> list[Recommendation]:
    """
    Choose what the block shows: pins in order, then the best in the page's language, then
    (only if still short) the best in the source language; never one piece twice, and a
    piece loses DIVERSITY points for each piece already chosen that shares an author.
    """
    count = settings.RECOMMENDATIONS_COUNT if count is None else count
    rows = sorted(rows, key=lambda r: (not r.is_pinned, r.rank))
    chosen = [r for r in rows if r.is_pinned][:count]
    seen = {r.candidate_id for r in chosen}
    for fallback in (False, True):
        pool = [
            r
            for r in rows
            if not r.is_pinned and r.is_fallback == fallback and r.candidate_id not in seen
        ]
        while len(chosen) < count and pool:

            def effective(row):
                overlap = sum(1 for c in chosen if c.author_slugs & row.author_slugs)
                return row.score - weights.DIVERSITY * overlap

            best = max(pool, key=lambda r: (effective(r), -r.rank))
            chosen.append(best)
            seen.add(best.candidate_id)
            pool = [r for r in pool if r.candidate_id not in seen]
    return chosen


# stored() as the article page runs it: compiled once per language (translations.compiled).
STORED = CompiledQuery(lambda language, article, now: stored(article, language, now=now))


def recommended(article, language: str, count: int | None = None) -> list[Recommendation]:
    """
    Return the pieces the "Recommended" block of article's page in language shows, and
    record what the page then shows (core.cache_tags): the stored lists, and each piece.
    """
    chosen = pick(STORED(language, article=article.pk, now=timezone.now()), count)
    cache_tags.shows(cache_tags.recommendations(article.pk))
    cache_tags.shows(*(cache_tags.article(row.candidate_id) for row in chosen))
    return chosen
