"""
Events: an event is an article (its translations, workflow, visibility, search,
recommendations, sitemap and feeds are the article's) with one `Event`: when it starts
and ends, in which time zone, in person, online or both, its registration link, its
speakers and, afterwards, a link to its recording.

What readers see of the place in each language, the venue's name, its address and city,
is an `EventTranslation` (django-parler's TranslatedFields, as every other translatable
model here): a place is written in each script ("Hotel Adlon", "فندق أدلون", "هتل آدلون")
but is not text a translator works through the article's workflow, so it lives beside the
event, not in the article's translation. It is shown on a language's page only while that
language version is public (the article's visibility rule); where a language has none, the
page falls back to the source language's (EventQuerySet / place_in). The times, the mode
and the links are shared by every language.

Imported by articles.models, so Django sees the model as part of the app.
"""

import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, When
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

WEB = [URLValidator(schemes=["http", "https"])]


@functools.cache
def time_zone_names() -> frozenset[str]:
    """The IANA time zone names zoneinfo knows (the system's or the tzdata package's)."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(name: str) -> None:
    """Refuse a name that is not an IANA time zone ("Europe/Berlin", "Asia/Tehran")."""
    if name not in time_zone_names():
        raise ValidationError(
            _("“%(name)s” is not a time zone: use an IANA name such as Europe/Berlin."),
            code="time_zone",
            params={"name": name},
        )


class EventQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """The events not over yet (those under way too)."""
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Event(TranslatableModel):
    """When, where and with whom an article that is an event takes place."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="event"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("Where the event takes place, as an IANA name: Europe/Berlin, Asia/Tehran."),
    )
    mode = models.CharField(_("attendance"), max_length=20, choices=Mode.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    country = models.CharField(
        _("country code"),
        max_length=2,
        blank=True,
        help_text=_("Where it takes place in person: the two-letter ISO code, such as DE."),
    )
    registration_url = models.URLField(
        _("registration link"), max_length=500, blank=True, validators=WEB
    )
    online_url = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        validators=WEB,
        help_text=_("Where to watch or join online."),
    )
    recording_url = models.URLField(
        _("recording link"),
        max_length=500,
        blank=True,
        validators=WEB,
        help_text=_("The video or audio of the event, once there is one."),
    )
    speakers = models.ManyToManyField(
        "experts.Expert", verbose_name=_("speakers"), blank=True, related_name="speaker_events"
    )
    outside_speakers = models.CharField(
        _("other speakers"),
        max_length=500,
        blank=True,
        help_text=_("Names of speakers who are not experts of the institute, separated by commas."),
    )
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    translations = TranslatedFields(
        venue=models.CharField(_("venue"), max_length=300, blank=True),
        address=models.CharField(_("street address"), max_length=300, blank=True),
        city=models.CharField(_("city"), max_length=200, blank=True),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["ends_at", "starts_at"], name="event_when")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.time_zone}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event cannot end before it starts.")})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_over(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def in_person(self) -> bool:
        return self.mode in (self.Mode.IN_PERSON, self.Mode.HYBRID)

    @property
    def online(self) -> bool:
        return self.mode in (self.Mode.ONLINE, self.Mode.HYBRID)

    @property
    def outside_speaker_names(self) -> list[str]:
        return [name.strip() for name in self.outside_speakers.split(",") if name.strip()]


def place_in(places, language: str, source: str):
    """
    Return the EventTranslation to show in language among places (an event's), else the
    source language's, else any; None when the event has none.
    """
    by_language = {place.language_code: place for place in places}
    return (
        by_language.get(language)
        or by_language.get(source)
        or next(iter(by_language.values()), None)
    )


def place_json(language: str, *, article: str) -> Subquery:
    """
    place_in's choice as one JSON value, for a query whose field `article` is the event's
    article: {"language_code", "venue", "address", "city"}, or null.
    """
    places = Event._parler_meta.root_model.objects.filter(master__article=OuterRef(article))
    source = F("master__article__source_language")
    rank = Case(When(language_code=language, then=0), When(language_code=source, then=1), default=2)
    place = JSONObject(language_code="language_code", venue="venue", address="address", city="city")
    ranked = places.annotate(rank=rank).order_by("rank", "language_code")
    return Subquery(ranked.values(place=place)[:1])


def place_from_json(data: dict | None):
    """An unsaved EventTranslation from place_json's value (None for null)."""
    return Event._parler_meta.root_model(**data) if data else None
