"""The beacon in real Chromium: a page view reaches the server and is counted."""

import json
import time

import pytest

from readership.flush import flush
from readership.models import DailyPath, DailyViews
from tests.articles.factories import ArticleFactory
from tests.taxonomy.factories import TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: A desktop Chrome's user agent: headless Chromium says "HeadlessChrome", which is a robot's.
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)


@pytest.fixture
def reader(browser, live_server):
    """A tab whose user agent is a reader's browser."""
    context = browser.new_context(base_url=live_server.url, user_agent=CHROME)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture
def pieces():
    """Two pieces on one topic: each is in the other's "Recommended" block."""
    topic = TopicFactory()
    target = ArticleFactory(topics=[topic], languages={"en": {"title": "Gas", "slug": "gas"}})
    source = ArticleFactory(topics=[topic], languages={"en": {"title": "Oil", "slug": "oil"}})
    return source, target


def counted(article) -> int:
    return sum(DailyViews.objects.filter(article=article).values_list("views", flat=True))


def flush_until(check, timeout=10.0):
    """Flush as a worker would (every minute closed) until check() holds."""
    deadline = time.monotonic() + timeout
    while True:
        flush(now=time.time() + 120)
        if check() or time.monotonic() > deadline:
            return check()
        time.sleep(0.2)


def test_an_article_view_and_the_path_to_the_next_reach_the_server(reader, pieces):
    source, target = pieces
    with reader.expect_request("**/readership/hit") as first:
        reader.goto("/policy-analysis/oil")
    assert json.loads(first.value.post_data) == {
        "piece": f"article:{source.pk}",
        "language": "en",
        "from": "",
    }
    assert first.value.response().status == 204
    with reader.expect_request("**/readership/hit") as second:
        reader.locator(".recommended").get_by_role("link", name="Gas").click()
    assert json.loads(second.value.post_data)["from"] == "/policy-analysis/oil"
    # The flush below pretends the minute closed: it must not run before the server has
    # counted both the view and the path (the 204 comes after), or it claims the minute
    # between the two and the path is dropped as a late count.
    assert second.value.response().status == 204
    assert flush_until(lambda: counted(source) == 1 and counted(target) == 1)
    path = DailyPath.objects.get()
    assert (path.from_article, path.to_article, path.count) == (source, target, 1)


def test_a_page_from_the_page_cache_is_counted_too(browser, live_server, pieces):
    source, _target = pieces
    served = []
    for _ in range(2):  # two readers, each with a browser cache of their own
        context = browser.new_context(base_url=live_server.url, user_agent=CHROME)
        tab = context.new_page()
        with tab.expect_request("**/readership/hit") as sent:
            served.append(tab.goto("/policy-analysis/oil").headers["x-page-cache"])
        assert sent.value.response().status == 204  # counted before the flush below
        context.close()
    assert served == ["miss", "hit"]
    assert flush_until(lambda: counted(source) == 2)


def test_headless_chromium_as_it_is_is_taken_for_a_robot(page, pieces):
    source, _target = pieces
    with page.expect_request("**/readership/hit") as sent:
        page.goto("/policy-analysis/oil")
    assert sent.value.response().status == 204
    flush(now=time.time() + 120)
    assert counted(source) == 0
