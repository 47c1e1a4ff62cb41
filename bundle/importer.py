"""
Importing a bundle: each record in its own transaction, through the content apps' services,
so the "content changed" event, search and recommendations follow as for an admin save.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from articles.models import Article, ArticleTranslation, Attachment, State
from articles.redirects import slug_redirect_record
from articles.services import WorkflowError
from articles.services_attachments import attachments_replace
from articles.services_edit import article_save
from articles.services_links import Links
from core import i18n
from core.html import sanitize_html
from experts.models import Expert, ExpertLink
from experts.services import expert_save
from taxonomy.models import ArticleType, Region, Topic
from taxonomy.services import term_save
from translations.models import namespace_owner

from . import files, parts
from .export import ARTICLE_FIELDS, EXPERT_FIELDS, TERM_FIELDS, Writer, current_record, own_pk
from .files import Refused
from .models import ExternalId, Origin
from .reader import Problem, Record, checksum

TERMS = {"types": ("type", ArticleType), "topics": ("topic", Topic), "regions": ("region", Region)}
MODELS = {"type": ArticleType, "topic": Topic, "region": Region, "expert": Expert}
MODELS["article"] = Article


@dataclass
class ArticleData:
    """An article record, checked: its translations in the site's order and local ids."""

    translations: dict
    type_id: int
    authors: list[int]
    topics: list[int]
    regions: list[int]
    published_at: datetime | None
    source: str

    def fill(self, article: Article, data: dict) -> None:
        """Set the article's own fields from the record."""
        article.article_type_id = self.type_id
        article.source_language = self.source
        article.published_at = self.published_at
        article.is_withdrawn = bool(data.get("is_withdrawn"))
        article.is_featured = bool(data.get("is_featured"))

    def redirects(self, data: dict):
        """Yield (language, old slug, current slug) for each old URL of the record."""
        for redirect in data.get("redirects") or []:
            if not isinstance(redirect, dict):
                raise Refused(_("an old URL must be given as {language, old_slug}"))
            language, old = redirect.get("language"), redirect.get("old_slug")
            current = self.translations.get(language, {}).get("slug")
            if language in self.translations and old and current:
                yield language, old, current


def article_translation_fill(translation: ArticleTranslation, values: dict) -> None:
    for name in ARTICLE_FIELDS:
        setattr(translation, name, values.get(name) or "")
    # The one sanitiser, as on an admin save.
    translation.body = sanitize_html(translation.body)


class DryRun(Exception):
    """Raised at the end of a dry run, to roll every write back."""


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)  # ("articles", "created") -> n
    problems: list[Problem] = field(default_factory=list)


class Importer:
    def __init__(self, *, root: Path, user, report: Report):
        self.root, self.user, self.report = root, user, report
        self.origin = Origin.here()
        self._writer = None
        self._known: dict[str, dict[str, int]] = {}

    # -- lookups -------------------------------------------------------------------------

    def remember(self, *kinds: str) -> None:
        """Load the external ids of kinds once, for the many records that refer to them."""
        for kind in kinds:
            rows = ExternalId.objects.filter(kind=kind).values_list("external_id", "object_id")
            self._known[kind] = dict(rows)

    def local(self, kind: str, ref) -> int | None:
        remembered = self._known.get(kind, {}).get(ref)
        if remembered is not None:
            return remembered
        found = (
            ExternalId.objects.filter(kind=kind, external_id=ref)
            .values_list("object_id", flat=True)
            .first()
        )
        return found if found is not None else self.made_here(kind, ref)

    def made_here(self, kind: str, ref) -> int | None:
        """Return the local id of content this site exported as ref, if it still exists."""
        pk = own_pk(kind, ref, self.origin)
        if pk is None or not MODELS[kind].objects.filter(pk=pk).exists():
            return None
        return pk

    def unchanged_here(self, kind: str, pk: int, digest: str) -> bool:
        """True if the local object pk would export as the record of sha256 digest now."""
        if self._writer is None:
            self._writer = Writer(None)
        record = current_record(self._writer, kind, pk)
        return record is not None and checksum(record) == digest

    def required(self, kind: str, ref, message: str) -> int:
        """Return the local id of ref, or refuse the record with message (naming %(ref)s)."""
        found = self.local(kind, ref) if isinstance(ref, str) else None
        if found is None:
            raise Refused(message % {"ref": ref})
        return found

    def languages(self, data: dict) -> dict:
        translations = data.get("translations")
        if not isinstance(translations, dict) or not translations:
            raise Refused(_("a record needs at least one translation"))
        unknown = sorted(set(translations) - set(i18n.language_codes()))
        if unknown:
            raise Refused(_("unknown language %(codes)s") % {"codes": ", ".join(unknown)})
        # In the site's order, so translations are written (and listed) as the admin would.
        order = i18n.language_codes()
        return {code: translations[code] for code in sorted(translations, key=order.index)}

    def check_slugs(self, obj, translations: dict) -> None:
        for language, fields in translations.items():
            slug = fields.get("slug") or ""
            if not slug:
                continue
            mine = obj.translations.filter(language_code=language).first() if obj.pk else None
            owner = namespace_owner(slug, language, exclude=mine)
            if owner is not None:
                raise Refused(
                    _("the slug %(slug)s is already used in %(language)s")
                    % {"slug": slug, "language": language}
                )

    def image(self, ref, field_file) -> bool:
        """Put the bundle's image into field_file if it differs; return True if it changed."""
        return files.stage_image(self.root, ref, field_file)

    # -- one record ----------------------------------------------------------------------

    def run(self, record: Record, write) -> None:
        """Import one record in its own transaction; a refusal is a problem in the report."""
        kind = TERMS.get(record.kind, (record.kind.rstrip("s"),))[0]
        digest = checksum(record.data)
        ref = record.data["id"]
        known = ExternalId.objects.filter(kind=kind, external_id=ref).first()
        here = self.made_here(kind, ref) if known is None else None
        if here is not None and self.unchanged_here(kind, here, digest):
            # This site's own export read back: remember it, change nothing.
            ExternalId.objects.create(kind=kind, external_id=ref, object_id=here, checksum=digest)
            known = ExternalId(object_id=here, checksum=digest)
        if known is not None and known.checksum == digest:
            self.report.counts[record.kind, "unchanged"] += 1
            return
        pk = known.object_id if known else here
        try:
            with transaction.atomic():
                pk = write(record.data, pk)
                ExternalId.objects.update_or_create(
                    kind=kind,
                    external_id=record.data["id"],
                    defaults={"object_id": pk, "checksum": digest},
                )
        except Refused as error:
            self.report.problems.append(Problem(record.where, str(error)))
            self.report.counts[record.kind, "refused"] += 1
        except (WorkflowError, ValidationError, ValueError, TypeError, KeyError,
                DatabaseError) as error:  # fmt: skip
            message = "; ".join(getattr(error, "messages", [])) or repr(error)
            self.report.problems.append(Problem(record.where, message))
            self.report.counts[record.kind, "refused"] += 1
        else:
            outcome = "updated" if known or here is not None else "created"
            self.report.counts[record.kind, outcome] += 1

    # -- writers, one per kind -----------------------------------------------------------

    def term(self, model):
        def write(data, pk):
            translations = self.languages(data)
            term = model.objects.filter(pk=pk).first() if pk else None
            created = term is None
            term = term or model()
            self.check_slugs(term, translations)
            parent = data.get("parent") if model is Region else None
            parent_id = (
                self.required("region", parent, _("unknown region %(ref)s")) if parent else None
            )

            def fields():
                term.position = int(data.get("position") or 0)
                if model is Region:
                    term.parent_id = parent_id
                for language, values in translations.items():
                    term.set_current_language(language)
                    for name in TERM_FIELDS:
                        setattr(term, name, values.get(name) or "")
                term.full_clean()
                term.save()

            language = next(iter(translations))
            term_save(term=term, language=language, user=self.user, created=created,
                      write_fields=fields)  # fmt: skip
            return term.pk

        return write

    def expert(self, data, pk):
        translations = self.languages(data)
        expert = Expert.objects.filter(pk=pk).first() if pk else None
        created = expert is None
        expert = expert or Expert()
        clash = Expert.objects.filter(slug=data.get("slug")).exclude(pk=expert.pk).exists()
        if data.get("slug") and clash:
            raise Refused(_("the expert slug %(slug)s is already used") % {"slug": data["slug"]})

        # Staged before the service runs, so that it knows to make the new photo's renditions.
        photo_changed = self.image(data.get("photo"), expert.photo)

        def fields():
            expert.slug = data.get("slug") or ""
            expert.sort_name = data.get("sort_name") or ""
            expert.is_current = bool(data.get("is_current", True))
            for language, values in translations.items():
                expert.set_current_language(language)
                for name in EXPERT_FIELDS:
                    setattr(expert, name, values.get(name) or "")
            expert.save()

        def links():
            expert.links.all().delete()
            for position, link in enumerate(data.get("links") or []):
                ExpertLink.objects.create(
                    expert=expert, kind=link["kind"], url=link["url"], position=position
                )

        language = next(iter(translations))
        expert_save(expert=expert, language=language, user=self.user, created=created,
                    write_fields=fields, write_relations=links,
                    photo_changed=photo_changed)  # fmt: skip
        return expert.pk

    def article_parse(self, data) -> "ArticleData":
        """Check an article record on its own (not its slugs); refuse it if it is bad."""
        translations = self.languages(data)
        type_id = self.required("type", data.get("type"), _("unknown content type %(ref)s"))
        authors = [
            self.required("expert", a, _("unknown author %(ref)s"))
            for a in data.get("authors") or []
        ]
        topics = [
            self.required("topic", t, _("unknown topic %(ref)s")) for t in data.get("topics") or []
        ]
        regions = [
            self.required("region", r, _("unknown region %(ref)s"))
            for r in data.get("regions") or []
        ]
        published_at = data.get("published_at")
        published_at = parse_datetime(published_at) if published_at else None
        source = data.get("source_language") or next(iter(translations))
        if source not in translations:
            raise Refused(_("the source language %(code)s has no translation") % {"code": source})
        for values in translations.values():
            if values.get("state") not in State.values:
                raise Refused(_("unknown state %(state)s") % {"state": values.get("state")})
        return ArticleData(translations, type_id, authors, topics, regions, published_at, source)

    def article(self, data, pk):
        article = Article.objects.filter(pk=pk).first() if pk else None
        created = article is None
        article = article or Article()
        parsed = self.article_parse(data)
        self.check_slugs(article, parsed.translations)
        hero_changed = self.image(data.get("hero_image"), article.hero_image)
        attachments = self.attachments(data.get("attachments"), parsed.translations)
        corrections = parts.corrections_parse(data.get("corrections"), parsed.translations)
        episode = parts.episode_parse(self, data)
        event = parts.event_parse(self, data)

        def fields():
            parsed.fill(article, data)
            article.save()
            for language, values in parsed.translations.items():
                translation = ArticleTranslation.objects.filter(
                    master=article, language_code=language
                ).first() or ArticleTranslation(master=article, language_code=language)
                article_translation_fill(translation, values)
                translation.full_clean(exclude=["master"])
                translation.save()

        def relations():
            if attachments is not None:
                attachments_replace(article=article, attachments=attachments)
            for language, old, current in parsed.redirects(data):
                slug_redirect_record(
                    article=article, language=language, old_slug=old, new_slug=current
                )
            parts.corrections_write(article=article, corrections=corrections, user=self.user)
            if episode is not None:
                episode.write(article=article, user=self.user)
            if event is not None:
                event.write(article=article, user=self.user)

        links = Links(authors=parsed.authors, topics=parsed.topics, regions=parsed.regions)
        article_save(article=article, language=parsed.source, user=self.user, created=created,
                     write_fields=fields, links=links, write_relations=relations,
                     hero_changed=hero_changed)  # fmt: skip
        return article.pk

    def attachments(self, entries, translations) -> list[Attachment] | None:
        """Store the record's PDFs; return them unsaved, or None if it names none (kept)."""
        if entries is None:
            return None  # a bundle from before attachments: leave the article's as they are
        staged = []
        for position, entry in enumerate(entries):
            language, title = entry.get("language"), " ".join((entry.get("title") or "").split())
            if language not in translations or not title:
                raise Refused(_("an attachment needs a title and one of the article's languages"))
            name, size, pages = files.stage_pdf(self.root, entry.get("file"))
            staged.append(Attachment(language_code=language, title=title[:300], file=name,
                                     size=size, pages=pages, position=position))  # fmt: skip
        return staged

    def pins(self, data) -> None:
        """Pin related articles once every article of the bundle is there."""
        if not data.get("pins"):
            return
        pk = self.local("article", data["id"])
        pins = [self.local("article", ref) for ref in data["pins"]]
        if pk is None:
            return
        if None in pins:
            self.report.problems.append(
                Problem(f"articles.jsonl ({data['id']})", _("a pinned article is unknown"))
            )
            pins = [p for p in pins if p is not None]
        article = Article.objects.get(pk=pk)
        if list(article.pins.order_by("position").values_list("target_id", flat=True)) == pins:
            return
        with transaction.atomic():
            article_save(article=article, language=article.source_language, user=self.user,
                         created=False, write_fields=lambda: None,
                         links=Links(pinned=pins))  # fmt: skip
