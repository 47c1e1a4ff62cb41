"""The "Recommended" block of an article page."""

from django.conf import settings

from .models import Article


def recommended(article: Article, language: str, limit: int | None = None) -> list[Article]:
    """
    Return pieces to recommend under article, public in language.

    A simple stand-in until the recommendations engine lands: the newest public
    pieces that share a topic with the article.
    """
    limit = limit or settings.RECOMMENDATIONS_COUNT
    topic_ids = [topic.pk for topic in article.topics.all()]
    return list(
        Article.objects.public(language)
        .filter(pk__in=Article.topics.through.objects.filter(topic__in=topic_ids).values("article"))
        .exclude(pk=article.pk)
        .for_cards(language)[:limit]
    )
