"""Writing a bundle: JSON Lines per kind of content, the files, and a manifest (docs/bundle.md)."""

import hashlib
import json
import shutil
import tarfile
import tempfile
from contextlib import nullcontext
from pathlib import Path

from django.core.files.storage import default_storage

from articles.models import Article, Episode, Event, SlugRedirect
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic

from .models import ExternalId, Origin

FORMAT = "thinktank-bundle"
VERSION = 1
#: The files of a bundle, in the order an import reads them (a record refers only upward).
KINDS = ("types", "topics", "regions", "experts", "articles")
TERM_FIELDS = ("name", "slug", "description")
EXPERT_FIELDS = ("name", "role", "short_bio", "full_bio", "photo_alt")
ARTICLE_FIELDS = ("state", "title", "slug", "summary", "body", "author_note", "hero_alt")
ARTICLE_FIELDS += ("hero_credit",)


def own_ref(kind: str, pk: int, origin: str) -> str:
    """The external id of content made on the site whose origin is origin."""
    return f"{kind}-{pk}@{origin}"


def own_pk(kind: str, ref, origin: str) -> int | None:
    """The local id in ref if it is an own_ref of kind on origin, else None."""
    if not isinstance(ref, str):
        return None
    pk, at, found = ref.removeprefix(f"{kind}-").partition("@")
    mine = ref.startswith(f"{kind}-") and at and found == origin and pk.isascii()
    return int(pk) if mine and pk.isdigit() else None


def external_ids(kind: str) -> dict[int, str]:
    """Return {local id: external id} for objects of kind that came from a bundle."""
    return dict(ExternalId.objects.filter(kind=kind).values_list("object_id", "external_id"))


class Writer:
    """
    Writes the records of a bundle into root; with root None it only builds them (an
    import compares a record with what the local object would export now).
    """

    def __init__(self, root: Path | None):
        self.root = root
        self.origin = Origin.here()
        self.ids = {kind: external_ids(kind) for kind in ("type", "topic", "region", "expert")}
        self.ids["article"] = external_ids("article")
        self.files: dict[str, str] = {}
        self.counts: dict[str, int] = {}

    def ref(self, kind: str, pk: int | None) -> str | None:
        """Return the stable id of a local object: its import's id, or one made here."""
        if pk is None:
            return None
        return self.ids[kind].get(pk, own_ref(kind, pk, self.origin))

    def file(self, field) -> dict | None:
        """Copy a stored file into files/ and return its name and sha256, or None if none."""
        if not field or not field.name:
            return None
        target = None if self.root is None else self.root / "files" / field.name
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with (
            default_storage.open(field.name, "rb") as source,
            open(target, "wb") if target else nullcontext() as out,
        ):
            for chunk in iter(lambda: source.read(1 << 16), b""):
                digest.update(chunk)
                if out is not None:
                    out.write(chunk)
        self.files[field.name] = digest.hexdigest()
        return {"path": f"files/{field.name}", "sha256": digest.hexdigest()}

    def write(self, name: str, records) -> None:
        count = 0
        with open(self.root / f"{name}.jsonl", "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
        self.counts[name] = count


def translations(obj, fields) -> dict:
    return {
        t.language_code: {name: getattr(t, name) for name in fields} for t in obj.translations.all()
    }


def term_records(writer: Writer, model, kind: str, objects=None):
    objects = model.objects.all() if objects is None else objects
    for term in objects.prefetch_related("translations").order_by("pk"):
        record = {
            "id": writer.ref(kind, term.pk),
            "position": term.position,
            "translations": translations(term, TERM_FIELDS),
        }
        if model is Region:
            record["parent"] = writer.ref("region", term.parent_id)
        yield record


def expert_records(writer: Writer, objects=None):
    objects = Expert.objects.all() if objects is None else objects
    experts = objects.prefetch_related("translations", "links").order_by("pk")
    for expert in experts:
        yield {
            "id": writer.ref("expert", expert.pk),
            "slug": expert.slug,
            "sort_name": expert.sort_name,
            "is_current": expert.is_current,
            "photo": writer.file(expert.photo),
            "links": [{"kind": link.kind, "url": link.url} for link in expert.links.all()],
            "translations": translations(expert, EXPERT_FIELDS),
        }


def article_records(writer: Writer, objects=None):
    objects = Article.objects.all() if objects is None else objects
    redirects: dict[int, list] = {}
    rows = SlugRedirect.objects.filter(article__in=objects)
    for row in rows.order_by("pk").values("article_id", "language_code", "old_slug"):
        redirects.setdefault(row["article_id"], []).append(
            {"language": row["language_code"], "old_slug": row["old_slug"]}
        )
    articles = (
        objects.prefetch_related(
            "translations", "authorships", "topics", "regions", "pins", "attachments", "corrections"
        )
        .select_related("episode", "event")
        .prefetch_related("event__translations")
        .order_by("pk")
    )
    guests: dict[int, list] = {}
    through = Episode.guests.through.objects.filter(episode__article__in=objects)
    for episode_id, expert_id in through.order_by("pk").values_list("episode_id", "expert_id"):
        guests.setdefault(episode_id, []).append(expert_id)
    through = Event.speakers.through.objects.filter(event__article__in=objects)
    speakers: dict[int, list] = {}
    for event_id, expert_id in through.order_by("pk").values_list("event_id", "expert_id"):
        speakers.setdefault(event_id, []).append(expert_id)
    for article in articles.iterator(chunk_size=500):
        yield {
            "id": writer.ref("article", article.pk),
            "source_language": article.source_language,
            "type": writer.ref("type", article.article_type_id),
            "published_at": article.published_at.isoformat() if article.published_at else None,
            "is_withdrawn": article.is_withdrawn,
            "is_featured": article.is_featured,
            "hero_image": writer.file(article.hero_image),
            "authors": [
                writer.ref("expert", a.expert_id)
                for a in sorted(article.authorships.all(), key=lambda a: a.position)
            ],
            "topics": sorted(writer.ref("topic", t.pk) for t in article.topics.all()),
            "regions": sorted(writer.ref("region", r.pk) for r in article.regions.all()),
            "pins": [
                writer.ref("article", p.target_id)
                for p in sorted(article.pins.all(), key=lambda p: p.position)
            ],
            "redirects": redirects.get(article.pk, []),
            "attachments": [
                {
                    "language": a.language_code,
                    "title": a.title,
                    "file": writer.file(a.file),
                }
                for a in sorted(
                    article.attachments.all(), key=lambda a: (a.language_code, a.position, a.pk)
                )
            ],
            "corrections": corrections(article),
            "episode": episode(writer, article, guests),
            "event": event(writer, article, speakers),
            "translations": translations(article, ARTICLE_FIELDS),
        }


def corrections(article: Article) -> list[dict]:
    """The article's corrections, oldest first; amends is the index of the one amended."""
    shown = sorted(article.corrections.all(), key=lambda c: (c.created_at, c.pk))
    index = {c.pk: n for n, c in enumerate(shown)}
    return [
        {
            "language": c.language_code,
            "text": c.text,
            "created_at": c.created_at.isoformat(),
            "amends": index.get(c.amends_id),
        }
        for c in shown
    ]


def episode(writer: Writer, article: Article, guests: dict[int, list]) -> dict | None:
    try:
        found = article.episode
    except Episode.DoesNotExist:
        return None
    return {
        "audio": writer.file(found.audio),
        "episode_number": found.episode_number,
        "season_number": found.season_number,
        "explicit": found.explicit,
        "guests": [writer.ref("expert", pk) for pk in guests.get(found.pk, [])],
        "outside_guests": found.outside_guests,
    }


EVENT_FIELDS = ("time_zone", "mode", "status", "country", "registration_url", "online_url")
EVENT_FIELDS += ("recording_url", "outside_speakers")


def event(writer: Writer, article: Article, speakers: dict[int, list]) -> dict | None:
    try:
        found = article.event
    except Event.DoesNotExist:
        return None
    return {
        "starts_at": found.starts_at.isoformat(),
        "ends_at": found.ends_at.isoformat(),
        **{name: getattr(found, name) for name in EVENT_FIELDS},
        "speakers": [writer.ref("expert", pk) for pk in speakers.get(found.pk, [])],
        "places": {
            place.language_code: {
                "venue": place.venue,
                "address": place.address,
                "city": place.city,
            }
            for place in sorted(found.translations.all(), key=lambda p: p.language_code)
        },  # fmt: skip
    }


def bundle_export(*, path: str) -> dict:
    """Write the site's content to path (a directory, or a .tar.gz); return the manifest."""
    archive = path.endswith((".tar.gz", ".tgz"))
    root = Path(tempfile.mkdtemp()) if archive else Path(path)
    root.mkdir(parents=True, exist_ok=True)
    writer = Writer(root)
    writer.write("types", term_records(writer, ArticleType, "type"))
    writer.write("topics", term_records(writer, Topic, "topic"))
    writer.write("regions", term_records(writer, Region, "region"))
    writer.write("experts", expert_records(writer))
    writer.write("articles", article_records(writer))
    manifest = {"format": FORMAT, "version": VERSION, "origin": writer.origin}
    manifest["counts"] = writer.counts
    manifest["files"] = writer.files
    (root / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    if archive:
        with tarfile.open(path, "w:gz") as tar:
            tar.add(root, arcname=".")
        shutil.rmtree(root)
    return manifest


def current_record(writer: Writer, kind: str, pk: int) -> dict | None:
    """
    Return the record the local object kind/pk would be exported as now, or None; writer
    is a Writer(None), kept for a whole import (it reads every external id once).
    """
    models = {"type": ArticleType, "topic": Topic, "region": Region}
    if kind in models:
        found = term_records(writer, models[kind], kind, models[kind].objects.filter(pk=pk))
    elif kind == "expert":
        found = expert_records(writer, Expert.objects.filter(pk=pk))
    else:
        found = article_records(writer, Article.objects.filter(pk=pk))
    return next(iter(found), None)
