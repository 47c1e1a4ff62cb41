"""
The demo's events: two pieces public in all three languages become events of the "Event"
content type, one ahead (a panel in Washington, in person and online) and one past (an
online briefing from London, with its recording), each retitled for what it is.

As (English, Arabic, Farsi) triplets, like demo.vocabulary.
"""

import datetime as dt
import zoneinfo

from articles.models import ArticleTranslation
from articles.services_events import Place, event_save

LANGS = ("en", "ar", "fa")

EVENT_TYPE = ("Event", "فعالية", "رویداد")

UPCOMING = {
    "title": (
        "Panel: Energy markets after the sanctions",
        "ندوة: أسواق الطاقة بعد العقوبات",
        "میزگرد: بازارهای انرژی پس از تحریم‌ها",
    ),
    "summary": (
        "Three of the Institute's experts and a guest discuss what the end of sanctions "
        "would change for oil and gas markets. In Washington and online.",
        "ثلاثة من خبراء المعهد وضيف يناقشون ما سيغيّره انتهاء العقوبات في أسواق النفط "
        "والغاز. في واشنطن وعبر الإنترنت.",
        "سه تن از کارشناسان مؤسسه و یک مهمان دربارهٔ آنچه پایان تحریم‌ها در بازارهای نفت "
        "و گاز تغییر می‌دهد گفتگو می‌کنند. در واشینگتن و به‌صورت آنلاین.",
    ),
    "time_zone": "America/New_York",
    "places": (
        Place(
            venue="The Institute's conference room",
            address="1111 19th Street NW",
            city="Washington, DC",
        ),
        Place(
            venue="قاعة المؤتمرات في المعهد",
            address="1111 الشارع التاسع عشر، شمال غرب",
            city="واشنطن العاصمة",
        ),
        Place(
            venue="سالن همایش مؤسسه", address="۱۱۱۱ خیابان نوزدهم، شمال غربی", city="واشینگتن دی‌سی"
        ),
    ),  # fmt: skip
    "country": "US",
    "registration_url": "https://events.example.org/energy-panel/register",
    "online_url": "https://events.example.org/energy-panel/live",
    "outside_speakers": "Maria Lopez",
}
PAST = {
    "title": (
        "Briefing: The region after the elections",
        "إحاطة: المنطقة بعد الانتخابات",
        "نشست خبری: منطقه پس از انتخابات",
    ),
    "summary": (
        "An online briefing for journalists on what the elections changed, with the "
        "recording to watch again.",
        "إحاطة عبر الإنترنت للصحفيين حول ما غيّرته الانتخابات، مع تسجيلها لمشاهدته مجددًا.",
        "نشستی آنلاین برای روزنامه‌نگاران دربارهٔ آنچه انتخابات تغییر داد، همراه با "
        "ویدیوی آن برای تماشای دوباره.",
    ),
    "time_zone": "Europe/London",
    "recording_url": "https://video.example.org/briefings/region-after-the-elections",
    "outside_speakers": "",
}


def upcoming_times(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """Three weeks ahead, noon to half past one in Washington."""
    zone = zoneinfo.ZoneInfo(UPCOMING["time_zone"])
    day = (now + dt.timedelta(days=21)).astimezone(zone).date()
    start = dt.datetime.combine(day, dt.time(12), tzinfo=zone)
    return start, start + dt.timedelta(minutes=90)


def past_times(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """Forty days back, three to four in the afternoon in London."""
    zone = zoneinfo.ZoneInfo(PAST["time_zone"])
    day = (now - dt.timedelta(days=40)).astimezone(zone).date()
    start = dt.datetime.combine(day, dt.time(15), tzinfo=zone)
    return start, start + dt.timedelta(hours=1)


def hold_events(pieces, *, kind, editor, now) -> None:
    """Make pieces[0] the upcoming event and pieces[1] the past one, of content type kind."""
    for article, facts, when in zip(
        pieces, (UPCOMING, PAST), (upcoming_times, past_times), strict=True
    ):
        article.article_type = kind
        article.save()
        for n, lang in enumerate(LANGS):
            ArticleTranslation.objects.filter(master=article, language_code=lang).update(
                title=facts["title"][n], summary=facts["summary"][n]
            )
        places = facts.get("places")
        starts_at, ends_at = when(now)
        event_save(
            article=article, user=editor, starts_at=starts_at, ends_at=ends_at,
            time_zone=facts["time_zone"], mode="hybrid" if places else "online",
            country=facts.get("country", ""), registration_url=facts.get("registration_url", ""),
            online_url=facts.get("online_url", ""), recording_url=facts.get("recording_url", ""),
            speakers=list(article.authors.all()), outside_speakers=facts["outside_speakers"],
            places=dict(zip(LANGS, places, strict=True)) if places else {},
        )  # fmt: skip
