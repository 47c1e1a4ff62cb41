"""Article pages point feed readers at their language's feeds, as the listings do."""

import feedparser
import pytest

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def head(client, url) -> str:
    html = client.get(url).content.decode()
    return html[: html.index("</head>")]


def test_an_article_page_links_the_feeds_of_its_language(client):
    ArticleFactory(languages={"en": {"slug": "khameneis-speech"}, "ar": {"slug": "khtab-khamnyy"}})
    english = head(client, "/policy-analysis/khameneis-speech")
    title = "Latest analysis · The Institute"
    rss = f'type="application/rss+xml" title="{title} (RSS)" href="/feeds/rss"'
    atom = f'type="application/atom+xml" title="{title} (Atom)" href="/feeds/atom"'
    assert f'<link rel="alternate" {rss}>' in english
    assert f'<link rel="alternate" {atom}>' in english
    arabic = head(client, "/ar/policy-analysis/khtab-khamnyy")
    assert 'type="application/rss+xml"' in arabic and 'href="/ar/feeds/rss"' in arabic
    assert 'type="application/atom+xml"' in arabic and 'href="/ar/feeds/atom"' in arabic
    assert 'href="/feeds/rss"' not in arabic


def test_the_linked_feed_carries_the_article(client):
    ArticleFactory(languages={"ar": {"slug": "khtab-khamnyy", "title": "خطاب خامنئي"}})
    page = head(client, "/ar/policy-analysis/khtab-khamnyy")
    assert 'href="/ar/feeds/rss"' in page
    feed = feedparser.parse(client.get("/ar/feeds/rss").content)
    assert [entry.title for entry in feed.entries] == ["خطاب خامنئي"]
