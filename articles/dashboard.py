"""
The numbers and work lists of the translation dashboard (articles.admin_dashboard).

Every figure comes from a constant number of grouped queries, whatever the number of
articles: one count and one GROUP BY over the translations for the articles, the same
for each kind of expert or term. Withdrawn articles are left out: nobody translates them.
"""

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core import i18n
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic
from translations.models import outdated_q

from .models import Article, ArticleTranslation, State

MISSING, OUTDATED = "missing", "outdated"
ARTICLE_STATES = [*State.values, MISSING]
#: The other translated content: (key, model, label). Source language: the site's.
TERM_KINDS = [
    ("experts", Expert, _("Experts")),
    ("topics", Topic, _("Topics")),
    ("regions", Region, _("Regions and countries")),
    ("types", ArticleType, _("Content types")),
]
WORK_STATUSES = [
    (MISSING, _("Missing")),
    (State.DRAFT, _("Draft")),
    (OUTDATED, _("Outdated")),
]


def languages() -> list[str]:
    return i18n.language_codes()


def article_counts() -> dict[str, dict[str, int]]:
    """
    Return {language: {"published", "review", "draft", "missing", "outdated", "total"}}
    over the articles that are not withdrawn. "outdated" counts translations in any state.
    """
    total = Article.objects.filter(is_withdrawn=False).count()
    counts = {
        code: {"total": total, OUTDATED: 0, **dict.fromkeys(State.values, 0)}
        for code in languages()
    }
    rows = (
        ArticleTranslation.objects.filter(master__is_withdrawn=False)
        .values("language_code", "state")
        .annotate(n=Count("pk"), outdated=Count("pk", filter=outdated_q(Article)))
        .order_by()
    )
    for row in rows:
        if row["language_code"] in counts and row["state"] in State.values:
            counts[row["language_code"]][row["state"]] += row["n"]
            counts[row["language_code"]][OUTDATED] += row["outdated"]
    for figures in counts.values():
        figures[MISSING] = total - sum(figures[state] for state in State.values)
    return counts


def term_counts(model) -> dict[str, dict[str, int]]:
    """Return {language: {"translated", "missing", "outdated", "total"}} for a kind of term."""
    total = model.objects.count()
    counts = {code: {"total": total, "translated": 0, OUTDATED: 0} for code in languages()}
    rows = (
        model._parler_meta.root_model.objects.values("language_code")
        .annotate(n=Count("pk"), outdated=Count("pk", filter=outdated_q(model)))
        .order_by()
    )
    for row in rows:
        if row["language_code"] in counts:
            counts[row["language_code"]].update(translated=row["n"], outdated=row["outdated"])
    for figures in counts.values():
        figures[MISSING] = total - figures["translated"]
    return counts


def article_work(language: str, *, topic=None, article_type=None, status=None):
    """
    Return the articles to translate into language, newest published source first: the
    source text is published, and the translation is missing, a draft, or outdated.
    """
    translation = ArticleTranslation.objects.filter(master=OuterRef("pk"), language_code=language)
    # Not outdated (outdated_q, against the outer article: language is not its source).
    up_to_date = Q(made_from_version__gte=OuterRef("source_version"))
    source_published = ArticleTranslation.objects.filter(
        master=OuterRef("pk"), language_code=OuterRef("source_language"), state=State.PUBLISHED
    )
    settled = translation.filter(up_to_date, state__in=[State.REVIEW, State.PUBLISHED])
    articles = (
        Article.objects.filter(is_withdrawn=False, published_at__isnull=False)
        .exclude(source_language=language)
        .filter(Exists(source_published))
        .exclude(Exists(settled))
    )
    if status == MISSING:
        articles = articles.exclude(Exists(translation))
    elif status == State.DRAFT:
        articles = articles.filter(Exists(translation.filter(state=State.DRAFT)))
    elif status == OUTDATED:
        articles = articles.filter(Exists(translation.exclude(up_to_date)))
    if topic is not None:
        articles = articles.filter(topics=topic)
    if article_type is not None:
        articles = articles.filter(article_type=article_type)
    return articles.order_by("-published_at", "-id")


def term_work(model, language: str):
    """Return the experts or terms (model) missing or outdated in language."""
    if language == settings.LANGUAGE_CODE:
        return model.objects.none()  # The source language: nothing to translate.
    up_to_date = model._parler_meta.root_model.objects.filter(
        master=OuterRef("pk"),
        language_code=language,
        made_from_version__gte=OuterRef("source_version"),
    )
    return model.objects.exclude(Exists(up_to_date))
