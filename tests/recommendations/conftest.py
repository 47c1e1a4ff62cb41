import pytest

from recommendations.models import Recommendation
from recommendations.services import recommendations_rebuild
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, TopicFactory


@pytest.fixture
def rebuild(db):
    """Rebuild every list and return {(article id, language): [candidate ids in order]}."""

    def run():
        recommendations_rebuild()
        return stored_lists()

    return run


def stored_lists():
    lists = {}
    for row in Recommendation.objects.order_by("article_id", "language", "-is_pinned", "rank"):
        lists.setdefault((row.article_id, row.language), []).append(row.candidate_id)
    return lists


def row(article, candidate, language="en"):
    return Recommendation.objects.get(article=article, candidate=candidate, language=language)


@pytest.fixture
def topic(db):
    return TopicFactory()


@pytest.fixture
def make(db, topic):
    """Create an article related to the others through `topic` unless told otherwise."""

    def create(**kwargs):
        kwargs.setdefault("topics", [topic])
        return ArticleFactory(**kwargs)

    return create


__all__ = ["ArticleTypeFactory", "ExpertFactory", "row", "stored_lists"]
