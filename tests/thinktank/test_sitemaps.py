"""The multilingual sitemap index, its sections and pages, and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import State
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory
from thinktank import sitemaps

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def fetch_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def entries(client, section):
    """Return {loc: {"lastmod": str|None, "alternates": {hreflang: href}}} over every page."""
    found = {}
    index = fetch_xml(client, "/sitemap.xml")
    urls = [loc.text for loc in index.iter(f"{SM}loc") if f"/sitemap-{section}.xml" in loc.text]
    assert urls, f"the index lists no {section} sitemap"
    for url in urls:
        for entry in fetch_xml(client, path_of(url)).findall(f"{SM}url"):
            loc = entry.findtext(f"{SM}loc")
            assert loc not in found, f"{loc} listed twice"
            alternates = {}
            for link in entry.findall(f"{XHTML}link"):
                assert link.get("rel") == "alternate"
                alternates[link.get("hreflang")] = link.get("href")
            found[loc] = {"lastmod": entry.findtext(f"{SM}lastmod"), "alternates": alternates}
    return found


def assert_symmetric(found):
    """Every entry's alternates point back at it, and each is itself an entry with the same set."""
    for loc, info in found.items():
        alternates = info["alternates"]
        assert loc in alternates.values(), f"{loc} does not list itself"
        assert alternates["x-default"] in alternates.values()
        for language, href in alternates.items():
            assert href in found, f"{loc} names {href} ({language}), which has no entry"
            assert found[href]["alternates"] == alternates, f"{href} does not point back to {loc}"


@pytest.fixture
def articles():
    now = timezone.now()
    return {
        "all": ArticleFactory(languages={"en": {"slug": "all-three"}, "ar": "published",
                                         "fa": "published"}),
        "arabic_source": ArticleFactory(
            source_language="ar",
            languages={"en": {"slug": "arabic-source"}, "ar": {"slug": "masdar-arabi"}},
        ),
        "farsi_in_review": ArticleFactory(
            languages={
                "en": {"slug": "farsi-in-review"},
                "fa": {"slug": "barresi", "state": State.REVIEW},
            }
        ),
        "draft": ArticleFactory(languages={"en": {"slug": "a-draft", "state": State.DRAFT}}),
        "withdrawn": ArticleFactory(is_withdrawn=True, languages={"en": {"slug": "withdrawn"}}),
        "scheduled": ArticleFactory(
            published_at=now + timedelta(days=1), languages={"en": {"slug": "scheduled"}}
        ),
    }  # fmt: skip


def test_robots_txt_keeps_admin_and_previews_out_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /preview/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_index_lists_every_section(client):
    index = fetch_xml(client, "/sitemap.xml")
    assert index.tag == f"{SM}sitemapindex"
    locs = [loc.text for loc in index.iter(f"{SM}loc")]
    assert locs == [f"http://testserver/sitemap-{section}.xml" for section in sitemaps.SITEMAPS]


def test_article_sitemap_lists_every_public_translation_and_nothing_else(client, articles):
    found = entries(client, "articles")
    slug = {
        code: articles["all"].translations.get(language_code=code).slug for code in ("ar", "fa")
    }
    assert {path_of(loc) for loc in found} == {
        "/policy-analysis/all-three",
        f"/ar/policy-analysis/{slug['ar']}",
        f"/fa/policy-analysis/{slug['fa']}",
        "/policy-analysis/arabic-source",
        "/ar/policy-analysis/masdar-arabi",
        "/policy-analysis/farsi-in-review",
    }
    every_href = {href for info in found.values() for href in info["alternates"].values()}
    for hidden in ["barresi", "a-draft", "withdrawn", "scheduled"]:
        assert not any(hidden in href for href in every_href), hidden


def test_article_alternates_are_symmetric_with_the_source_as_x_default(client, articles):
    found = entries(client, "articles")
    assert_symmetric(found)
    arabic_source = found["http://testserver/ar/policy-analysis/masdar-arabi"]["alternates"]
    assert arabic_source == {
        "en": "http://testserver/policy-analysis/arabic-source",
        "ar": "http://testserver/ar/policy-analysis/masdar-arabi",
        "x-default": "http://testserver/ar/policy-analysis/masdar-arabi",
    }
    alone = found["http://testserver/policy-analysis/farsi-in-review"]["alternates"]
    assert alone == {
        "en": "http://testserver/policy-analysis/farsi-in-review",
        "x-default": "http://testserver/policy-analysis/farsi-in-review",
    }


def test_article_lastmod_is_never_before_publication(client, articles):
    found = entries(client, "articles")
    article = articles["all"]
    assert found["http://testserver/policy-analysis/all-three"]["lastmod"] == max(
        article.updated_at, article.published_at
    ).strftime("%Y-%m-%d")


def test_expert_and_term_sitemaps_list_each_language_version_symmetrically(client):
    ExpertFactory(names={"en": "Michael Harper"}, languages=("en", "ar"))
    TopicFactory(names={"en": "Energy"})
    RegionFactory(names={"en": "Gulf"}, languages=("en", "fa"))
    ArticleTypeFactory(names={"en": "Podcast"}, languages=("en",))

    experts = entries(client, "experts")
    assert set(experts) == {
        "http://testserver/experts/michael-harper",
        "http://testserver/ar/experts/michael-harper",
    }
    assert experts["http://testserver/ar/experts/michael-harper"]["lastmod"]
    assert_symmetric(experts)
    topics = entries(client, "topics")
    assert len(topics) == 3
    assert_symmetric(topics)
    regions = entries(client, "regions")
    assert {urlsplit(loc).path.split("/")[1] for loc in regions} == {"policy-analysis", "fa"}
    assert_symmetric(regions)
    [podcast] = entries(client, "types").values()
    assert podcast["alternates"] == {
        "en": "http://testserver/policy-analysis/podcast",
        "x-default": "http://testserver/policy-analysis/podcast",
    }


def test_page_sitemap_lists_the_fixed_pages_in_every_language(client):
    pages = entries(client, "pages")
    assert {path_of(loc) for loc in pages} == {
        prefix + path
        for prefix in ("", "/ar", "/fa")
        for path in ("/", "/policy-analysis/", "/experts/", "/events/", "/events/past/")
    }
    assert_symmetric(pages)


@override_settings(PAGE_CACHE_SECONDS=0)  # count the queries of building each page
def test_large_sections_are_paginated_and_every_page_costs_the_same_queries(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 4)
    for _ in range(5):
        ArticleFactory(languages={"en": "published", "ar": "published", "fa": "published"})
    index = fetch_xml(client, "/sitemap.xml")
    locs = [loc.text for loc in index.iter(f"{SM}loc") if "sitemap-articles" in loc.text]
    assert locs == [
        "http://testserver/sitemap-articles.xml",
        *(f"http://testserver/sitemap-articles.xml?p={n}" for n in range(2, 5)),
    ]
    found = entries(client, "articles")
    assert len(found) == 15
    assert_symmetric(found)  # items whose versions straddle two pages too

    counts = set()
    for url in locs:
        with CaptureQueriesContext(connection) as queries:
            fetch_xml(client, path_of(url))
        counts.add(len(queries))
    assert counts == {3}  # count, the page's rows, their alternates
    assert client.get("/sitemap-articles.xml?p=9").status_code == 404
    assert client.get("/sitemap-articles.xml?p=x").status_code == 404


@override_settings(PAGE_CACHE_SECONDS=0)
def test_sitemap_index_query_count_does_not_grow_with_content(client):
    def index_queries():
        with CaptureQueriesContext(connection) as queries:
            fetch_xml(client, "/sitemap.xml")
        return len(queries)

    ArticleFactory()
    before = index_queries()
    for _ in range(3):
        ArticleFactory(authors=[ExpertFactory()], topics=[TopicFactory()])
    assert index_queries() == before
