"""
The shipped Varnish configuration, for real: Debian's varnishd with vmod_xkey running
deploy/varnish/thinktank.vcl in front of a gunicorn of the app, and a task worker beside
it that purges Varnish by tag after each change readers can see (thinktank.edge).

Pages live an hour in both caches (PAGE_CACHE_SECONDS=3600), so only a purge, never
expiry, can explain a fresh page.
"""

import time
import urllib.request
import uuid

import pytest

from tests.thinktank.servers import Staff, form_fields, free_port, get, start_site
from tests.varnish import Varnish, require_varnish
from thinktank import edge

PUBLIC_EN = """
import json
from articles.models import ArticleTranslation
items = (ArticleTranslation.objects.public().filter(language_code="en")
         .order_by("-master__published_at", "-master_id"))
print(json.dumps([{"id": item.master_id, "slug": item.slug} for item in items]))
"""

EXPERTS = """
import json
from experts.models import Expert
print(json.dumps([expert.slug for expert in Expert.objects.order_by("pk")]))
"""

NEW_DRAFT = """
import json
from articles.models import State
from taxonomy.models import ArticleType
from tests.articles.factories import ArticleFactory
article = ArticleFactory(article_type=ArticleType.objects.first(), languages={"en": State.DRAFT})
print(json.dumps(article.pk))
"""

# Tasks waiting or running (a retry planned for later counts too).
PENDING_TASKS = """
import json
from django_tasks_db.models import DBTaskResult
print(json.dumps(DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()))
"""


@pytest.fixture(scope="module")
def edge_site(tmp_path_factory, django_db_blocker):
    require_varnish()
    folder = tmp_path_factory.mktemp("varnish")
    port = free_port()
    with django_db_blocker.unblock():
        # Tasks in the database, for the worker beside the server (the tests' default is to
        # run them at once, in the process that enqueues).
        env = {"EDGE_VARNISH_URLS": f"http://127.0.0.1:{port}/", "TASKS_BACKEND": "database"}
        site, database = start_site(folder, servers=1, env=env)
    varnish = None
    try:
        site.start_worker()
        varnish = Varnish(folder, port, backend=site.urls[0].removeprefix("http://"))
        # The seed's own changes enqueued purges; a test that caches a page before the
        # worker has run them would see its page purged by them, not by the test.
        wait_for_tasks(site)
        yield site, varnish
    finally:
        if varnish:
            varnish.stop()
        site.stop()
        with django_db_blocker.unblock():
            database.drop()


@pytest.fixture
def purge_here(settings, edge_site):
    """Let edge.purge() in this process reach the test's Varnish."""
    _site, varnish = edge_site
    settings.EDGE_PURGE = {**settings.EDGE_PURGE, "varnish": [varnish.url + "/"]}


def cached(varnish, path: str) -> str:
    """Request path twice as a reader; check the second is a Varnish hit; return the body."""
    get(varnish.url + path)
    status, headers, body = get(varnish.url + path)
    assert status == 200, path
    assert headers.get("X-Cache") == "HIT", (path, headers)
    return body


def tags(varnish, path: str) -> set[str]:
    """The tags Varnish holds path under (the debug header shows them to a purger)."""
    _status, headers, _body = get_with(varnish.url + path, {"X-Cache-Debug": "1"})
    return set(headers.get("Surrogate-Key", "").split())


def get_with(url: str, headers: dict) -> tuple[int, dict, str]:
    return get(urllib.request.Request(url, headers=headers))


def wait_for_tasks(site, timeout: float = 60) -> None:
    """Wait until the worker has run every task the changes so far enqueued."""
    deadline = time.monotonic() + timeout
    while site.shell(PENDING_TASKS):
        assert time.monotonic() < deadline, "the task worker did not finish its tasks"
        time.sleep(0.05)


def test_an_anonymous_page_is_served_by_varnish_the_second_time(edge_site):
    site, varnish = edge_site
    path = f"/experts/{site.shell(EXPERTS)[0]}"
    status, headers, first = get(varnish.url + path)
    assert (status, headers.get("X-Cache")) == (200, "MISS")
    status, headers, second = get(varnish.url + path)
    assert (status, headers.get("X-Cache")) == (200, "HIT")
    assert second == first
    # The tags are for caches, not readers.
    assert "Surrogate-Key" not in headers and "Cache-Tag" not in headers


def test_cookies_other_than_the_session_do_not_stop_caching(edge_site):
    site, varnish = edge_site
    path = f"/experts/{site.shell(EXPERTS)[1]}"
    get(varnish.url + path)
    _status, headers, _body = get_with(varnish.url + path, {"Cookie": "_ga=GA1.1; csrftoken=x"})
    assert headers.get("X-Cache") == "HIT"


def test_a_missing_page_is_not_stored(edge_site):
    # It may be published a minute later, and a 404 carries no tag to be purged by.
    _site, varnish = edge_site
    for _ in range(2):
        status, headers, _body = get(varnish.url + "/policy-analysis/not-published-yet")
        assert (status, headers.get("X-Cache")) == (404, "MISS")


def test_staff_requests_pass_through_uncached(edge_site):
    site, varnish = edge_site
    path = f"/policy-analysis/{site.shell(PUBLIC_EN)[-1]['slug']}"
    cached(varnish, path)
    staff = Staff(varnish.url)  # logs in through Varnish
    for _ in range(2):
        status, headers, _body = staff.get(path)
        assert (status, headers.get("X-Cache")) == (200, "PASS")
        status, headers, _body = staff.get("/admin/")
        assert (status, headers.get("X-Cache")) == (200, "PASS")
        status, headers, _body = get(varnish.url + "/admin/login/")
        assert (status, headers.get("X-Cache")) == (200, "PASS")
    # What staff saw was not stored for readers either.
    _status, headers, _body = get(varnish.url + path)
    assert headers.get("X-Cache") == "HIT"


def test_a_purge_drops_exactly_the_pages_carrying_the_tag(edge_site, purge_here):
    site, varnish = edge_site
    first, second = (f"/policy-analysis/{item['slug']}" for item in site.shell(PUBLIC_EN)[2:4])
    wait_for_tasks(site)
    body = cached(varnish, first)
    cached(varnish, second)
    only_first = sorted(tags(varnish, first) - tags(varnish, second))
    assert only_first, "the two article pages carry the same tags"

    edge.purge(only_first[:1])

    status, headers, again = get(varnish.url + first)
    assert (status, headers.get("X-Cache"), again) == (200, "MISS", body)
    _status, headers, _body = get(varnish.url + second)
    assert headers.get("X-Cache") == "HIT"


def test_publishing_an_edit_in_the_admin_purges_the_article_page(edge_site):
    site, varnish = edge_site
    article = site.shell(PUBLIC_EN)[0]
    path = f"/policy-analysis/{article['slug']}"
    wait_for_tasks(site)
    cached(varnish, path)
    title = f"Edited in the admin {uuid.uuid4().hex[:8]}"

    staff = Staff(varnish.url)
    change = f"/admin/articles/article/{article['id']}/change/?language=en"
    status, _headers, html = staff.get(change)
    assert status == 200
    fields = form_fields(html, "article_form") + [["_save", "Save"]]
    [field for field in fields if field[0] == "title"][0][1] = title
    status, html = staff.submit(change, fields)
    assert status == 200 and "was changed successfully" in html

    wait_for_tasks(site)
    status, headers, body = get(varnish.url + path)
    assert status == 200 and title in body
    assert headers.get("X-Cache") == "MISS"


def test_a_draft_save_purges_nothing(edge_site):
    site, varnish = edge_site
    draft_id = site.shell(NEW_DRAFT)
    wait_for_tasks(site)
    pages = ["/", "/policy-analysis/", f"/policy-analysis/{site.shell(PUBLIC_EN)[1]['slug']}"]
    before = {path: cached(varnish, path) for path in pages}

    staff = Staff(varnish.url)
    change = f"/admin/articles/article/{draft_id}/change/?language=en"
    _status, _headers, html = staff.get(change)
    fields = form_fields(html, "article_form") + [["_save", "Save"]]
    [field for field in fields if field[0] == "title"][0][1] = "A draft nobody reads yet"
    status, html = staff.submit(change, fields)
    assert status == 200 and "was changed successfully" in html
    wait_for_tasks(site)

    for path in pages:
        status, headers, body = get(varnish.url + path)
        assert (status, headers.get("X-Cache")) == (200, "HIT"), path
        assert body == before[path], path
