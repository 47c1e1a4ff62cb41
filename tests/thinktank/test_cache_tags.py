"""
Cache tags: a public change invalidates exactly the pages that show it, and each cached
response tells the edge what it shows.
"""

import re
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.test.utils import override_settings

from core import cache_tags
from recommendations.services import recommendations_refresh
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import RegionFactory, TopicFactory
from thinktank import page_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_corners():
    """Two unrelated pieces: different authors, topics and regions."""
    dana, omid = ExpertFactory(names={"en": "Dana Reed"}), ExpertFactory(names={"en": "Omid Sadr"})
    energy, water = TopicFactory(names={"en": "Energy"}), TopicFactory(names={"en": "Water"})
    gulf = RegionFactory(names={"en": "Gulf"})
    iraq = RegionFactory(names={"en": "Iraq"}, parent=gulf)
    oil = ArticleFactory(
        authors=[dana],
        topics=[energy],
        regions=[iraq],
        languages={"en": {"title": "Oil and power", "slug": "oil"}, "ar": "draft"},
    )
    dams = ArticleFactory(
        authors=[omid], topics=[water], languages={"en": {"title": "Dams", "slug": "dams"}}
    )
    return {"oil": oil, "dams": dams}


OIL_PAGES = [
    "/policy-analysis/oil",
    "/policy-analysis/energy",
    "/policy-analysis/iraq",
    "/policy-analysis/gulf",  # a region lists its countries' pieces
    "/experts/dana-reed",
    "/",
    "/policy-analysis/",
    "/feeds/rss",
    "/feeds/topic/energy/atom",
    "/search/?q=oil",
]
UNRELATED_PAGES = [
    "/policy-analysis/dams",
    "/policy-analysis/water",
    "/experts/omid-sadr",
    "/feeds/topic/water/atom",
    "/experts/",
]


def cache_all(client, urls):
    for url in urls:
        assert client.get(url).status_code == 200, url
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def edit_published(article, title):
    translation = article.translations.get(language_code="en")
    translation.title = title
    translation.save()


def test_publishing_an_edit_invalidates_the_pages_showing_it_and_no_others(client, two_corners):
    cache_all(client, OIL_PAGES + UNRELATED_PAGES)
    edit_published(two_corners["oil"], "Oil, gas and power")
    for url in OIL_PAGES:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        text = re.sub(r"<[^>]+>", "", response.content.decode())  # search marks its matches
        assert "Oil, gas and power" in text, url
    for url in UNRELATED_PAGES:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_draft_save_invalidates_nothing(client, two_corners):
    cache_all(client, OIL_PAGES + UNRELATED_PAGES)
    draft = two_corners["oil"].translations.get(language_code="ar")
    draft.title = "مسودة"
    draft.save()
    for url in OIL_PAGES + UNRELATED_PAGES:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_new_piece_reaches_its_lists_and_related_pages_only(client, two_corners):
    cache_all(client, OIL_PAGES + UNRELATED_PAGES)
    energy = two_corners["oil"].topics.get()
    ArticleFactory(
        topics=[energy],
        article_type=two_corners["oil"].article_type,
        languages={"en": {"title": "Fresh piece", "slug": "fresh"}},
    )
    for url in ["/policy-analysis/energy", "/", "/policy-analysis/", "/feeds/topic/energy/atom"]:
        assert "Fresh piece" in client.get(url).content.decode(), url
    # Oil's "Recommended" list now holds the fresh piece on the same topic: its page too.
    assert "Fresh piece" in client.get("/policy-analysis/oil").content.decode()
    for url in ["/policy-analysis/dams", "/policy-analysis/water", "/experts/dana-reed"]:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_an_edit_in_one_language_leaves_the_lists_of_another_in_place(client, two_corners):
    ArticleFactory(languages={"ar": {"title": "مقال عربي", "slug": "maqal"}})
    cache_all(client, ["/ar/", "/ar/policy-analysis/"])
    edit_published(two_corners["oil"], "Oil, gas and power")
    assert client.get("/ar/")["X-Page-Cache"] == "hit"
    assert client.get("/ar/policy-analysis/")["X-Page-Cache"] == "hit"


def test_a_renamed_expert_reaches_every_byline_but_not_the_other_corner(client, two_corners):
    cache_all(client, OIL_PAGES + UNRELATED_PAGES)
    translation = two_corners["oil"].authors.get().translations.get(language_code="en")
    translation.name = "Dana Reed-Harper"
    translation.save()
    for url in ["/policy-analysis/oil", "/policy-analysis/energy", "/", "/experts/"]:
        assert "Dana Reed-Harper" in client.get(url).content.decode(), url
    for url in ["/policy-analysis/dams", "/policy-analysis/water"]:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_refreshed_list_invalidates_the_pages_showing_it_only(client, two_corners):
    cache_all(client, OIL_PAGES + UNRELATED_PAGES)
    recommendations_refresh(article_ids=[two_corners["oil"].pk])
    assert client.get("/policy-analysis/oil")["X-Page-Cache"] == "miss"
    assert client.get("/policy-analysis/energy")["X-Page-Cache"] == "hit"


def test_a_cached_page_tells_the_edge_what_it_shows_and_how_long_to_keep_it(client, two_corners):
    oil = two_corners["oil"]
    response = client.get("/policy-analysis/oil")
    keys = response["Surrogate-Key"].split()
    energy, dana = oil.topics.get(), oil.authors.get()
    for tag in ["site", f"art-{oil.pk}", f"rec-{oil.pk}", f"top-{energy.pk}", f"exp-{dana.pk}"]:
        assert tag in keys
    assert response["Cache-Tag"].split(",") == keys
    control = response["Cache-Control"]
    assert "public" in control and "max-age=60" in control and "s-maxage=21600" in control
    assert "stale-while-revalidate=60" in control and "stale-if-error=86400" in control
    # A listing holds its cards and the scope a newly public piece joins.
    listing = client.get("/policy-analysis/energy")["Surrogate-Key"].split()
    assert f"art-{oil.pk}" in listing and f"list-top-{energy.pk}-en" in listing


def test_a_page_rendered_while_what_it_shows_changed_is_served_but_not_stored(client, two_corners):
    oil = two_corners["oil"]
    real = page_cache.PageCacheMiddleware.prepare

    def change_meanwhile(response, tags):
        real(response, tags)
        edit_published(oil, "Changed while rendering")  # commits after the page read the rows

    with mock.patch.object(
        page_cache.PageCacheMiddleware, "prepare", staticmethod(change_meanwhile)
    ):
        response = client.get("/policy-analysis/oil")
        assert "Oil and power" in response.content.decode()
        assert "s-maxage=0" in response["Cache-Control"]  # no edge keeps it either
    response = client.get("/policy-analysis/oil")
    assert response["X-Page-Cache"] == "miss"
    assert "Changed while rendering" in response.content.decode()


@override_settings(PAGE_CACHE_CLOCK_MARGIN_MS=60_000)
def test_a_page_rendered_within_the_clock_margin_of_a_change_is_not_stored(client, two_corners):
    client.get("/policy-analysis/oil")
    assert client.get("/policy-analysis/oil")["X-Page-Cache"] == "miss"


def test_a_lost_tag_version_reads_as_stale_even_once_another_page_set_it_again(client, two_corners):
    cache_all(client, ["/policy-analysis/oil", "/policy-analysis/energy"])
    key = page_cache.TAG_KEY + f"art-{two_corners['oil'].pk}"
    page_cache.versions_cache().delete(key)  # the folder wiped, say
    assert client.get("/policy-analysis/energy")["X-Page-Cache"] == "miss"  # sets it anew
    assert client.get("/policy-analysis/oil")["X-Page-Cache"] == "miss"
    assert client.get("/policy-analysis/oil")["X-Page-Cache"] == "hit"


def test_tag_versions_are_kept_apart_from_pages_and_never_culled(settings):
    versions = page_cache.versions_cache()
    assert versions is not cache
    assert settings.CACHES["page_tags"]["OPTIONS"] == {"CULL": False}
    for n in range(versions._max_entries + 150):
        versions.set(f"test-tag-{n}", "1", None)
    assert versions.get("test-tag-0") == "1"


def test_a_page_showing_too_many_objects_keeps_their_lists_instead():
    tags = {f"art-{pk}" for pk in range(cache_tags.MAX_TAGS + 1)} | {"exp-1", "top-2"}
    assert cache_tags.final(tags) == ["experts", "list-ar", "list-en", "list-fa", "site", "terms"]
    assert cache_tags.final(set()) == ["any", "site"]


@override_settings(EDGE_PURGE={**settings.EDGE_PURGE, "varnish": ["http://127.0.0.1:9"]})
def test_a_public_change_is_purged_at_the_edge_by_a_task_and_a_draft_save_is_not(two_corners):
    with mock.patch("thinktank.edge.purge") as purge:
        draft = two_corners["oil"].translations.get(language_code="ar")
        draft.title = "مسودة"
        draft.save()
        assert purge.call_count == 0
        edit_published(two_corners["oil"], "Oil, gas and power")
    purged = {tag for call in purge.call_args_list for tag in call.args[0]}
    assert {f"art-{two_corners['oil'].pk}", "list-en"} <= purged
    assert f"art-{two_corners['dams'].pk}" not in purged


def test_saving_a_draft_translation_in_the_admin_invalidates_nothing(client, two_corners, staff):
    """The usual draft: a translation in progress of a published piece, saved in the admin."""
    from tests.articles.admin_forms import change_url, open_form

    cache_all(client, OIL_PAGES + UNRELATED_PAGES)
    editor = Client()
    editor.force_login(staff)
    oil = two_corners["oil"]
    data = open_form(editor, oil, "ar")
    data["body"] = "<p>نص المسودة</p>"
    assert editor.post(change_url(oil, "ar"), data).status_code == 302
    assert oil.translations.get(language_code="ar").body == "<p>نص المسودة</p>"
    for url in OIL_PAGES + UNRELATED_PAGES:
        assert client.get(url)["X-Page-Cache"] == "hit", url
    # ... while the same form saving the published English text does invalidate.
    data = open_form(editor, oil, "en")
    data["title"] = "Oil, gas and power"
    assert editor.post(change_url(oil, "en"), data).status_code == 302
    assert "Oil, gas and power" in client.get("/policy-analysis/oil").content.decode()
