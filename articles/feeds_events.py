"""
Events as iCalendar (RFC 5545), written with the icalendar library: one event's file at
/policy-analysis/<slug>/event.ics, and the calendar of a language at /feeds/events.ics
(/ar/feeds/events.ics, /fa/feeds/events.ics) that calendar apps subscribe to.

Both list only versions public in the language (the one visibility rule). An event's UID
names the article and the language, never the address, so it stays the same when a slug
changes and a calendar app updates the entry it has instead of adding another. Times are
in the event's own time zone (DTSTART;TZID=...), with the VTIMEZONE it needs.
"""

from datetime import timedelta

import icalendar
from django.contrib.sites.shortcuts import get_current_site
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

from core import cache_tags

from .metadata import site_name
from .models import Article, Event
from .models_events import place_in
from .page_data import public_versions

CONTENT_TYPE = "text/calendar; charset=utf-8"
STATUS = {
    Event.Status.SCHEDULED: "CONFIRMED",
    Event.Status.POSTPONED: "TENTATIVE",
    Event.Status.CANCELLED: "CANCELLED",
}
# How far back the calendar of a language goes: a year of past events, and every one ahead.
CALENDAR_PAST = timedelta(days=365)
CALENDAR_ITEMS = 500


def event_uid(request, article, language: str) -> str:
    domain = split_domain_port(get_current_site(request).domain)[0] or "localhost"
    return f"event-{article.pk}-{language}@{domain}"


def place_text(place) -> str:
    """The place of an event as one line: venue, address, city."""
    if place is None:
        return ""
    parts = [place.venue, place.address, place.city]
    return gettext(", ").join(part for part in parts if part)


def vevent(request, article, language: str, places) -> icalendar.Event:
    """Return the VEVENT of one public language version of an event."""
    event = article.event
    url = request.build_absolute_uri(article.get_absolute_url())
    item = icalendar.Event()
    item.add("uid", event_uid(request, article, language))
    item.add("dtstamp", event.updated_at)
    item.add("last-modified", event.updated_at)
    zone = event.zone
    item.add("dtstart", event.starts_at.astimezone(zone))
    item.add("dtend", event.ends_at.astimezone(zone))
    item.add("summary", article.title)
    item.add("description", "\n\n".join(text for text in (article.summary, url) if text))
    item.add("url", url)
    item.add("status", STATUS[event.status])
    location = place_text(place_in(places, language, article.source_language)) if (
        event.in_person
    ) else ""  # fmt: skip
    if event.online and event.online_url:
        location = " · ".join(text for text in (location, event.online_url) if text)
    if location:
        item.add("location", location)
    return item


def calendar(request, language: str, articles, *, name: str) -> bytes:
    """Return an iCalendar file of articles' events (public versions in language)."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site_name()}//Events//{language.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    for article in articles:
        places = list(article.event.translations.all())
        cal.add_component(vevent(request, article, language, places))
    cal.add_missing_timezones()
    return cal.to_ical()


def _respond(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def public_events(language: str):
    """The articles public in language that are events, with their places."""
    return (
        Article.objects.public(language)
        .filter(event__isnull=False)
        .select_related("event")
        .prefetch_related(Prefetch("event__translations"))
    )


@require_safe
def event_ics(request, slug):
    """Serve the .ics of the event whose public version in the page language has slug."""
    language = get_language()
    versions = public_versions(slug, language)
    if not versions or getattr(versions[language].master, "event", None) is None:
        raise Http404("No event has this address in this language.")
    article = versions[language].master
    cache_tags.shows(cache_tags.article(article.pk))
    found = public_events(language).filter(pk=article.pk)
    content = calendar(request, language, found, name=versions[language].title)
    return _respond(content, f"{slug}.ics")


@require_safe
def events_calendar(request):
    """Serve the calendar of the language's public events: a year back, and all ahead."""
    language = get_language()
    cache_tags.shows(cache_tags.listing(language))
    since = timezone.now() - CALENDAR_PAST
    articles = list(
        public_events(language)
        .filter(event__ends_at__gte=since)
        .order_by("event__starts_at", "pk")[:CALENDAR_ITEMS]
    )
    cache_tags.shows(*(cache_tags.article(article.pk) for article in articles))
    name = gettext("Events · %(site)s") % {"site": site_name()}
    return _respond(calendar(request, language, articles, name=name), "events.ics")
