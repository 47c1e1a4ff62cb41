import pytest

from tests.articles.factories import ArticleFactory


@pytest.fixture
def article(db):
    return ArticleFactory(
        languages={"en": {"slug": "oil-and-power"}, "ar": {"slug": "alnaft"}, "fa": "draft"}
    )


@pytest.fixture
def other(db):
    return ArticleFactory(languages={"en": {"slug": "gas-and-pipes"}, "ar": {"slug": "alghaz"}})
