"""Events for tests: an upcoming one in Berlin, a past one in Tehran, saved by the service."""

import datetime as dt
import zoneinfo

import pytest

from articles.services_events import Place, event_save
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory

BERLIN, TEHRAN = zoneinfo.ZoneInfo("Europe/Berlin"), zoneinfo.ZoneInfo("Asia/Tehran")
# 12 June 2030, 18:30-20:00 in Berlin (CEST, UTC+2): 16:30-18:00 UTC, 22 Khordad 1409.
UPCOMING = (
    dt.datetime(2030, 6, 12, 18, 30, tzinfo=BERLIN),
    dt.datetime(2030, 6, 12, 20, tzinfo=BERLIN),
)
# 5 November 2025, 10:00-11:30 in Tehran (UTC+3:30): 06:30-08:00 UTC, 14 Aban 1404.
PAST = (
    dt.datetime(2025, 11, 5, 10, tzinfo=TEHRAN),
    dt.datetime(2025, 11, 5, 11, 30, tzinfo=TEHRAN),
)
BERLIN_PLACES = {
    "en": Place(venue="Hotel Adlon", address="Unter den Linden 77", city="Berlin"),
    "ar": Place(venue="فندق أدلون", address="أونتر دن ليندن 77", city="برلين"),
    "fa": Place(venue="هتل آدلون", address="اونتر دن لیندن ۷۷", city="برلین"),
}


def save(article, user, when=UPCOMING, **fields):
    fields.setdefault("time_zone", "Europe/Berlin")
    fields.setdefault("mode", "hybrid")
    fields.setdefault("places", BERLIN_PLACES)
    return event_save(article=article, user=user, starts_at=when[0], ends_at=when[1], **fields)


@pytest.fixture
def speaker():
    return ExpertFactory(names={"en": "Leila Karimi", "ar": "ليلى كريمي", "fa": "لیلا کریمی"})


@pytest.fixture
def forum(editor, speaker):
    """An upcoming hybrid event, public in English and Farsi, a draft in Arabic."""
    article = ArticleFactory(
        languages={
            "en": {"slug": "energy-forum", "title": "Energy forum", "summary": "A panel."},
            "fa": {"slug": "hamayesh", "title": "همایش انرژی"},
            "ar": {"slug": "muntada", "title": "منتدى الطاقة", "state": "draft"},
        }
    )
    save(article, editor, registration_url="https://example.org/register",
         online_url="https://example.org/live", speakers=[speaker],
         outside_speakers="Jane Roe, , John Doe ", country="de")  # fmt: skip
    return article


@pytest.fixture
def briefing(editor):
    """A past online event in Tehran's time, with its recording, public in English."""
    article = ArticleFactory(languages={"en": {"slug": "sanctions-briefing",
                                               "title": "Sanctions briefing"}})  # fmt: skip
    save(article, editor, PAST, time_zone="Asia/Tehran", mode="online", places={},
         recording_url="https://example.org/video")  # fmt: skip
    return article
