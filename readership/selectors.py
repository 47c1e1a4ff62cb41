"""Read the counts: "Most read" per language."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F, FilteredRelation, Q, Sum
from django.utils import timezone

from articles.models import Article
from core.i18n import url_in

from .models import DailyViews


@dataclass(frozen=True)
class MostRead:
    article_id: int
    title: str
    url: str
    views: int


def most_read(
    language: str, days: int = 7, limit: int = 5, topic=None, region=None, *, today=None
) -> list[MostRead]:
    """
    Return the pieces public in language read most there in the last days (today
    included), most views first, under topic and region (with its countries) if given.
    One query: the visibility rule (Article.objects.public) applied when it runs.
    """
    today = today or timezone.localdate()
    public = Article.objects.public(language)
    for term in (topic, region):
        if term is not None:
            public = public.filed_under(term)
    rows = (
        DailyViews.objects.filter(
            language=language,
            day__gt=today - timedelta(days=days),
            article__in=public.values("pk"),
        )
        .annotate(
            text=FilteredRelation(
                "article__translations",
                condition=Q(article__translations__language_code=language),
            )
        )
        .values("article_id", title=F("text__title"), slug=F("text__slug"))
        .annotate(total=Sum("views"))
        .order_by("-total", "article_id")[:limit]
    )
    return [
        MostRead(
            article_id=row["article_id"],
            title=row["title"],
            url=url_in(language, "articles:resolve", slug=row["slug"]),
            views=row["total"],
        )
        for row in rows
    ]
