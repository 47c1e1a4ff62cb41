"""
Restoring a revision: the article brought back to an earlier snapshot (articles.revisions),
its shared fields, links and every translation's text, as one more step of its history.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import i18n
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic
from translations.models import namespace_owner
from translations.sources import source_text, translation_text_saved

from . import policy
from .changes import article_changed
from .models import Article, ArticleRevision, ArticleTranslation, Episode, Event, State
from .redirects import slug_redirect_record
from .revisions import TRANSLATION_FIELDS, revision_create
from .services import Action, NotPermitted, lock, record
from .services_events import Place, event_over_schedule, event_places_save
from .services_links import Links, links_write


@transaction.atomic
def revision_restore(*, revision: ArticleRevision, user) -> list[str]:
    """
    Bring the article back to revision: shared fields, relations and every translation's
    text, and an event's or a podcast episode's facts. Workflow fields (states,
    publication time, withdrawal) stay as they are; a translation added since is removed,
    one removed since comes back as a draft. The
    current state is recorded first, so a restore can itself be undone. Return notes on
    what could not be restored (a deleted expert, a slug taken since).
    """
    article = lock(revision.article)
    if not policy.can_restore(user, article):
        raise NotPermitted(_("You may not restore revisions of this article."))
    revision_create(article=article, user=user)
    source_before = source_text(article)
    shared, notes = revision.snapshot["shared"], []
    if ArticleType.objects.filter(pk=shared["article_type"]).exists():
        article.article_type_id = shared["article_type"]
    article.source_language = shared["source_language"]
    article.is_featured = shared["is_featured"]
    article.hero_image = shared["hero_image"]
    article.full_clean()
    article.save()
    experts = set(Expert.objects.filter(pk__in=shared["authors"]).values_list("pk", flat=True))
    targets = set(Article.objects.filter(pk__in=shared["related"]).values_list("pk", flat=True))
    links = Links(
        authors=[pk for pk in shared["authors"] if pk in experts],
        topics=Topic.objects.filter(pk__in=shared["topics"]),
        regions=Region.objects.filter(pk__in=shared["regions"]),
        pinned=[pk for pk in shared["related"] if pk in targets - {article.pk}],
    )
    links_write(article=article, links=links)  # Checked above, by the restore's own rule.
    if len(experts) < len(set(shared["authors"])):
        notes.append(_("An author of that revision has since been deleted."))
    current = {t.language_code: t for t in article.translations.select_for_update()}
    for language, fields in revision.snapshot["translations"].items():
        if not i18n.is_site_language(language):
            continue
        existing = current.pop(language, None)
        item = existing or ArticleTranslation(master=article, language_code=language)
        old_slug = item.slug
        for field in TRANSLATION_FIELDS:
            setattr(item, field, fields.get(field) or "")
        if item.slug and namespace_owner(item.slug, language, exclude=item) is not None:
            notes.append(
                _("The old address “%(slug)s” is used by another piece now; kept “%(kept)s”.")
                % {"slug": item.slug, "kept": old_slug or item.make_slug()}
            )
            item.slug = old_slug
        if existing is None:
            item.state = State.DRAFT
        item.full_clean()
        item.save()
        slug_redirect_record(
            article=article, language=language, old_slug=old_slug, new_slug=item.slug
        )
    for extra in current.values():
        extra.delete()  # Added after the revision; the revision recorded above keeps it.
    # An event or episode the revision does not know (made since) is kept as it is.
    if "event" in revision.snapshot:
        notes += event_restore(article=article, facts=revision.snapshot["event"])
    if "episode" in revision.snapshot:
        notes += episode_restore(article=article, facts=revision.snapshot["episode"])
    # Bringing back older source text outdates the translations like any normal edit.
    changed = [f for f, value in source_text(article).items() if source_before.get(f) != value]
    translation_text_saved(obj=article, language=article.source_language, changed_fields=changed,
                           created=False)  # fmt: skip
    record(article, user, Action.RESTORE, comment=f"#{revision.pk}",
            kind=ArticleRevision.Kind.RESTORE, restored_from=revision)  # fmt: skip
    # The rows above report themselves; say it whole too, as every save of the article does.
    article_changed(article.pk)
    return notes


EVENT_FIELDS = ("time_zone", "mode", "status", "country", "registration_url", "online_url",
                "recording_url", "outside_speakers")  # fmt: skip


def event_restore(*, article: Article, facts: dict) -> list[str]:
    """Put back an event's times, place in each language, links and speakers."""
    event = Event.objects.select_for_update().filter(article=article).first()
    event = event or Event(article=article)
    for name in EVENT_FIELDS:
        setattr(event, name, facts.get(name, ""))
    event.starts_at = dt.datetime.fromisoformat(facts["starts_at"])
    event.ends_at = dt.datetime.fromisoformat(facts["ends_at"])
    event.updated_at = timezone.now()
    event.full_clean(exclude=["article"])
    event.save()
    places = {
        language: Place(**place)
        for language, place in facts.get("places", {}).items()
        if i18n.is_site_language(language)
    }
    event_places_save(event, places)
    event_over_schedule(event)
    notes = []
    if "speakers" in facts:  # Snapshots older than this key keep the current speakers.
        speakers = list(Expert.objects.filter(pk__in=facts["speakers"]))
        event.speakers.set(speakers)
        if len(speakers) < len(facts["speakers"]):
            notes.append(_("A speaker of that revision has since been deleted."))
    return notes


def episode_restore(*, article: Article, facts: dict) -> list[str]:
    """
    Put back an episode's numbers, explicit flag and guests. Not its audio: a replaced
    file is deleted from storage, so the current one stays (and a note says so).
    """
    episode = Episode.objects.select_for_update().filter(article=article).first()
    if episode is None:
        return [_("The podcast episode of that revision has since been removed.")]
    notes = []
    episode.episode_number = facts["episode_number"]
    episode.season_number = facts.get("season_number")
    episode.explicit = facts.get("explicit", False)
    episode.outside_guests = facts.get("outside_guests", "")
    episode.updated_at = timezone.now()
    episode.full_clean(exclude=["article"])
    episode.save()
    if facts.get("audio") and facts["audio"] != episode.audio.name:
        notes.append(_("The audio file of that revision was replaced since; kept the current one."))
    if "guests" in facts:
        guests = list(Expert.objects.filter(pk__in=facts["guests"]))
        episode.guests.set(guests)
        if len(guests) < len(facts["guests"]):
            notes.append(_("A guest of that revision has since been deleted."))
    return notes
