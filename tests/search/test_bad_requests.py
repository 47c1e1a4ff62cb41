"""/search/ with parameters that no link or form of the site sends: a 400 page, never a 500."""

import pytest

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(languages={"en": {"title": "Iran and the deal"}})


@pytest.mark.parametrize(
    "query",
    [
        "q=iran&sort=%00",
        "q=iran&page=%00",
        "q=iran&sort=abc%00def",
        "q=iran&page=abc%00def",
        "sort=%00",
        "q=iran&sort=date&sort=%00",  # the last of repeated values counts
        "q=iran&page=1&page=%00",
    ],
)
@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/ar", "ar"), ("/fa", "fa")])
def test_a_nul_in_the_sort_or_page_is_a_bad_request_page(client, article, query, prefix, language):
    response = client.get(f"{prefix}/search/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert 'class="site-header"' in html  # the site's page, not Django's bare one
    if language == "en":
        assert "This address cannot be read" in html
    assert "and the deal" not in html  # no results


@pytest.mark.parametrize(
    "query", ["q=iran%00deal", "q=%00iran", "q=iran&topic=%00", "q=iran&year=abc%00def"]
)
def test_a_nul_in_the_text_or_a_filter_is_read_leniently(client, article, query):
    response = client.get(f"/search/?{query}")
    assert response.status_code == 200
    assert "1 result" in response.content.decode()


def test_an_unknown_sort_or_page_still_falls_back_to_the_defaults(client, article):
    response = client.get("/search/?q=iran&sort=bogus&page=abc")
    assert response.status_code == 200
    assert response.context["sort"] == "relevance"
    assert response.context["results"].page == 1
