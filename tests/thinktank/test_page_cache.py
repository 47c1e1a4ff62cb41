"""The anonymous page cache: fast when nothing changed, never stale when something did."""

import multiprocessing
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from core import cache_tags
from experts.models import ExpertTranslation
from recommendations.services import recommendations_refresh
from taxonomy.models import TopicTranslation
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import TopicFactory
from thinktank import page_cache

pytestmark = pytest.mark.django_db


def fetch(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


@pytest.fixture
def site():
    expert = ExpertFactory(names={"en": "Dana Reed"})
    topic = TopicFactory(names={"en": "Energy"})
    article = ArticleFactory(
        authors=[expert],
        topics=[topic],
        languages={"en": {"title": "Oil and power", "slug": "oil"}, "ar": "draft"},
    )
    return {"expert": expert, "topic": topic, "article": article}


PAGES = [
    "/",
    "/policy-analysis/oil",
    "/policy-analysis/energy",
    "/experts/dana-reed",
    "/policy-analysis/",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(client, site, url):
    first, _ = fetch(client, url)
    assert first["X-Page-Cache"] == "miss"
    second, queries = fetch(client, url)
    assert second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]
    assert second["ETag"] and second["Last-Modified"]


def test_each_host_has_its_own_cached_pages(client, site, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example.org"]
    client.get("/policy-analysis/oil")
    other = client.get("/policy-analysis/oil", HTTP_HOST="mirror.example.org")
    assert other["X-Page-Cache"] == "miss"
    assert "http://mirror.example.org/policy-analysis/oil" in other.content.decode()


def test_a_cdn_revalidation_gets_304(client, site):
    etag = client.get("/policy-analysis/oil")["ETag"]
    assert client.get("/policy-analysis/oil", headers={"If-None-Match": etag}).status_code == 304


def test_staff_with_a_session_are_never_served_or_stored(client, site, staff):
    client.force_login(staff)
    for _ in range(2):
        response, queries = fetch(client, "/policy-analysis/oil")
        assert "X-Page-Cache" not in response and queries > 0
    client.logout()
    assert client.get("/policy-analysis/oil")["X-Page-Cache"] == "miss"


def test_the_admin_is_never_cached(client, site, staff):
    client.force_login(staff)
    assert "X-Page-Cache" not in client.get("/admin/")


def rename_article(site):
    translation = site["article"].translations.get(language_code="en")
    translation.title = "Gas and power"
    translation.save()
    return "Gas and power"


def unpublish(site):
    translation = site["article"].translations.get(language_code="en")
    translation.state = "draft"
    translation.save()
    return None


def withdraw(site):
    site["article"].is_withdrawn = True
    site["article"].save()
    return None


def rename_expert(site):
    translation = ExpertTranslation.objects.get(master=site["expert"], language_code="en")
    translation.name = "Dana Reed-Harper"
    translation.save()
    return "Dana Reed-Harper"


def rename_topic(site):
    translation = TopicTranslation.objects.get(master=site["topic"], language_code="en")
    translation.name = "Energy Markets"
    translation.save()
    return "Energy Markets"


def add_a_topic(site):
    site["article"].topics.add(TopicFactory(names={"en": "Sanctions"}))
    return "Sanctions"


def publish_new(site):
    ArticleFactory(
        topics=[site["topic"]], authors=[site["expert"]], languages={"en": {"title": "Fresh piece"}}
    )
    return "Fresh piece"


LISTINGS = ["/", "/policy-analysis/energy", "/experts/dana-reed", "/policy-analysis/"]
DISTRIBUTION = ["/feeds/rss", "/feeds/topic/energy/atom", "/sitemap-articles.xml"]


@pytest.mark.parametrize(
    ("change", "pages"),
    [
        (rename_article, [*LISTINGS, *DISTRIBUTION, "/search/?q=oil"]),
        (unpublish, [*LISTINGS, *DISTRIBUTION, "/search/?q=oil"]),
        (withdraw, [*LISTINGS, *DISTRIBUTION, "/search/?q=oil"]),
        (rename_expert, ["/", "/policy-analysis/oil", "/experts/dana-reed", "/feeds/rss"]),
        (rename_topic, ["/", "/policy-analysis/oil", "/feeds/rss"]),
        (add_a_topic, ["/policy-analysis/oil", "/feeds/rss"]),
        (publish_new, [*LISTINGS, *DISTRIBUTION, "/search/?q=piece"]),
    ],
)
def test_after_a_change_no_reader_sees_the_old_page(client, site, change, pages):
    for url in pages:
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
    shown = change(site)
    for url in pages:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url  # rendered anew, not the stored page
        text = re.sub(r"<[^>]+>", "", response.content.decode())  # search marks its matches
        if url.startswith("/sitemap"):
            continue  # lists addresses, not titles
        if shown:
            assert shown in text, url
        else:
            assert "Oil and power" not in text, url


def cache_every_page(client):
    for url in PAGES:
        client.get(url)
    for url in PAGES:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_draft_edit_leaves_the_cached_public_pages_in_place(client, site):
    cache_every_page(client)
    draft = site["article"].translations.get(language_code="ar")
    draft.title = "مسودة جديدة"
    draft.save()
    for url in PAGES:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_publishing_a_draft_makes_every_cached_page_stale(client, site):
    cache_every_page(client)
    draft = site["article"].translations.get(language_code="ar")
    draft.state = "published"
    draft.save()
    for url in PAGES:
        assert client.get(url)["X-Page-Cache"] == "miss", url


def test_refreshed_recommendations_are_not_hidden_by_a_cached_article_page(client, site):
    url = "/policy-analysis/oil"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    # What the commit of an edit elsewhere runs: the article's "Recommended" lists change.
    recommendations_refresh(article_ids=[site["article"].pk])
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_an_invalidation_in_another_process_reaches_the_pages_this_one_served(client, site):
    """The tag versions a process keeps in memory are not used once another has moved one."""
    url, listing = "/policy-analysis/oil", "/policy-analysis/energy"
    warmed = [client.get(page) for page in (url, listing, url, listing)]
    assert [response["X-Page-Cache"] for response in warmed[2:]] == ["hit", "hit"]
    assert client.get(url)["X-Page-Cache"] == "hit"  # its versions now read from memory
    tag = cache_tags.article(site["article"].pk)
    other = multiprocessing.get_context("fork").Process(
        target=page_cache.invalidate_tags, args=([tag],)
    )
    other.start()
    other.join(10)
    assert other.exitcode == 0
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(listing)["X-Page-Cache"] == "miss"  # it lists the article
    assert client.get(url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)  # the worker commits
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_scheduled_article_appears_at_its_time_with_nothing_saved(client, site):
    due = timezone.now() + timedelta(minutes=30)
    ArticleFactory(published_at=due, languages={"en": {"title": "Scheduled piece"}})
    work()  # what the save set in motion now: search, recommendations
    assert "Scheduled piece" not in client.get("/").content.decode()
    with time_machine.travel(due + timedelta(seconds=1)):
        # Nothing saved since: the cached page stays in place until the task has run.
        assert client.get("/")["X-Page-Cache"] == "hit"
        work()
        response = client.get("/")
        assert response["X-Page-Cache"] == "miss"
        assert "Scheduled piece" in response.content.decode()
        assert "Oil and power" in client.get("/policy-analysis/oil").content.decode()
        assert client.get("/policy-analysis/oil")["X-Page-Cache"] == "hit"  # not listed there


def work() -> None:
    call_command(
        "tasks_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "thinktank.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
)
def test_pages_are_served_uncached_while_redis_is_down(client, site):
    for _ in range(2):
        response = client.get("/policy-analysis/oil")
        assert response.status_code == 200
        assert "Oil and power" in response.content.decode()
