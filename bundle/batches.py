"""
The articles of a bundle in batches: what makes a large import fast (README "Content
bundles").

A batch looks up its records' external ids in one query: an unchanged record is counted
and left, as one at a time. A new article is checked on its own exactly as the one-record
path checks it (Importer.article_parse: languages, states, its type, authors and terms; its
slugs against the site and the rest of the batch; the sanitiser and the model's field
checks), and the new articles that pass are written together, in one transaction, as
rows: the article, its translations, authors in order, terms, old URLs and external ids,
with one "content changed" event for the batch (a large import sends one for everything
at its end: BULK_EVENT_ARTICLES), so that the search index, the
recommendations and the caches follow through their tasks as after an admin save. A record
refused is reported and written nowhere. Should the database refuse the batch (a slug taken
meanwhile by an editor), the batch is rolled back whole and its records go through the
one-record path, a transaction each: a bad record never leaves half an article.

The rest take the one-record path (Importer.run, through articles.services_edit): an update
of an article already imported, the site's own content read back, a record with
attachments, corrections, a podcast episode or an event, or with a slug left blank (made from the
title, as a save makes it). A batch records no revision of the new articles, as the demo's
bulk load does not: the history's first entry is recorded by their first edit
(articles.revisions.revision_ensure_baseline).
"""

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from articles import policy
from articles.changes import KIND
from articles.models import Article, ArticleTranslation, Authorship, SlugRedirect, State
from core.events import content_change
from core.images import renditions_soon
from translations.models import namespace_taken

from .export import own_pk
from .files import Refused
from .importer import Importer, article_translation_fill
from .models import ExternalId
from .reader import Problem, Record, checksum

#: A bundle of at least this many articles is imported as one change of everything, sent
#: at its end (core.events.one_change_for_everything, as the demo's bulk load), rather
#: than one change per record: every list rebuilt and the corpus reindexed once cost less
#: than refreshing each new piece's neighbours (0.1 s an article, measured at 5,000) and
#: reindexing each new term's pieces; and a back catalogue is no news to alert anyone to.
BULK_EVENT_ARTICLES = 1000

#: Records per batch: large enough that a batch's queries cost little per article, small
#: enough that a refused batch retried one by one, and the memory it holds, stay small.
BATCH_SIZE = 500


def batchable(data: dict) -> bool:
    """True if a new article record may be written with a batch (see the docstring)."""
    translations = data.get("translations")
    return (
        not data.get("attachments")
        and not data.get("corrections")
        and not data.get("episode")
        and not data.get("event")
        and isinstance(translations, dict)
        and all(
            isinstance(values, dict) and isinstance(values.get("slug"), str) and values["slug"]
            for values in translations.values()
        )
    )


class Batch:
    """One batch of article records; `run()` imports them."""

    def __init__(self, importer: Importer, records: list[Record]):
        self.importer, self.records = importer, records
        self.report = importer.report
        self.slow: list[Record] = []  # for the one-record path
        self.new: list[tuple[Record, str, Article, list[ArticleTranslation], object]] = []

    def run(self) -> None:
        refs = [record.data["id"] for record in self.records]
        known = dict(
            ExternalId.objects.filter(kind="article", external_id__in=refs).values_list(
                "external_id", "checksum"
            )
        )
        fresh, seen = [], set()
        for record in self.records:
            ref, digest = record.data["id"], checksum(record.data)
            if known.get(ref) == digest:
                self.report.counts[record.kind, "unchanged"] += 1
            elif (
                ref in known
                or ref in seen
                or own_pk("article", ref, self.importer.origin) is not None
                or not batchable(record.data)
            ):
                self.slow.append(record)
            else:
                fresh.append((record, digest))
            seen.add(ref)
        self.prepare(fresh)
        if self.new:
            try:
                with transaction.atomic():
                    self.write()
            except DatabaseError:
                self.slow = [record for record, *_rest in self.new] + self.slow
                self.new = []
            else:
                self.report.counts["articles", "created"] += len(self.new)
        write = self.importer.article
        for record in self.slow:
            self.importer.run(record, write)

    def refuse(self, record: Record, message: str) -> None:
        self.report.problems.append(Problem(record.where, message))
        self.report.counts[record.kind, "refused"] += 1

    def prepare(self, fresh: list[tuple[Record, str]]) -> None:
        """Check each new record; keep those that pass, with their unsaved rows."""
        slugs = {
            (language, values["slug"])
            for record, _digest in fresh
            for language, values in record.data["translations"].items()
        }
        taken = namespace_taken(slugs)
        for record, digest in fresh:
            data = record.data
            try:
                parsed = self.importer.article_parse(data)
                list(parsed.redirects(data))  # refused here, not in the batch's transaction
                for language, values in parsed.translations.items():
                    if (language, values["slug"]) in taken:
                        raise Refused(
                            _("the slug %(slug)s is already used in %(language)s")
                            % {"slug": values["slug"], "language": language}
                        )
                article = Article(created_by=self.importer.user)
                parsed.fill(article, data)
                hero_changed = self.importer.image(data.get("hero_image"), article.hero_image)
                translations = []
                for language, values in parsed.translations.items():
                    translation = ArticleTranslation(language_code=language)
                    article_translation_fill(translation, values)
                    translation.clean_fields(exclude=["master"])
                    translations.append(translation)
            except Refused as error:
                self.refuse(record, str(error))
                continue
            except (ValidationError, ValueError, TypeError, KeyError) as error:
                self.refuse(record, "; ".join(getattr(error, "messages", [])) or repr(error))
                continue
            taken.update((t.language_code, t.slug) for t in translations)
            self.new.append((record, digest, article, translations, (parsed, hero_changed)))

    def write(self) -> None:
        """Write the checked records' rows, and report them as changed."""
        articles = Article.objects.bulk_create([article for _r, _d, article, *_ in self.new])
        rows, authors, topics, regions, redirects, ids = [], [], [], [], {}, []
        live = set()
        for (record, digest, _a, translations, (parsed, hero_changed)), article in zip(
            self.new, articles, strict=True
        ):
            for translation in translations:
                translation.master = article
                rows.append(translation)
                live.add((translation.language_code, translation.slug))
            authors += [
                Authorship(article=article, expert_id=expert, position=position)
                for position, expert in enumerate(parsed.authors)
            ]
            topics += [Article.topics.through(article=article, topic_id=t) for t in parsed.topics]
            regions += [
                Article.regions.through(article=article, region_id=r) for r in parsed.regions
            ]
            for language, old, _current in parsed.redirects(record.data):
                redirects[language, old] = article  # the last record naming it, as one by one
            ids.append(
                ExternalId(
                    kind="article",
                    external_id=record.data["id"],
                    object_id=article.pk,
                    checksum=digest,
                )  # fmt: skip
            )
            if hero_changed and article.hero_image:
                renditions_soon(article.hero_image.name)
            public = any(t.state == State.PUBLISHED for t in translations)
            content_change(kind=KIND, id=article.pk, public=public)
        ArticleTranslation.objects.bulk_create(rows)
        Authorship.objects.bulk_create(authors)
        Article.topics.through.objects.bulk_create(topics)
        Article.regions.through.objects.bulk_create(regions)
        # A slug live again redirects nowhere (articles.redirects.slug_redirect_record).
        for language in {language for language, _slug in live}:
            SlugRedirect.objects.filter(
                language_code=language,
                old_slug__in=[slug for code, slug in live if code == language],
            ).delete()
        SlugRedirect.objects.bulk_create(
            [
                SlugRedirect(language_code=language, old_slug=old, article=article)
                for (language, old), article in redirects.items()
                if (language, old) not in live
            ],
            update_conflicts=True,
            unique_fields=["language_code", "old_slug"],
            update_fields=["article"],
        )
        ExternalId.objects.bulk_create(ids)


def articles_import(importer: Importer, records) -> None:
    """Import the article records in batches of BATCH_SIZE (pins come after, one by one)."""
    importer.remember("type", "topic", "region", "expert")
    if not importer.user.has_perm(policy.ADD):
        # The one-record path refuses each, with the reason the service gives.
        for record in records:
            importer.run(record, importer.article)
        return
    batch = []
    for record in records:
        batch.append(record)
        if len(batch) == BATCH_SIZE:
            Batch(importer, batch).run()
            batch = []
    if batch:
        Batch(importer, batch).run()
