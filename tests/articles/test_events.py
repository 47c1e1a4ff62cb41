"""Events: the model's rules, the admin screen, and the event's page in three languages."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client

from articles.models import Event, WorkflowEvent
from articles.revisions import snapshot
from articles.services import NotPermitted
from tests.articles.events import BERLIN, BERLIN_PLACES, UPCOMING, save
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/articles/article/{}/event/"


def plain(response) -> str:
    """The page, without the elements that keep zone names left to right."""
    return response.content.decode().replace('<bdi dir="ltr">', "").replace("</bdi>", "")


def form_data(**changes):
    data = {
        "starts": "2030-06-12T18:30", "ends": "2030-06-12T20:00", "time_zone": "Europe/Berlin",
        "mode": "in_person", "status": "scheduled", "venue_en": "Hotel Adlon",
        "city_en": "Berlin", "registration_url": "https://example.org/r",
    }  # fmt: skip
    data.update(changes)
    return data


def test_an_event_is_stored_in_utc_and_read_in_its_own_zone(forum):
    event = forum.event
    assert event.starts_at == dt.datetime(2030, 6, 12, 16, 30, tzinfo=dt.UTC)
    assert event.starts_at.astimezone(event.zone).hour == 18
    assert event.outside_speaker_names == ["Jane Roe", "John Doe"]
    assert event.country == "DE"
    assert WorkflowEvent.objects.filter(article=forum, action="event").exists()
    facts = snapshot(forum)["event"]
    assert facts["starts_at"] == "2030-06-12T16:30:00+00:00"
    assert facts["places"]["fa"]["venue"] == "هتل آدلون"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": "../../etc/passwd"}, "time_zone"),
        ({"registration_url": "javascript:alert(1)"}, "registration_url"),
        ({"recording_url": "ftp://example.org/v"}, "recording_url"),
    ],
)
def test_the_model_refuses_bad_values(forum, editor, changes, field):
    with pytest.raises(ValidationError) as raised:
        save(forum, editor, **changes)
    assert field in raised.value.error_dict


def test_an_event_cannot_end_before_it_starts(forum, editor):
    with pytest.raises(ValidationError) as raised:
        save(forum, editor, (UPCOMING[1], UPCOMING[0]))
    assert "ends_at" in raised.value.error_dict


def test_an_event_in_person_needs_a_place(forum, editor):
    with pytest.raises(ValidationError):
        save(forum, editor, mode="in_person", places={})


def test_an_editor_makes_an_article_an_event_in_the_admin(editor, client):
    piece = ArticleFactory(languages={"en": {"slug": "panel"}})
    client.force_login(editor)
    change = client.get(f"/admin/articles/article/{piece.pk}/change/?language=en").content
    assert ADMIN.format(piece.pk).encode() in change
    assert client.get(ADMIN.format(piece.pk)).status_code == 200
    response = client.post(ADMIN.format(piece.pk), form_data(venue_fa="هتل آدلون"), follow=True)
    assert "The event was saved." in response.content.decode()
    event = Event.objects.get(article=piece)
    assert event.starts_at == dt.datetime(2030, 6, 12, 18, 30, tzinfo=BERLIN)
    assert {p.language_code: p.venue for p in event.translations.all()} == {
        "en": "Hotel Adlon", "fa": "هتل آدلون"}  # fmt: skip
    # The screen shows the times on the event's clocks again.
    assert 'value="2030-06-12T18:30"' in client.get(ADMIN.format(piece.pk)).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends": "2030-06-12T17:00"}, "The event cannot end before it starts."),
        ({"time_zone": "Europe/Atlantis"}, "is not a time zone"),
        ({"registration_url": "not a link at all"}, "Enter a valid URL."),
        ({"recording_url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"starts": "2030-03-31T02:30"}, "The clocks skip this time in Europe/Berlin"),
        ({"starts": "yesterday"}, "Enter a valid date/time."),
        ({"country": "Germany"}, "Two letters"),
        ({"mode": "teleport"}, "Select a valid choice."),
        ({"venue_en": "", "city_en": ""}, "needs its venue or address"),
    ],
)
def test_bad_input_on_the_event_screen_is_a_form_error(editor, client, changes, message):
    piece = ArticleFactory()
    client.force_login(editor)
    response = client.post(ADMIN.format(piece.pk), form_data(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_only_who_may_change_shared_fields_changes_the_event(author, translator, client):
    piece = ArticleFactory()
    for user in (author, translator):
        with pytest.raises(NotPermitted):
            save(piece, user)
    client.force_login(translator)
    assert client.post(ADMIN.format(piece.pk), form_data()).status_code == 403
    assert not Event.objects.exists()
    assert client.get(ADMIN.format(999999999)).status_code == 404


def test_the_english_page_shows_the_times_in_both_zones_and_the_place(forum):
    page = plain(Client().get("/policy-analysis/energy-forum"))
    assert '<time datetime="2030-06-12T16:30:00+00:00"' in page
    assert "(the Institute’s time, UTC, UTC+00:00)" in page
    assert '<time datetime="2030-06-12T18:30:00+02:00"' in page
    assert (
        'June 12, 2030, 6:30 p.m.</time> – <time datetime="2030-06-12T20:00:00+02:00">8 p.m.'
        in page
    )
    assert "(local time at the event, Europe/Berlin, UTC+02:00)" in page
    assert "Hotel Adlon, Unter den Linden 77, Berlin" in page
    assert 'href="https://example.org/register"' in page
    assert 'href="https://example.org/live"' in page
    assert "Leila Karimi" in page and "Jane Roe" in page and "John Doe" in page
    assert 'href="/policy-analysis/energy-forum/event.ics"' in page
    assert 'type="text/calendar"' in page and 'href="/feeds/events.ics"' in page


def test_the_farsi_page_dates_the_event_in_the_solar_hijri_calendar(forum):
    raw = Client().get("/fa/policy-analysis/hamayesh").content.decode()
    # Zone names and offsets stay left to right inside the right-to-left line.
    assert '<bdi dir="ltr">Europe/Berlin</bdi>' in raw and '<bdi dir="ltr">UTC+۰۲:۰۰</bdi>' in raw
    page = plain(Client().get("/fa/policy-analysis/hamayesh"))
    assert "۲۲ خرداد ۱۴۰۹" in page  # 12 June 2030
    assert "۱۸:۳۰" in page and "۱۶:۳۰" in page
    assert "UTC+۰۲:۰۰" in page
    assert "هتل آدلون" in page and "لیلا کریمی" in page
    assert 'href="/fa/policy-analysis/hamayesh/event.ics"' in page


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Europe/Paris"])
def test_the_event_s_own_zone_is_shown_only_when_its_clocks_differ(forum, settings, zone):
    settings.TIME_ZONE = zone
    page = plain(Client().get("/policy-analysis/energy-forum"))
    assert "local time at the event" not in page
    assert f"(the Institute’s time, {zone}, UTC+02:00)" in page


def test_the_arabic_page_falls_back_to_the_source_place(forum, editor):
    forum.translations.filter(language_code="ar").update(state="published")
    save(forum, editor, places={"en": BERLIN_PLACES["en"]})
    page = Client().get("/ar/policy-analysis/muntada").content.decode()
    assert '<span lang="en" dir="auto">Hotel Adlon' in page
    assert "١٢ يونيو" in page or "12 يونيو" in page


def test_a_past_event_offers_its_recording_and_no_registration(briefing):
    page = plain(Client().get("/policy-analysis/sanctions-briefing"))
    assert 'href="https://example.org/video"' in page
    assert "Register" not in page
    assert "(local time at the event, Asia/Tehran, UTC+03:30)" in page


def test_an_unpublished_event_page_and_its_ics_are_not_found(forum):
    client = Client()
    assert client.get("/ar/policy-analysis/muntada").status_code == 404
    assert client.get("/ar/policy-analysis/muntada/event.ics").status_code == 404
    forum.is_withdrawn = True
    forum.save()
    assert client.get("/policy-analysis/energy-forum").status_code == 404
    assert client.get("/policy-analysis/energy-forum/event.ics").status_code == 404
    ArticleFactory(languages={"en": {"slug": "no-event"}})
    assert client.get("/policy-analysis/no-event/event.ics").status_code == 404


def test_an_event_page_costs_one_query_more_than_an_article_page(forum):
    from tests.articles.test_article_page import page_queries

    ArticleFactory(languages={"en": {"slug": "plain-brief"}})
    client = Client()
    cache.clear()
    plain = page_queries(client, "/policy-analysis/plain-brief")
    cache.clear()
    # Its speakers; the event and its place come in the versions' query.
    assert page_queries(client, "/policy-analysis/energy-forum") == plain + 1 == 8
