"""The beacon's endpoint and the flush: what is counted, once, and what never is."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from readership import counting
from readership.flush import closed_minutes, flush
from readership.models import (
    DailyListingPath,
    DailyListingViews,
    DailyPath,
    DailyViews,
    FlushedMinute,
)
from tests.readership.helpers import beacon, flush_all, send
from tests.taxonomy.factories import TopicFactory

pytestmark = pytest.mark.django_db


def views(article, language="en") -> int:
    return sum(
        DailyViews.objects.filter(article=article, language=language).values_list(
            "views", flat=True
        )
    )


def test_a_beacon_for_an_article_is_counted_once_flushed(client, article):
    response = send(client, beacon(article))
    assert response.status_code == 204 and response.content == b""
    assert views(article) == 0  # no write per view: counted in the cache
    assert flush_all() == 1
    assert views(article) == 1


def test_views_add_up_per_language_across_flushes(client, article):
    with time_machine.travel(timezone.now().replace(hour=9, minute=0), tick=True) as clock:
        for _ in range(3):
            send(client, beacon(article))
        send(client, beacon(article, "ar"))
        clock.shift(timedelta(minutes=2))
        flush()  # the worker's run at 09:02: minute 09:00 has closed
        send(client, beacon(article))
        clock.shift(timedelta(minutes=2))
        flush()
    assert (views(article), views(article, "ar")) == (4, 1)
    assert DailyViews.objects.filter(article=article, language="en").count() == 1


def test_a_minute_is_written_once_even_if_its_keys_outlive_the_flush(client, article, monkeypatch):
    send(client, beacon(article))
    monkeypatch.setattr("readership.counting.forget", lambda buckets: None)  # a crash after commit
    flush_all()
    monkeypatch.undo()
    assert flush_all() == 0  # the minute is claimed already: its keys are only deleted
    assert views(article) == 1
    assert not counting.read(closed_minutes(time.time() + 120))  # nothing left in the cache


def test_a_flush_that_fails_leaves_the_counts_for_the_next(client, article, monkeypatch):
    send(client, beacon(article))

    def fail(buckets, origins=None):
        raise RuntimeError("database went away")

    monkeypatch.setattr("readership.flush.write", fail)
    with pytest.raises(RuntimeError):
        flush_all()
    monkeypatch.undo()
    assert not FlushedMinute.objects.exists()
    assert flush_all() == 1 and views(article) == 1


def test_the_current_minute_is_not_flushed(client, article):
    send(client, beacon(article))
    assert flush() == 0  # still open: a request may be adding to it
    assert flush_all() == 1


def test_a_listing_page_view_is_counted(client):
    topic = TopicFactory()
    send(client, {"piece": f"topic:{topic.pk}", "language": "fa"})
    flush_all()
    row = DailyListingViews.objects.get()
    assert (row.kind, row.term_id, row.language, row.views) == ("topic", topic.pk, "fa", 1)


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0 Safari/537.36",
        "facebookexternalhit/1.1",
        "python-requests/2.32",
        "curl/8.5.0",
        "",
        None,
    ],
)
def test_robots_are_not_counted(client, article, agent):
    assert send(client, beacon(article), agent=agent).status_code == 204
    flush_all()
    assert not DailyViews.objects.exists()


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
        {"HTTP_X_PURPOSE": "preview"},
    ],
)
def test_prefetches_are_not_counted(client, article, header):
    assert send(client, beacon(article), **header).status_code == 204
    flush_all()
    assert not DailyViews.objects.exists()


def test_a_beacon_sent_from_another_site_is_not_counted(client, article):
    send(client, beacon(article), HTTP_ORIGIN="https://elsewhere.example")
    send(client, beacon(article), HTTP_SEC_FETCH_SITE="cross-site")
    send(
        client, beacon(article), HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin"
    )
    flush_all()
    assert views(article) == 1


def test_a_flood_from_one_client_is_capped(client, article, settings):
    settings.READERSHIP_RATE_PER_CLIENT = 5
    for _ in range(40):
        assert send(client, beacon(article)).status_code == 204
    send(client, beacon(article), REMOTE_ADDR="198.51.100.4")  # another reader still counts
    flush_all()
    assert views(article) == 6


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "not json",
        "[1, 2]",
        '"article:1"',
        '{"piece": "article:1"}',
        '{"piece": "article:0", "language": "en"}',
        '{"piece": "article:-3", "language": "en"}',
        '{"piece": "article:1e3", "language": "en"}',
        '{"piece": "article:99999999", "language": "en"}',
        '{"piece": "expert:1", "language": "en"}',
        '{"piece": "article:1", "language": "de"}',
        '{"piece": ["article", 1], "language": "en"}',
        '{"piece": "topic:424242", "language": "en"}',
        '{"piece": "article:1", "language": "en", "from": ' + '"/' + "x" * 5000 + '"}',
        b"\xff\xfe\x00 binary",
        "{" * 10_000,
    ],
)
def test_bad_bodies_get_204_and_nothing_is_stored(client, article, raw):
    if isinstance(raw, str):  # a real id where a body is bad for another reason
        raw = raw.replace('"article:1"', f'"article:{article.pk}"')
    response = send(client, raw=raw)
    assert response.status_code == 204 and response.content == b""
    flush_all()
    assert not DailyViews.objects.exists() and not DailyListingViews.objects.exists()
    assert not DailyPath.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete", "head", "options"])
def test_other_methods_get_204_and_count_nothing(client, article, method):
    response = getattr(client, method)("/readership/hit", HTTP_USER_AGENT="Mozilla/5.0")
    assert response.status_code == 204 and response.content == b""
    assert "no-store" in response["Cache-Control"]
    flush_all()
    assert not DailyViews.objects.exists()


def test_the_answer_is_the_same_for_a_counted_and_an_ignored_beacon(client, article):
    counted = send(client, beacon(article))
    ignored = send(client, {"piece": "article:987654", "language": "en"})
    assert counted.status_code == ignored.status_code == 204
    assert counted.content == ignored.content == b""
    assert not counted.cookies and not ignored.cookies
    assert sorted(counted.headers) == sorted(ignored.headers)


def test_the_path_from_another_article_of_the_site_is_recorded(client, article, other):
    send(client, beacon(other, came_from="/policy-analysis/oil-and-power"))
    send(client, beacon(other, "ar", came_from="/ar/policy-analysis/alnaft"))
    flush_all()
    paths = DailyPath.objects.values_list("from_article", "to_article", "language", "count")
    assert sorted(paths) == [(article.pk, other.pk, "ar", 1), (article.pk, other.pk, "en", 1)]
    assert views(other) == 1


def test_the_path_from_a_listing_page_of_the_site_is_recorded_by_its_term(client, other):
    topic = TopicFactory()
    topic.set_current_language("en")
    send(client, beacon(other, came_from=f"/policy-analysis/{topic.slug}"))
    flush_all()
    paths = DailyListingPath.objects.values_list("kind", "term_id", "to_article", "count")
    assert list(paths) == [("topic", topic.pk, other.pk, 1)]
    assert not DailyPath.objects.exists()


@pytest.mark.parametrize(
    "came_from",
    [
        "https://elsewhere.example/policy-analysis/oil-and-power",  # not a path of this site
        "//elsewhere.example/policy-analysis/oil-and-power",
        "/",  # the home page is not an article
        "/policy-analysis/",
        "/policy-analysis/no-such-piece",
        "/policy-analysis/gas-and-pipes",  # the same piece (a reload)
        "/fa/policy-analysis/oil-and-power",  # that slug is not the Farsi one
    ],
)
def test_no_path_is_recorded_from_elsewhere(client, article, other, came_from):
    send(client, beacon(other, came_from=came_from))
    flush_all()
    assert not DailyPath.objects.exists()
    assert views(other) == 1  # the view itself still counts


def test_a_flood_of_invented_ids_stops_at_the_cap_of_a_minute(client, article, settings):
    settings.READERSHIP_MAX_KEYS_PER_MINUTE = 3
    settings.READERSHIP_RATE_PER_CLIENT = 1000
    for n in range(10):
        send(client, {"piece": f"topic:{900 + n}", "language": "en"})
    send(client, beacon(article))  # a real piece after the flood: past the cap too
    send(client, {"piece": "topic:900", "language": "en"})  # a counter that exists still counts
    buckets = counting.read(closed_minutes(time.time() + 120))
    [bucket] = buckets.values()
    assert bucket.counts == {("l", "topic", 900 + n, "en"): 2 if n == 0 else 1 for n in range(3)}
    assert flush_all() == 0  # and those terms do not exist: nothing is written
