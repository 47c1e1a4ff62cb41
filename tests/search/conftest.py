import pytest

from search.engine import search as run_search
from search.query import parse
from tests.articles.factories import ArticleFactory


@pytest.fixture
def find():
    """Return the titles that a search in language finds, best first."""

    def find(text, language="en", **options):
        results = run_search(language=language, query=parse(text, language), **options)
        return [hit.article.get_translation(language).title for hit in results.hits]

    return find


@pytest.fixture
def piece():
    """Create a published article with one translation per given language."""

    def piece(title=None, language="en", *, state="published", **fields):
        spec = {"title": title, "state": state, **fields}
        if title is None:
            del spec["title"]
        shared = ("published_at", "authors", "topics", "regions", "article_type")
        extra = {k: spec.pop(k) for k in shared if k in spec}
        return ArticleFactory(languages={language: spec}, **extra)

    return piece
