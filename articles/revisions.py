"""
Revisions: JSON snapshots of an article with all its translations and relations.

A snapshot holds the shared fields, the ordered authors and pins, the topics and regions,
and each translation's text and state. Comparing two snapshots gives the readable diff of
the history view and of the conflict message; a hash of part of one is the version token
the change form carries (see articles.forms).
"""

import hashlib
import json
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core import i18n

from .models import Article, ArticleRevision, ArticleTranslation, Episode, Event

SHARED_FIELDS = [
    "article_type",
    "source_language",
    "published_at",
    "is_featured",
    "is_withdrawn",
    "hero_image",
]
RELATION_FIELDS = ["authors", "topics", "regions", "related"]
TRANSLATION_FIELDS = [
    "title",
    "slug",
    "summary",
    "body",
    "author_note",
    "hero_alt",
    "hero_credit",
]
#: An event's and a podcast episode's facts, shared by every language (diffs, not tokens).
EVENT_FACTS = ["starts_at", "ends_at", "time_zone", "mode", "status", "country", "registration_url",
               "online_url", "recording_url", "speakers", "outside_speakers"]  # fmt: skip
EPISODE_FACTS = ["audio", "episode_number", "season_number", "explicit", "guests", "outside_guests"]
#: An event's place in each language (Event's translated fields, articles.xliff's units).
PLACE_FIELDS = ["venue", "address", "city"]
#: Workflow fields: shown in diffs, never brought back by a restore.
WORKFLOW_FIELDS = {"published_at", "is_withdrawn", "state"}

LABELS = {
    "article_type": _("content type"),
    "source_language": _("source language"),
    "published_at": _("publication time"),
    "is_featured": _("featured"),
    "is_withdrawn": _("withdrawn"),
    "hero_image": _("hero image"),
    "authors": _("authors"),
    "topics": _("topics"),
    "regions": _("regions and countries"),
    "related": _("pinned related articles"),
    "title": _("title"),
    "slug": _("slug"),
    "summary": _("summary"),
    "body": _("body"),
    "author_note": _("author note"),
    "hero_alt": _("hero image description"),
    "hero_credit": _("hero image credit"),
    "state": _("state"),
    "starts_at": _("starts"),
    "ends_at": _("ends"),
    "time_zone": _("time zone"),
    "mode": _("attendance"),
    "status": _("status"),
    "country": _("country code"),
    "registration_url": _("registration link"),
    "online_url": _("online link"),
    "recording_url": _("recording link"),
    "speakers": _("speakers"),
    "outside_speakers": _("other speakers"),
    "audio": _("audio file"),
    "episode_number": _("episode number"),
    "season_number": _("season number"),
    "explicit": _("explicit"),
    "guests": _("guests"),
    "outside_guests": _("other guests"),
    # An event's place in a language (Event's translated fields).
    "venue": _("venue"),
    "address": _("street address"),
    "city": _("city"),
}


def snapshot(article: Article) -> dict:
    """Return the article as it is in the database, as plain JSON data."""
    article = Article.objects.get(pk=article.pk)
    shared = {
        "article_type": article.article_type_id,
        "source_language": article.source_language,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "is_featured": article.is_featured,
        "is_withdrawn": article.is_withdrawn,
        "hero_image": article.hero_image.name or "",
        "authors": list(article.authorships.values_list("expert_id", flat=True)),
        "topics": sorted(article.topics.values_list("pk", flat=True)),
        "regions": sorted(article.regions.values_list("pk", flat=True)),
        "related": list(article.pins.values_list("target_id", flat=True)),
    }
    translations = {
        row["language_code"]: {key: row[key] for key in [*TRANSLATION_FIELDS, "state"]}
        for row in ArticleTranslation.objects.filter(master=article).values()
    }
    data = {"shared": shared, "translations": translations}
    # Corrections are part of the record (an appended one makes a revision), never restored;
    # the key only when there are some, so older snapshots still compare equal.
    corrections = {}
    for row in article.corrections.values("id", "language_code", "text", "amends_id"):
        corrections.setdefault(row.pop("language_code"), []).append(row)
    if corrections:
        data["corrections"] = corrections
    # Attachments likewise: recorded when added or removed, never brought back by a restore.
    attachments = {}
    for row in article.attachments.order_by("position", "id").values(
        "id", "language_code", "title", "file", "pages"
    ):
        attachments.setdefault(row.pop("language_code"), []).append(row)
    if attachments:
        data["attachments"] = attachments
    # A podcast episode's audio and facts likewise: recorded with each save of the episode.
    episode = (
        Episode.objects.filter(article=article)
        .values(
            "audio",
            "mime_type",
            "duration_seconds",
            "episode_number",
            "season_number",
            "explicit",
            "outside_guests",
        )  # fmt: skip
        .first()
    )
    if episode:
        episode["guests"] = sorted(
            Episode.guests.through.objects.filter(episode__article=article).values_list(
                "expert_id", flat=True
            )
        )
        data["episode"] = episode
    # An event's times, place and links likewise (times as ISO 8601 text: JSON).
    event = Event.objects.filter(article=article).first()
    if event is not None:
        data["event"] = event_facts(event)
    return data


def event_facts(event) -> dict:
    """What a revision records of an event."""
    facts = {name: getattr(event, name) for name in (
        "time_zone", "mode", "status", "country", "registration_url", "online_url",
        "recording_url", "outside_speakers")}  # fmt: skip
    facts["speakers"] = sorted(event.speakers.values_list("pk", flat=True))
    facts["starts_at"], facts["ends_at"] = event.starts_at.isoformat(), event.ends_at.isoformat()
    facts["places"] = {
        place.language_code: {"venue": place.venue, "address": place.address, "city": place.city}
        for place in event.translations.all()
    }
    return facts


def fingerprint(data: dict, *, language: str | None, shared: bool) -> str:
    """Return a short hash of the part of a snapshot one form writes: shared and/or language."""
    part = {
        "shared": data["shared"] if shared else None,
        "translation": data["translations"].get(language) if language else None,
    }
    place = event_place(data, language) if language else None
    if place:  # An event's place in the language: the key only then, so other tokens stay.
        part["place"] = place
    encoded = json.dumps(part, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


@dataclass
class Change:
    language: str  # "" for the shared fields
    field: str
    old: object
    new: object

    @property
    def label(self) -> str:
        return str(LABELS.get(self.field, self.field))


def compare(old: dict, new: dict, *, language: str | None = None, shared: bool = True):
    """Return the Changes from snapshot old to new, shared fields first, then per language."""
    changes = []
    if shared:
        for field in SHARED_FIELDS + RELATION_FIELDS:
            a, b = old["shared"].get(field), new["shared"].get(field)
            if a != b:
                changes.append(Change("", field, a, b))
        for part, fields in (("event", EVENT_FACTS), ("episode", EPISODE_FACTS)):
            a, b = old.get(part) or {}, new.get(part) or {}
            for field in fields:
                # Missing, empty and false alike: a snapshot older than a key has none.
                if (a.get(field) or None) != (b.get(field) or None):
                    changes.append(Change("", field, a.get(field), b.get(field)))
    languages = [language] if language else i18n.language_codes()
    for code in languages:
        a = old["translations"].get(code) or {}
        b = new["translations"].get(code) or {}
        for field in [*TRANSLATION_FIELDS, "state"]:
            if a.get(field, "") != b.get(field, ""):
                changes.append(Change(code, field, a.get(field), b.get(field)))
        # An event's place in the language: translated with its text.
        a, b = event_place(old, code), event_place(new, code)
        for field in PLACE_FIELDS:
            if a.get(field, "") != b.get(field, ""):
                changes.append(Change(code, field, a.get(field), b.get(field)))
    return changes


def event_place(data: dict, language: str) -> dict:
    """The event's place in language that snapshot data holds ({} if none)."""
    return ((data.get("event") or {}).get("places") or {}).get(language) or {}


def latest(article: Article) -> ArticleRevision | None:
    return article.revisions.order_by("-created_at", "-id").first()


def revision_create(
    *,
    article: Article,
    user,
    kind: str = ArticleRevision.Kind.SAVE,
    event=None,
    restored_from: ArticleRevision | None = None,
) -> ArticleRevision | None:
    """Record the article as it is now; return the revision, or None if nothing changed."""
    data = snapshot(article)
    previous = latest(article)
    if previous is not None and previous.snapshot == data:
        return None
    if previous is None:
        languages, shared_changed = sorted(data["translations"]), True
    else:
        changes = compare(previous.snapshot, data)
        languages = sorted({c.language for c in changes if c.language})
        shared_changed = any(not c.language for c in changes)
    return ArticleRevision.objects.create(
        article=article,
        user=user if user is not None and user.is_authenticated else None,
        kind=kind,
        event=event,
        restored_from=restored_from,
        snapshot=data,
        changed_languages=languages,
        shared_changed=shared_changed,
        source_version=Article.objects.values_list("source_version", flat=True).get(pk=article.pk),
    )


def revision_ensure_baseline(*, article: Article) -> ArticleRevision:
    """Return the latest revision, recording the current state first if there is none."""
    return latest(article) or revision_create(
        article=article, user=None, kind=ArticleRevision.Kind.BASELINE
    )
