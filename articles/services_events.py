"""
Making an article an event, and changing its times, place, links and speakers.

Whoever may change what all its languages share may do it (policy.can_edit_shared): an
editor always; an author while their source text is a draft. Each save is recorded as a
workflow event and a revision, and is a change readers see when a version is public. A
task set for the event's end reports it again then (articles.tasks_events): the event
moves from the upcoming to the past listings, and its page offers the recording, with
nothing saved.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import i18n
from core.events import content_change
from core.tasks import enqueue

from . import policy
from .changes import KIND
from .models import Article, ArticleRevision, Event
from .services import Action, NotPermitted, lock, record
from .tasks_events import event_over


@dataclass(frozen=True)
class Place:
    """Where an event takes place, as readers of one language read it."""

    venue: str = ""
    address: str = ""
    city: str = ""

    def __bool__(self) -> bool:
        return bool(self.venue or self.address or self.city)


@transaction.atomic
def event_save(
    *,
    article: Article,
    user,
    starts_at,
    ends_at,
    time_zone: str,
    mode: str,
    status: str = Event.Status.SCHEDULED,
    country: str = "",
    registration_url: str = "",
    online_url: str = "",
    recording_url: str = "",
    speakers=(),
    outside_speakers: str = "",
    places: dict[str, Place] | None = None,
) -> Event:
    """
    Make article an event, or change its event. starts_at and ends_at are aware
    datetimes; places maps a language to its Place (a language left out, or with an
    empty Place, has none). Raise ValidationError for bad values (end before start, an
    unknown time zone, a link that is not http or https).
    """
    article = lock(article)
    if not policy.can_edit_shared(user, article):
        raise NotPermitted(_("You may not change the event of this article."))
    event = Event.objects.filter(article=article).first() or Event(article=article)
    event.starts_at, event.ends_at, event.time_zone = starts_at, ends_at, time_zone
    event.mode, event.status, event.country = mode, status, (country or "").upper()
    event.registration_url = registration_url or ""
    event.online_url = online_url or ""
    event.recording_url = recording_url or ""
    event.outside_speakers = ", ".join(
        name for name in (n.strip() for n in (outside_speakers or "").split(",")) if name
    )
    event.updated_at = timezone.now()
    event.full_clean(exclude=["article"])
    if event.in_person and not any((places or {}).values()):
        raise ValidationError(
            _("An event in person needs its venue or address in at least one language.")
        )
    event.save()
    event.speakers.set(speakers)
    event_places_save(event, places or {})
    record(article, user, Action.EVENT, comment=f"{event.starts_at:%Y-%m-%d %H:%M %Z}",
           kind=ArticleRevision.Kind.TRANSITION)  # fmt: skip
    # The event is shared by every language version (no languages: all of them).
    public = any(t.is_public() for t in article.translations.all())
    content_change(kind=KIND, id=article.pk, public=public)
    event_over_schedule(event)
    return event


def event_over_schedule(event: Event) -> None:
    """Report the event again at its end, once this transaction commits (if it is to come)."""
    if event.ends_at > timezone.now():
        article_id, ends_at = event.article_id, event.ends_at
        transaction.on_commit(lambda: enqueue(event_over, article_id=article_id, run_after=ends_at))


def event_places_save(event: Event, places: dict[str, Place]) -> None:
    """Give event exactly places: a site language left out, or with an empty Place, has none."""
    for language in i18n.language_codes():
        _place_put(event, language, places.get(language) or Place())


def _place_put(event: Event, language: str, place: Place) -> None:
    translations = Event._parler_meta.root_model
    if place:
        translations.objects.update_or_create(
            master=event,
            language_code=language,
            defaults={"venue": place.venue, "address": place.address, "city": place.city},
        )
    else:
        translations.objects.filter(master=event, language_code=language).delete()


def event_place_of(event: Event, language: str) -> Place:
    """The place event has in language itself (no fallback); empty if none."""
    row = event.translations.filter(language_code=language).first()
    return Place(row.venue, row.address, row.city) if row else Place()


@transaction.atomic
def event_place_translate(*, article: Article, language: str, place: Place, user) -> bool:
    """
    Give article's event place in language (an empty Place: none there), as part of that
    language's translation: whoever may change its text may (policy.can_edit_translation).
    The caller records the revision. Return True if the place changed.
    """
    if not policy.can_edit_translation(user, article, language):
        raise NotPermitted(_("You may not change the %(language)s translation of this article.")
                           % {"language": i18n.language_name(language)})  # fmt: skip
    event = Event.objects.select_for_update().get(article=article)
    if event_place_of(event, language) == place:
        return False
    _place_put(event, language, place)
    if event.in_person and not event.translations.exists():
        raise ValidationError(
            _("An event in person needs its venue or address in at least one language.")
        )
    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now())
    public = article.translations.filter(language_code=language).first()
    content_change(kind=KIND, id=article.pk, languages=[language],
                   public=public is not None and public.is_public())  # fmt: skip
    return True
