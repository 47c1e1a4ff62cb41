"""
Nothing a reader needs vanishes because something else is untranslated: an author, the
content type, a topic or a region without a name in the page's language is named in
English instead, marked with its own lang and dir, and links to a page of it that exists.
"""

import re
from datetime import UTC, datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import State
from search.engine import search
from search.query import parse
from tests.articles.factories import ArticleFactory
from tests.articles.test_citations import citation_text
from tests.articles.test_metadata import head
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db

PAGE = "/ar/policy-analysis/khitab"


@pytest.fixture
def carmi():
    """The seed's author, with no Arabic or Farsi translation yet."""
    return ExpertFactory(names={"en": "Omer Carmi"}, languages=("en",), slug="omer-carmi")


@pytest.fixture
def article(carmi):
    translated = ExpertFactory(names={"en": "Leila Karimi", "ar": "ليلى كريمي", "fa": "لیلا کریمی"})
    return ArticleFactory(
        article_type=ArticleTypeFactory(names={"en": "Brief Analysis"}, languages=("en",)),
        authors=[carmi, translated],
        topics=[TopicFactory(names={"en": "Proliferation"}, languages=("en",))],
        regions=[RegionFactory(names={"en": "Iran", "ar": "إيران", "fa": "ایران"})],
        published_at=datetime(2025, 3, 14, 12, tzinfo=UTC),
        languages={
            "en": {"title": "Khamenei's Speech", "slug": "khameneis-speech"},
            "ar": {"title": "خطاب خامنئي", "slug": "khitab"},
            "fa": {"title": "سخنرانی", "slug": "sokhanrani", "state": State.REVIEW},
        },
    )


def test_byline_names_an_untranslated_author_in_english_marked_as_english(client, article):
    html = client.get(PAGE).content.decode()
    byline = re.search(r'<p class="byline">(.*?)</p>', html, re.S).group(1)
    assert '<a href="/experts/omer-carmi" lang="en" dir="ltr">Omer Carmi</a>' in byline
    # The translated author is in Arabic, with no marking and their Arabic page.
    assert re.search(r'<a href="/ar/experts/[\w-]+">ليلى كريمي</a>', byline)


def test_the_link_goes_to_a_version_of_the_expert_page_that_exists(client, article):
    assert client.get("/ar/experts/omer-carmi").status_code == 404  # no Arabic page
    assert client.get("/experts/omer-carmi").status_code == 200


def test_about_the_authors_names_both_with_the_untranslated_bio_marked(client, article):
    html = client.get(PAGE).content.decode()
    about = re.search(r'<section class="about-authors".*?</section>', html, re.S).group(0)
    assert 'lang="en" dir="ltr">Omer Carmi</a>' in about
    assert '<span lang="en" dir="ltr">Omer Carmi: Fellow.</span>' in about
    assert "ليلى كريمي" in about


def test_type_and_terms_untranslated_are_shown_in_english_linking_to_their_listing(client, article):
    html = client.get(PAGE).content.decode()
    assert re.search(
        r'<p class="type-label"><a href="/policy-analysis/[\w-]+" lang="en" dir="ltr">'
        r"Brief Analysis</a></p>",
        html,
    )
    assert re.search(
        r'<a href="/policy-analysis/[\w-]+" lang="en" dir="ltr">Proliferation</a>', html
    )
    assert re.search(r'<a href="/ar/policy-analysis/[\w-]+">إيران</a>', html)
    listing = re.search(r'href="(/policy-analysis/[\w-]+)" lang="en" dir="ltr">Proliferation', html)
    assert client.get(listing.group(1)).status_code == 200


def test_json_ld_feed_and_citation_name_every_author(client, article):
    (data,) = [d for d in head(client, PAGE).json_ld if d.get("@type") == "Article"]
    assert [author["name"] for author in data["author"]] == ["Omer Carmi", "ليلى كريمي"]
    assert data["author"][0]["url"].endswith("/experts/omer-carmi")
    assert data["articleSection"] == "Brief Analysis"

    entry = feedparser.parse(client.get("/ar/feeds/atom").content).entries[0]
    assert [author["name"] for author in entry.authors] == ["Omer Carmi", "ليلى كريمي"]
    rss = client.get("/ar/feeds/rss").content.decode()
    assert "<dc:creator>Omer Carmi</dc:creator>" in rss

    assert "Omer Carmi" in citation_text(client, PAGE)


def test_card_in_an_arabic_listing_names_the_untranslated_author(client, article):
    html = client.get("/ar/policy-analysis/").content.decode()
    card = re.search(r'<span class="card__authors">(.*?)</span>\s*</p>', html, re.S).group(1)
    assert '<span lang="en" dir="ltr">Omer Carmi</span>' in card
    assert "ليلى كريمي" in card


def test_recommended_block_names_the_untranslated_author(client, article, carmi):
    ArticleFactory(
        authors=[carmi],
        topics=list(article.topics.all()),
        languages={"en": {"title": "Elsewhere"}, "ar": {"title": "مقال آخر", "slug": "akhar"}},
    )
    html = client.get("/ar/policy-analysis/akhar").content.decode()
    recommended = re.search(r'<section class="recommended".*?</section>', html, re.S).group(0)
    assert "خطاب خامنئي" in recommended
    assert '<span lang="en" dir="ltr">Omer Carmi</span>' in recommended


def test_arabic_search_finds_the_piece_by_the_name_its_page_shows(article):
    found = search(language="ar", query=parse("Carmi", "ar"))
    assert [hit.article.title for hit in found.hits] == ["خطاب خامنئي"]


def test_translating_the_author_puts_the_arabic_name_on_the_cached_page(client, article, carmi):
    assert "Omer Carmi" in client.get(PAGE).content.decode()  # now cached
    carmi.set_current_language("ar")
    carmi.name = "عومر كرمي"
    carmi.save()
    html = client.get(PAGE).content.decode()
    assert re.search(r'<a href="/ar/experts/omer-carmi">عومر كرمي</a>', html)
    assert "Omer Carmi" not in html
    found = search(language="ar", query=parse("كرمي", "ar"))
    assert [hit.article.title for hit in found.hits] == ["خطاب خامنئي"]


def test_untranslated_names_cost_the_page_no_extra_query(client, article, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0  # the whole page rendered each time, not its fragments
    client.get(PAGE)  # warm: compiled queries, caches
    with CaptureQueriesContext(connection) as untranslated:
        client.get("/ar/policy-analysis/khitab?fresh=1")
    carmi = article.authors.get(slug="omer-carmi")
    carmi.set_current_language("ar")
    carmi.name = "عومر كرمي"
    carmi.save()
    with CaptureQueriesContext(connection) as translated:
        client.get("/ar/policy-analysis/khitab?fresh=2")
    assert len(untranslated) == len(translated)


def test_an_author_only_in_farsi_is_named_in_farsi_on_the_arabic_page(client, article):
    farsi_only = ExpertFactory(names={"fa": "کارشناس فارسی"}, languages=("fa",), slug="farsi-only")
    article.authorships.create(expert=farsi_only, position=5)
    html = client.get(PAGE).content.decode()
    byline = re.search(r'<p class="byline">(.*?)</p>', html, re.S).group(1)
    assert '<a href="/fa/experts/farsi-only" lang="fa" dir="rtl">کارشناس فارسی</a>' in byline
