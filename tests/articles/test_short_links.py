"""/p/<id>: one short link per article, sending each reader to the best public version."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import State
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    """Written in Arabic, translated into English; the Farsi version is still in review."""
    return ArticleFactory(
        source_language="ar",
        languages={
            "ar": {"slug": "masdar"},
            "en": {"slug": "source-in-arabic"},
            "fa": {"slug": "dar-barresi", "state": State.REVIEW},
        },
    )


def target(client, url, accept_language=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get(url, **headers)
    assert response.status_code == 302, response.status_code
    return response["Location"]


def test_a_prefixed_short_link_keeps_the_readers_language(client, article):
    assert target(client, f"/ar/p/{article.pk}") == "/ar/policy-analysis/masdar"


def test_a_prefixed_short_link_wins_over_accept_language(client, article):
    assert target(client, f"/ar/p/{article.pk}", "en-US,en;q=0.9") == "/ar/policy-analysis/masdar"


def test_without_a_public_version_in_the_prefix_language_accept_language_decides(client, article):
    assert target(client, f"/fa/p/{article.pk}", "fa-IR, en;q=0.8") == (
        "/policy-analysis/source-in-arabic"
    )


def test_accept_language_picks_the_readers_preferred_public_version(client, article):
    assert target(client, f"/p/{article.pk}", "en-GB,en;q=0.9,ar;q=0.8") == (
        "/policy-analysis/source-in-arabic"
    )
    assert target(client, f"/p/{article.pk}", "ar-EG") == "/ar/policy-analysis/masdar"
    # Farsi comes first, but its version is not public: the next language the reader reads.
    assert target(client, f"/p/{article.pk}", "fa;q=1, en;q=0.5, ar;q=0.7") == (
        "/ar/policy-analysis/masdar"
    )


@pytest.mark.parametrize("header", [None, "de-DE, fr;q=0.5", "*", "fa", "not a header;;;q=x"])
def test_otherwise_the_source_language_version(client, article, header):
    assert target(client, f"/p/{article.pk}", header) == "/ar/policy-analysis/masdar"


def test_when_the_source_version_is_not_public_another_public_one(client):
    article = ArticleFactory(
        source_language="fa",
        languages={"fa": {"state": State.DRAFT}, "ar": {"slug": "tarjama"}},
    )
    assert target(client, f"/p/{article.pk}") == "/ar/policy-analysis/tarjama"


def test_short_links_keep_the_query_string_and_vary_on_accept_language(client, article):
    response = client.get(f"/p/{article.pk}?utm_source=newsletter")
    assert response["Location"] == "/ar/policy-analysis/masdar?utm_source=newsletter"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    "change", [{"is_withdrawn": True}, {"published_at": timezone.now() + timedelta(days=1)}]
)
def test_an_article_with_no_public_version_is_not_found(client, article, change):
    for field, value in change.items():
        setattr(article, field, value)
    article.save()
    for url in (f"/p/{article.pk}", f"/ar/p/{article.pk}"):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/p/999999", "/p/abc", "/en/p/1", "/de/p/1", "/p/1/", "/p/"])
def test_unknown_or_malformed_short_links_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_the_article_page_shows_its_short_link(client, article):
    html = client.get("/ar/policy-analysis/masdar").content.decode()
    link = f"http://testserver/p/{article.pk}"
    assert f'<a href="{link}" dir="ltr">{link}</a>' in html
    english = client.get("/policy-analysis/source-in-arabic").content.decode()
    assert f'href="{link}"' in english  # the same link for every version
