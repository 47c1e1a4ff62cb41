"""Events in listings, calendars (read back with icalendar) and JSON-LD (parsed back)."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Event
from tests.articles.events import PAST, TEHRAN, UPCOMING, save
from tests.articles.factories import ArticleFactory
from tests.articles.test_metadata import head

pytestmark = pytest.mark.django_db


def read_calendar(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    return icalendar.Calendar.from_ical(response.content)


def titles(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'class="card__title"><a href="[^"]+">(?:<bdi>)?([^<]+)', html)


def test_an_event_s_ics_reads_back_with_its_zone_uid_and_summary(forum):
    cal = read_calendar(Client().get("/policy-analysis/energy-forum/event.ics"))
    [event] = cal.events
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.start == UPCOMING[0] and event.end == UPCOMING[1]
    assert str(event["SUMMARY"]) == "Energy forum"
    assert str(event["UID"]) == f"event-{forum.pk}-en@testserver"
    assert str(event["URL"]) == "http://testserver/policy-analysis/energy-forum"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "Hotel Adlon, Unter den Linden 77, Berlin" in str(event["LOCATION"])
    assert [str(tz["TZID"]) for tz in cal.timezones] == ["Europe/Berlin"]
    farsi = read_calendar(Client().get("/fa/policy-analysis/hamayesh/event.ics"))
    [farsi_event] = farsi.events
    assert str(farsi_event["SUMMARY"]) == "همایش انرژی"
    assert str(farsi_event["UID"]) == f"event-{forum.pk}-fa@testserver"
    assert "هتل آدلون" in str(farsi_event["LOCATION"])


def test_the_uid_stays_when_the_slug_and_the_time_change(forum, editor):
    before = read_calendar(Client().get("/policy-analysis/energy-forum/event.ics")).events[0]
    forum.translations.filter(language_code="en").update(slug="energy-forum-2030")
    save(forum, editor, (UPCOMING[0].replace(hour=19), UPCOMING[1]))
    cache.clear()
    after = read_calendar(Client().get("/policy-analysis/energy-forum-2030/event.ics")).events[0]
    assert after["UID"] == before["UID"] and after.start.hour == 19


def test_the_language_calendar_lists_its_public_events_only(forum, briefing, editor):
    draft = ArticleFactory(languages={"en": {"slug": "draft-event", "state": "draft"}})
    save(draft, editor)
    # A year back, and every event ahead: the briefing (PAST) is older, a recent one is in.
    recent = ArticleFactory(languages={"en": {"title": "Recent briefing"}})
    start = (timezone.now() - timedelta(days=30)).astimezone(TEHRAN).replace(microsecond=0)
    save(recent, editor, (start, start + timedelta(hours=1)), time_zone="Asia/Tehran",
         mode="online", places={}, online_url="https://example.org/live")  # fmt: skip
    cal = read_calendar(Client().get("/feeds/events.ics"))
    assert str(cal["X-WR-CALNAME"]) == "Events · The Institute"
    assert [str(e["SUMMARY"]) for e in cal.events] == ["Recent briefing", "Energy forum"]
    assert {str(tz["TZID"]) for tz in cal.timezones} == {"Asia/Tehran", "Europe/Berlin"}
    past = cal.events[0]
    assert past["DTSTART"].params["TZID"] == "Asia/Tehran" and past.start == start
    assert str(past["LOCATION"]) == "https://example.org/live"
    farsi = read_calendar(Client().get("/fa/feeds/events.ics"))
    assert [str(e["SUMMARY"]) for e in farsi.events] == ["همایش انرژی"]
    # The Arabic version is a draft: an empty calendar, still a calendar.
    assert read_calendar(Client().get("/ar/feeds/events.ics")).events == []


def test_a_cancelled_event_says_so_in_the_calendar_and_on_the_page(forum, editor):
    save(forum, editor, status="cancelled")
    [event] = read_calendar(Client().get("/policy-analysis/energy-forum/event.ics")).events
    assert str(event["STATUS"]) == "CANCELLED"
    page = Client().get("/policy-analysis/energy-forum").content.decode()
    assert "Cancelled" in page and 'class="event-register"' not in page


def test_an_event_page_s_json_ld_is_an_event(client, forum, speaker):
    [data] = head(client, "/policy-analysis/energy-forum").json_ld
    assert data["@type"] == "Event"
    assert data["name"] == "Energy forum" and data["inLanguage"] == "en"
    assert data["startDate"] == "2030-06-12T18:30:00+02:00"
    assert data["endDate"] == "2030-06-12T20:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place == {
        "@type": "Place",
        "name": "Hotel Adlon",
        "address": {"@type": "PostalAddress", "streetAddress": "Unter den Linden 77",
                    "addressLocality": "Berlin", "addressCountry": "DE"},
    }  # fmt: skip
    assert virtual == {"@type": "VirtualLocation", "url": "https://example.org/live"}
    assert [p["name"] for p in data["performer"]] == ["Leila Karimi", "Jane Roe", "John Doe"]
    assert data["performer"][0]["url"] == f"http://testserver{speaker.get_absolute_url()}"
    assert data["organizer"]["@type"] == "Organization"
    assert data["offers"]["url"] == "https://example.org/register"
    assert "headline" not in data and "author" not in data
    [farsi] = head(client, "/fa/policy-analysis/hamayesh").json_ld
    assert farsi["location"][0]["name"] == "هتل آدلون" and farsi["inLanguage"] == "fa"


def test_a_past_online_event_s_json_ld_has_its_recording(client, briefing):
    [data] = head(client, "/policy-analysis/sanctions-briefing").json_ld
    assert data["startDate"] == "2025-11-05T10:00:00+03:30"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == [
        {"@type": "VirtualLocation", "url": "http://testserver/policy-analysis/sanctions-briefing"}
    ]
    assert data["recordedIn"] == {"@type": "CreativeWork", "url": "https://example.org/video"}


def test_the_listings_split_upcoming_from_past_in_each_language(forum, briefing, editor):
    ArticleFactory(languages={"en": {"slug": "not-an-event", "title": "Plain brief"}})
    client = Client()
    upcoming = client.get("/events/")
    assert titles(upcoming) == ["Energy forum"]
    html = upcoming.content.decode()
    assert "Berlin" in html and "and online" in html and 'href="/feeds/events.ics"' in html
    assert titles(client.get("/events/past/")) == ["Sanctions briefing"]
    assert titles(client.get("/fa/events/")) == ["همایش انرژی"]
    assert titles(client.get("/fa/events/past/")) == []
    assert '<p class="empty">' in client.get("/ar/events/").content.decode()
    farsi = client.get("/fa/events/").content.decode()
    assert "۲۲ خرداد ۱۴۰۹" in farsi
    # From the navigation of every page.
    assert '<li><a href="/fa/events/">' in client.get("/fa/").content.decode()


@override_settings(LISTING_PAGE_SIZE=2)
def test_upcoming_events_page_soonest_first_and_past_latest_first(editor):
    for n in range(3):
        piece = ArticleFactory(languages={"en": {"title": f"Later {n}"}})
        save(piece, editor, (UPCOMING[0].replace(day=10 + n), UPCOMING[1].replace(day=10 + n)))
        old = ArticleFactory(languages={"en": {"title": f"Earlier {n}"}})
        save(old, editor, (PAST[0].replace(day=1 + n), PAST[1].replace(day=1 + n)))
    client = Client()
    first = client.get("/events/")
    assert titles(first) == ["Later 0", "Later 1"]
    assert titles(client.get("/events/", first.context["page"].next_query)) == ["Later 2"]
    past = client.get("/events/past/")
    assert titles(past) == ["Earlier 2", "Earlier 1"]
    assert titles(client.get("/events/past/", past.context["page"].next_query)) == ["Earlier 0"]


@pytest.mark.parametrize(
    "query",
    ["?after=nonsense", "?before=-99999999999999999999.1", "?after=1.2.3", "?after=" + "9" * 50,
     "?after=%00", "?before=&after="],
)  # fmt: skip
def test_bad_query_strings_give_a_clean_listing(forum, query):
    for url in ("/events/", "/events/past/", "/feeds/events.ics"):
        assert Client().get(url + query).status_code == 200


@override_settings(LISTING_PAGE_SIZE=50)
def test_the_listing_and_calendar_query_counts_do_not_depend_on_their_size(editor):
    def queries(url):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(url).status_code == 200
        return len(captured)

    def add(n):
        for _ in range(n):
            save(ArticleFactory(), editor)

    add(2)
    few = {url: queries(url) for url in ("/events/", "/feeds/events.ics")}
    add(8)
    assert {url: queries(url) for url in few} == few
    # The articles, their types, authors and the events' places; the calendar: no type
    # and authors.
    assert few["/events/"] == 4 and few["/feeds/events.ics"] == 2


def test_an_event_saved_or_ended_takes_effect_on_cached_pages(forum, editor, settings):
    reader = Client()
    assert titles(reader.get("/events/")) == ["Energy forum"]
    assert "Hotel Adlon" in reader.get("/policy-analysis/energy-forum").content.decode()
    save(forum, editor, mode="online", places={})
    assert "Hotel Adlon" not in reader.get("/policy-analysis/energy-forum").content.decode()
    assert b"Hotel Adlon" not in reader.get("/feeds/events.ics").content
    # When the event ends, nothing is saved: the task set for its end reports it.
    from articles.tasks_events import event_over

    assert event_over.call(article_id=forum.pk) is False  # not over yet
    settings.PAGE_CACHE_CLOCK_MARGIN_MS = 0
    assert titles(reader.get("/events/")) == ["Energy forum"]  # stored in the page cache
    Event.objects.filter(article=forum).update(starts_at=PAST[0], ends_at=PAST[1])
    cached = reader.get("/events/")
    assert cached["X-Page-Cache"] == "hit" and titles(cached) == ["Energy forum"]
    assert event_over.call(article_id=forum.pk) is True
    assert titles(reader.get("/events/")) == []
    assert titles(reader.get("/events/past/")) == ["Energy forum"]


def test_events_are_found_by_search_and_listed_in_the_sitemap_as_articles(forum):
    client = Client()
    found = client.get("/search/", {"q": "energy forum"}).content.decode()
    assert 'href="/policy-analysis/energy-forum"' in found
    assert "/fa/policy-analysis/hamayesh" in client.get("/sitemap-articles.xml").content.decode()
    # The Arabic draft is nowhere.
    assert "muntada" not in client.get("/sitemap-articles.xml").content.decode()
    assert "muntada" not in client.get("/ar/search/", {"q": "منتدى"}).content.decode()
