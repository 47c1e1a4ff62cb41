"""
The parts of an article record beyond its text and links: its corrections, its podcast
episode and its event (docs/bundle.md). Each is checked before anything of the record is
written, then written through the articles app's services, inside the record's transaction.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from articles.models import Article, Episode
from articles.services_corrections import corrections_import
from articles.services_events import Place, event_save
from articles.services_podcast import episode_save
from core.audio import validate_audio
from core.html import html_to_text, sanitize_html

from .files import Refused, stored_sha256
from .reader import bundle_file


def corrections_parse(entries, translations: dict) -> list[dict] | None:
    """The record's corrections, checked; None if it names none (the article's are kept)."""
    if entries is None:
        return None
    if not isinstance(entries, list):
        raise Refused(_("corrections must be a list"))
    parsed = []
    for n, entry in enumerate(entries):
        entry = entry if isinstance(entry, dict) else {}
        created_at = entry.get("created_at")
        created_at = parse_datetime(created_at) if isinstance(created_at, str) else None
        amends = entry.get("amends")
        if (
            entry.get("language") not in translations
            or not isinstance(entry.get("text"), str)
            or created_at is None
            or created_at.tzinfo is None
            or not (amends is None or (isinstance(amends, int) and 0 <= amends < n))
        ):
            raise Refused(
                _("correction %(n)s needs one of the article's languages, a text, a date with "
                  "its time zone, and amends nothing or an earlier correction") % {"n": n + 1}
            )  # fmt: skip
        text = sanitize_html(entry["text"])
        if not html_to_text(text):
            raise Refused(_("correction %(n)s needs its text") % {"n": n + 1})
        parsed.append({**entry, "text": text, "created_at": created_at})
    return parsed


def corrections_write(*, article: Article, corrections: list[dict] | None, user) -> None:
    if corrections:
        corrections_import(article=article, corrections=corrections, user=user)


class EpisodeData:
    """A record's podcast episode, checked: its audio file and its fields."""

    def __init__(self, importer, entry):
        if not isinstance(entry, dict):
            raise Refused(_("an episode must be an object"))
        self.path, error = bundle_file(importer.root, entry.get("audio"))
        if error or self.path is None:
            raise Refused(error or _("an episode needs its audio file"))
        self.sha256 = entry["audio"]["sha256"]
        self.name = Path(entry["audio"]["path"]).name
        self.guests = [
            importer.required("expert", ref, _("unknown guest %(ref)s"))
            for ref in entry.get("guests") or []
        ]
        try:
            self.fields = {
                "episode_number": int(entry.get("episode_number")),
                "season_number": (
                    None if entry.get("season_number") is None else int(entry["season_number"])
                ),
                "explicit": bool(entry.get("explicit")),
                "outside_guests": str(entry.get("outside_guests") or ""),
            }
        except (TypeError, ValueError):
            raise Refused(_("an episode's numbers must be whole numbers")) from None

    def write(self, *, article: Article, user) -> None:
        """Make article this episode; its audio is stored again only if it differs."""
        had = Episode.objects.filter(article=article).first()
        if had is not None and had.audio and stored_sha256(had.audio.name) == self.sha256:
            episode_save(article=article, user=user, guests=self.guests, **self.fields)
            return
        with open(self.path, "rb") as handle:
            audio = File(handle, name=self.name)
            try:
                validate_audio(audio)
            except ValidationError as error:
                raise Refused(" ".join(error.messages)) from None
            episode_save(article=article, user=user, audio=audio, guests=self.guests,
                         **self.fields)  # fmt: skip


def episode_parse(importer, data: dict) -> EpisodeData | None:
    """The record's episode, checked; None if it has none (an article's own is kept)."""
    entry = data.get("episode")
    return None if entry is None else EpisodeData(importer, entry)


class EventData:
    """A record's event, checked: its times, place per language, links and speakers."""

    FIELDS = ("time_zone", "mode", "status", "country", "registration_url", "online_url",
              "recording_url", "outside_speakers")  # fmt: skip

    def __init__(self, importer, entry):
        if not isinstance(entry, dict):
            raise Refused(_("an event must be an object"))
        times = {name: entry.get(name) for name in ("starts_at", "ends_at")}
        times = {k: parse_datetime(v) if isinstance(v, str) else None for k, v in times.items()}
        if any(value is None or value.tzinfo is None for value in times.values()):
            raise Refused(_("an event needs its start and end, with their time zone offsets"))
        self.times = times
        self.fields = {name: str(entry.get(name) or "") for name in self.FIELDS}
        places = entry.get("places") or {}
        if not isinstance(places, dict) or not all(isinstance(p, dict) for p in places.values()):
            raise Refused(_("an event's places must map languages to objects"))
        self.places = {
            code: Place(**{k: str(place.get(k) or "") for k in ("venue", "address", "city")})
            for code, place in places.items()
        }
        self.speakers = [
            importer.required("expert", ref, _("unknown speaker %(ref)s"))
            for ref in entry.get("speakers") or []
        ]

    def write(self, *, article: Article, user) -> None:
        try:
            event_save(article=article, user=user, speakers=self.speakers, places=self.places,
                       **self.times, **self.fields)  # fmt: skip
        except ValidationError as error:
            raise Refused(" ".join(error.messages)) from None


def event_parse(importer, data: dict) -> EventData | None:
    """The record's event, checked; None if it has none (an article's own is kept)."""
    entry = data.get("event")
    return None if entry is None else EventData(importer, entry)
