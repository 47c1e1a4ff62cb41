"""RSS and Atom feeds: per language, per subject, public items only."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import State
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db

DC = "{http://purl.org/dc/elements/1.1/}"
ATOM = "{http://www.w3.org/2005/Atom}"


def rss(client, url):
    """Fetch an RSS feed; return its <channel> after checking it is well-formed XML."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]


@pytest.fixture
def pieces():
    """Articles in every state, in English and Arabic, with authors and terms."""
    english_arabic = ("en", "ar")
    harper = ExpertFactory(
        languages=english_arabic, names={"en": "Michael Harper", "ar": "مايكل هاربر"}
    )
    karimi = ExpertFactory(
        languages=english_arabic, names={"en": "Leila Karimi", "ar": "ليلى كريمي"}
    )
    energy = TopicFactory(languages=english_arabic, names={"en": "Energy", "ar": "الطاقة"})
    iran = RegionFactory(languages=english_arabic, names={"en": "Iran", "ar": "إيران"})
    now = timezone.now()
    both = ArticleFactory(
        published_at=now - timedelta(days=1),
        authors=[harper, karimi],
        topics=[energy],
        regions=[iran],
        languages={
            "en": {"title": "Both languages", "slug": "both", "summary": "Oil & <gas>."},
            "ar": {"title": "باللغتين"},
        },
    )
    english_only = ArticleFactory(
        published_at=now - timedelta(days=2),
        authors=[karimi],
        languages={
            "en": {"title": "English only"},
            "ar": {"title": "قيد المراجعة", "state": "review"},
        },
    )
    ArticleFactory(languages={"en": {"title": "A draft", "state": State.DRAFT}})
    ArticleFactory(is_withdrawn=True, languages={"en": "published", "ar": "published"})
    ArticleFactory(published_at=now + timedelta(days=1), languages={"en": "published"})
    return {"both": both, "english_only": english_only, "energy": energy, "iran": iran,
            "harper": harper, "karimi": karimi}  # fmt: skip


def test_feed_holds_exactly_the_public_pieces_of_its_language(client, pieces):
    assert titles(rss(client, "/feeds/rss")) == ["Both languages", "English only"]
    assert titles(rss(client, "/ar/feeds/rss")) == ["باللغتين"]


def test_rss_items_carry_summary_authors_date_link_and_categories(client, pieces):
    channel = rss(client, "/ar/feeds/rss")
    assert channel.findtext("language") == "ar"
    assert channel.findtext("link") == "http://testserver/ar/policy-analysis/"
    [item] = channel.findall("item")
    arabic_slug = pieces["both"].translations.get(language_code="ar").slug
    assert item.findtext("link") == f"http://testserver/ar/policy-analysis/{arabic_slug}"
    assert item.findtext("description") == "باللغتين — summary"
    assert [c.text for c in item.findall(f"{DC}creator")] == ["مايكل هاربر", "ليلى كريمي"]
    assert [c.text for c in item.findall("category")] == ["الطاقة", "إيران"]
    published = pieces["both"].published_at.replace(microsecond=0)
    assert item.findtext("pubDate").endswith(published.strftime("%d %b %Y %H:%M:%S +0000"))
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("guid").endswith(f":article/{pieces['both'].pk}/ar")


def test_summaries_are_escaped_as_html_text(client, pieces):
    parsed = feedparser.parse(client.get("/feeds/rss").content)
    assert parsed.entries[0].summary == "Oil &amp; &lt;gas&gt;."
    assert parsed.entries[0].title == "Both languages"


def test_atom_feed_validates_and_names_every_author_with_their_page(client, pieces):
    response = client.get("/ar/feeds/atom")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    [entry] = parsed.entries
    assert entry.title == "باللغتين"
    assert [a.name for a in entry.authors] == ["مايكل هاربر", "ليلى كريمي"]
    assert entry.authors[0].href == "http://testserver/ar/experts/michael-harper"
    assert [t.term for t in entry.tags] == ["الطاقة", "إيران"]
    assert entry.published_parsed and entry.updated_parsed


def test_rss_feed_parses_cleanly_with_feedparser(client, pieces):
    parsed = feedparser.parse(client.get("/feeds/rss").content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "rss20"
    assert parsed.feed.language == "en"
    assert [a.name for a in parsed.entries[0].authors] == ["Michael Harper", "Leila Karimi"]


def test_topic_region_type_and_expert_feeds_hold_their_own_pieces(client, pieces):
    energy, iran = pieces["energy"], pieces["iran"]
    tehran = RegionFactory(parent=iran, names={"en": "Tehran"})
    kind = ArticleTypeFactory(names={"en": "Podcast"})
    ArticleFactory(regions=[tehran], languages={"en": {"title": "In a country"}})
    ArticleFactory(article_type=kind, languages={"en": {"title": "A podcast"}})
    ArticleFactory(topics=[energy], languages={"en": {"title": "Energy draft", "state": "draft"}})

    assert titles(rss(client, f"/feeds/topic/{energy.slug}/rss")) == ["Both languages"]
    assert titles(rss(client, f"/feeds/region/{iran.slug}/rss")) == [
        "In a country",
        "Both languages",
    ]
    assert titles(rss(client, f"/feeds/type/{kind.slug}/rss")) == ["A podcast"]
    assert titles(rss(client, "/feeds/expert/leila-karimi/rss")) == [
        "Both languages",
        "English only",
    ]
    assert titles(rss(client, "/ar/feeds/expert/leila-karimi/rss")) == ["باللغتين"]
    arabic_energy = energy.translations.get(language_code="ar").slug
    assert titles(rss(client, f"/ar/feeds/topic/{arabic_energy}/rss")) == ["باللغتين"]


def test_subject_feeds_are_titled_and_linked_to_the_subject_page(client, pieces):
    channel = rss(client, f"/feeds/topic/{pieces['energy'].slug}/rss")
    assert channel.findtext("title") == "Energy · The Institute"
    assert channel.findtext("link") == f"http://testserver/policy-analysis/{pieces['energy'].slug}"
    expert = rss(client, "/feeds/expert/michael-harper/rss")
    assert expert.findtext("link") == "http://testserver/experts/michael-harper"
    assert "Michael Harper" in expert.findtext("description")


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/topic/no-such-topic/rss",
        "/feeds/region/no-such-region/atom",
        "/feeds/expert/no-such-expert/rss",
        "/feeds/podcast/anything/rss",
        "/feeds/rss.xml",
        "/fa/feeds/topic/energy/rss",  # the topic has no Farsi version
        "/fa/feeds/expert/michael-harper/rss",  # nor the expert
        "/ar/feeds/topic/energy/rss",  # the English slug is not the Arabic one
    ],
)
def test_unknown_subjects_and_missing_languages_are_not_found(client, pieces, url):
    assert client.get(url).status_code == 404


@override_settings(FEED_ITEMS=2)
def test_a_feed_holds_the_newest_pieces_up_to_its_length(client):
    for day in range(1, 5):
        ArticleFactory(
            published_at=datetime(2025, 1, day, tzinfo=UTC),
            languages={"en": {"title": f"Day {day}"}},
        )
    assert titles(rss(client, "/feeds/rss")) == ["Day 4", "Day 3"]


def feed_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@override_settings(PAGE_CACHE_SECONDS=0)  # count the queries of building the feed
@pytest.mark.parametrize("url", ["/feeds/rss", "/feeds/topic/{topic}/atom", "/ar/feeds/rss"])
def test_feed_query_count_does_not_depend_on_its_items(client, url):
    topic = TopicFactory()
    url = url.format(topic=topic.slug)

    def piece():
        return ArticleFactory(
            authors=[ExpertFactory(), ExpertFactory()],
            topics=[topic, TopicFactory()],
            regions=[RegionFactory()],
            languages={"en": "published", "ar": "published"},
        )

    piece()
    one = feed_queries(client, url)
    for _ in range(4):
        piece()
    assert feed_queries(client, url) == one


def test_pages_link_their_feeds_in_the_head(client, pieces):
    energy = pieces["energy"]
    home = client.get("/ar/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in home
    assert 'href="/ar/feeds/rss"' in home and 'href="/ar/feeds/atom"' in home
    topic = client.get(f"/policy-analysis/{energy.slug}").content.decode()
    head = topic[: topic.index("</head>")]
    rss_link = f'title="Energy · The Institute (RSS)" href="/feeds/topic/{energy.slug}/rss"'
    atom_link = f'title="Energy · The Institute (Atom)" href="/feeds/topic/{energy.slug}/atom"'
    assert f'type="application/rss+xml" {rss_link}' in head
    assert f'type="application/atom+xml" {atom_link}' in head
    expert = client.get("/experts/michael-harper").content.decode()
    assert 'href="/feeds/expert/michael-harper/rss"' in expert[: expert.index("</head>")]
    assert 'href="/feeds/rss"' in client.get("/policy-analysis/").content.decode()
