"""The /search/ page as readers get it, in each language, whatever they type."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "x" * 2000,
    '"',
    '"""',
    "'",
    "nuclear & deal | !iran",
    "a:* & (b | !c) <-> d <2> e",
    "&|!:*()",
    "!!",
    "-",
    "--",
    "- -",
    '-"',
    "*",
    "NEAR(a b)",
    "title:iran",
    "iran OR deal NOT oil",
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    "%_%",
    "\\",
    "\\'",
    "\x00",
    "iran\x00deal",
    "Iran إيران ایران \u200c\u200f",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "ـــ",
    "\u064b\u064c",
    " " * 50,
    "the the the",
]


@pytest.fixture
def corpus():
    expert = ExpertFactory(names={"en": "Dana Reed", "ar": "دانا ريد", "fa": "دانا رید"})
    topic = TopicFactory(names={"en": "Energy", "ar": "الطاقة", "fa": "انرژی"})
    region = RegionFactory(names={"en": "Gulf", "ar": "الخليج", "fa": "خلیج"})
    return [
        ArticleFactory(
            languages={
                "en": {"title": f"Iran and the nuclear deal {n}", "summary": "Oil and talks."},
                "ar": {"title": f"إيران والاتفاق النووي {n}"},
                "fa": {"title": f"ایران و توافق هسته‌ای {n}"},
            },
            authors=[expert],
            topics=[topic],
            regions=[region],
        )
        for n in range(3)
    ]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("prefix", ["", "/ar", "/fa"])
def test_hostile_queries_get_a_normal_page(client, corpus, text, prefix):
    response = client.get(f"{prefix}/search/", {"q": text})
    assert response.status_code == 200
    assert b'class="search-form"' in response.content


@pytest.mark.parametrize(
    "params",
    [
        {"topic": ["abc", "-1", "99999999999999999999999"]},
        {"topic": "987654", "type": "0", "year": "12"},
        {"expert": "1e3", "region": "１２"},
        {"page": "-1"},
        {"page": "999999999"},
        {"page": "x", "sort": "'; DROP"},
        {"year": ["2024"] * 500},
    ],
)
def test_unknown_filter_values_get_a_normal_page(client, corpus, params):
    response = client.get("/search/", {"q": "iran", **params})
    assert response.status_code == 200


def test_an_unknown_filter_value_is_dropped_not_applied(client, corpus):
    response = client.get("/search/", {"q": "iran", "topic": "987654"})
    assert response.context["results"].total == 3


def test_results_show_type_highlighted_title_snippet_date_and_authors(client, corpus):
    response = client.get("/search/", {"q": "nuclear"})
    html = response.content.decode()
    assert "<mark>nuclear</mark> deal" in html
    assert "Dana Reed" in html
    assert "<time datetime=" in html
    assert 'class="type-label"' in html
    assert "3 results" in html


@pytest.mark.parametrize(
    ("prefix", "lang", "direction", "query", "mark"),
    [
        ("", "en", "ltr", "nuclear", "<mark>nuclear</mark>"),
        ("/ar", "ar", "rtl", "ايران النووي", "<mark>إيران</mark>"),
        # Words found next to each other are one mark, on either database.
        ("/fa", "fa", "rtl", "توافق هسته‌اي", "<mark>توافق هسته‌ای</mark>"),
    ],
)
def test_each_language_has_its_page_language_and_direction(
    client, corpus, prefix, lang, direction, query, mark
):
    response = client.get(f"{prefix}/search/", {"q": query})
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert mark in html


def test_page_has_a_description_and_stays_out_of_search_engines(client, corpus):
    html = client.get("/search/", {"q": "nuclear"}).content.decode()
    assert """<meta name="description" content="Search the institute's analysis""" in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_the_result_count_stays_a_heading(client, corpus):
    html = client.get("/search/", {"q": "nuclear"}).content.decode()
    # The live region wraps the heading: role="status" on the h2 itself would take away
    # its heading role, and the result cards' h3 would follow the page's h1 directly.
    assert re.search(r'<div role="status">\s*<h2 id="search-results-heading"', html)


def test_interface_strings_are_translated(client, corpus):
    assert "نتائج" in client.get("/ar/search/", {"q": "النووي"}).content.decode()
    assert "نتیجه" in client.get("/fa/search/", {"q": "هسته‌ای"}).content.decode()
    assert "أحدث التحليلات" in client.get("/ar/search/").content.decode()


def test_facets_show_counts_and_filter(client, corpus):
    topic = corpus[0].topics.get()
    html = client.get("/search/", {"q": "iran"}).content.decode()
    assert f'name="topic" value="{topic.pk}"' in html
    assert 'Energy <span class="facet__count">(3)</span>' in html
    filtered = client.get("/search/", {"q": "iran", "topic": topic.pk})
    assert filtered.context["results"].total == 3
    assert f'value="{topic.pk}" checked' in filtered.content.decode()


def test_an_empty_query_shows_the_filters_and_the_latest_pieces(client, corpus):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Latest analysis" in response.content.decode()
    assert len(response.context["results"].hits) == 3
    assert response.context["facets"]
    assert "Oil and talks." in response.content.decode()  # summaries, as listings show


def test_highlighting_escapes_the_text_first(client):
    ArticleFactory(languages={"en": {"title": "<img src=x onerror=alert(1)> nuclear"}})
    html = client.get("/search/", {"q": "nuclear"}).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>nuclear</mark>" in html
    assert "<img src=x" not in html


def test_pages_link_to_each_other(client):
    for n in range(25):
        ArticleFactory(languages={"en": {"title": f"Oil report {n}"}})
    first = client.get("/search/", {"q": "oil"}).content.decode()
    assert 'rel="next" href="?q=oil&amp;page=2"' in first
    second = client.get("/search/", {"q": "oil", "page": 2})
    assert len(second.context["results"].hits) == 5


def test_the_query_count_does_not_grow_with_the_results(client, corpus):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/", {"q": "iran"}).status_code == 200
        return len(queries)

    few = count()
    for n in range(10):
        ArticleFactory(languages={"en": {"title": f"Iran report {n}"}})
    assert count() == few
    # The search statement (facets, total and page in one), the page's articles, their
    # types and authors, the highlights, the labels of the four term facets, the synonym
    # sets; PostgreSQL adds the two planner settings around the statement.
    assert few == (12 if connection.vendor == "postgresql" else 10)
