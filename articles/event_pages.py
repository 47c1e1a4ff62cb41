"""
What an event's page shows beyond the article's: its speakers, its place in the page's
language, and its times, in the institute's time zone (TIME_ZONE) and, where its clocks
differ, in the event's own, each written in the language's calendar (Solar Hijri on Farsi
pages, core.calendars) with the Gregorian date as the second.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html

from core import cache_tags, calendars, i18n
from experts.models import Expert

from .models import Event
from .models_events import place_from_json


@dataclass(frozen=True)
class Moment:
    iso: str  # ISO 8601 with the zone's offset, for <time datetime>
    date: str  # in the language's calendar
    time: str
    other: str  # the date in the language's second calendar, or ""


@dataclass(frozen=True)
class Times:
    """An event's start and end on the clocks of one time zone."""

    zone: str
    offset: str  # "UTC+03:30", in the language's digits
    start: Moment
    end: Moment
    same_day: bool

    @property
    def zone_html(self) -> str:
        """The zone's name and offset kept left to right inside right-to-left text."""
        return format_html('<bdi dir="ltr">{}</bdi>', self.zone)

    @property
    def offset_html(self) -> str:
        return format_html('<bdi dir="ltr">{}</bdi>', self.offset)


def utc_offset(moment: dt.datetime, language: str) -> str:
    minutes = round(moment.utcoffset().total_seconds() / 60)
    sign = "+" if minutes >= 0 else "−"
    hours, minutes = divmod(abs(minutes), 60)
    return i18n.localize_digits(f"UTC{sign}{hours:02d}:{minutes:02d}", language)


def moment_in(value: dt.datetime, zone: zoneinfo.ZoneInfo, language: str) -> Moment:
    local = value.astimezone(zone)
    with timezone.override(zone):
        date, other = calendars.format_dates(local, language=language)
        time = calendars.format_date(local, "TIME_FORMAT", language=language)
    return Moment(iso=local.isoformat(), date=date, time=time, other=other)


def times_in(event: Event, zone: zoneinfo.ZoneInfo, language: str) -> Times:
    start, end = (
        moment_in(event.starts_at, zone, language),
        moment_in(event.ends_at, zone, language),
    )
    return Times(
        zone=str(zone.key),
        offset=utc_offset(event.starts_at.astimezone(zone), language),
        start=start,
        end=end,
        same_day=event.starts_at.astimezone(zone).date() == event.ends_at.astimezone(zone).date(),
    )


def event_times(event: Event, language: str) -> list[Times]:
    """The event's times in the institute's zone, then in its own if its clocks differ."""
    home = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    shown = [times_in(event, home, language)]
    own = event.zone
    if any(moment.astimezone(own).utcoffset() != moment.astimezone(home).utcoffset()
           for moment in (event.starts_at, event.ends_at)):  # fmt: skip
        shown.append(times_in(event, own, language))
    return shown


def event_context(article, language: str) -> dict:
    """
    The page's event and its place in the language (they came with the page's versions,
    page_data.VERSIONS), and, on an event's page only, its speakers: one query.
    """
    event = getattr(article, "event", None)
    if event is None:
        return {"event": None}
    speakers = list(
        Expert.objects.with_fallback_translation(language)
        .filter(speaker_events=event)
        .order_by("slug")
    )
    cache_tags.shows(*(cache_tags.of(speaker) for speaker in speakers))
    return {
        "event": event,
        "speakers": speakers,
        "place": place_from_json(event.place_json),
        "event_times": event_times(event, language),
    }
