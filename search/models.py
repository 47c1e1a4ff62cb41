"""The search index: one document per published article translation, in normalised text."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import State, public_q
from core.analysis import search_text
from core.i18n import language_codes

from .fields import IntegerListField

# PostgreSQL text search configuration per language. Arabic and Farsi arrive stemmed
# (core.analysis, the same on SQLite), so PostgreSQL reads them word for word ("simple").
TEXT_SEARCH_CONFIGS = {"en": "english", "ar": "simple", "fa": "simple"}
DEFAULT_TEXT_SEARCH_CONFIG = "simple"


#: The facets whose values come from the article's links, and their key tags.
LIST_FACETS = {"topic": 0, "region": 1, "expert": 2}


def facet_key(facet: str, pk: int) -> int:
    """Return the key that stands for (facet, pk) in SearchDocument.facet_keys."""
    return pk * 4 + LIST_FACETS[facet]


def facet_of_key(key: int) -> tuple[str, int]:
    """Return the (facet, pk) of a facet key."""
    tag = key % 4
    return next(f for f, t in LIST_FACETS.items() if t == tag), key // 4


class SearchDocumentQuerySet(models.QuerySet):
    def public(self, language: str):
        """Return the documents of translations readers may see now, in language."""
        return self.filter(public_q(language))


class SearchDocument(models.Model):
    """
    What search matches for one published article translation: its text, normalised,
    and the fields that the visibility rule and the facets read.

    Whether a piece may be shown is decided when searching, by the visibility rule
    applied to these copies (`public()`: the translation's state, the article's
    publication time and withdrawn flag), so a scheduled piece appears at its time
    with nothing written. The copies save a join per match, which is most of the cost
    of a common word; the hits shown are loaded through `Article.objects.public()`,
    so a copy that is somehow stale can skew a count but never show a piece.
    PostgreSQL adds generated `tsvector` columns with a GIN index; SQLite keeps an
    FTS5 table in step with triggers (see the migrations).
    """

    # Deleted by search.signals, not by CASCADE: to cascade, Django's collector would
    # load the translations with deferred fields, which parler cannot build.
    translation = models.OneToOneField(
        "articles.ArticleTranslation",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        related_name="search_document",
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="search_documents"
    )
    language_code = models.CharField(_("language"), max_length=15)
    # Copies, kept by search.subscribers: the visibility rule and the facets read them.
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    # The year of published_at in the calendar of the document's language (Solar Hijri for
    # Farsi, core.calendars), in TIME_ZONE: what the year facet counts and filters, read
    # from a column rather than worked out for every match of every search.
    year = models.SmallIntegerField(_("year"), null=True, blank=True)
    is_withdrawn = models.BooleanField(_("withdrawn"), default=False)
    article_type = models.ForeignKey(
        "taxonomy.ArticleType",
        verbose_name=_("content type"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    title = models.TextField(_("title"))
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    people = models.TextField(_("author names"), blank=True)
    terms = models.TextField(_("content type, topics and regions"), blank=True)
    # The article's topics, regions and authors as facet keys (see facet_key()), so
    # counting them over many matches is one pass over one list, with no join.
    facet_keys = IntegerListField(_("facet keys"))

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return self.title


#: A synonym set's bounds: what a reader could type as one name, and a list an editor reads.
MAX_SYNONYMS = 30
MAX_SYNONYM_LENGTH = 100


class SynonymSet(models.Model):
    """
    Spellings of one name in any script (Hezbollah, Hizballah, حزب الله, حزب‌الله): a
    search for any of them, in any language, finds pieces with any other. Read when
    searching (search.synonyms), so a change needs no reindexing.
    """

    name = models.CharField(
        _("name"), max_length=MAX_SYNONYM_LENGTH, help_text=_("What editors call this set.")
    )
    terms = models.TextField(
        _("spellings"),
        help_text=_(
            "One spelling per line, in any script and language. Each may be several words."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonym sets")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def spellings(self) -> list[str]:
        """Return the spellings, one per line, without blanks or repeats."""
        seen = []
        for line in self.terms.splitlines():
            spelling = " ".join(line.split())
            if spelling and spelling not in seen:
                seen.append(spelling)
        return seen

    def keys(self) -> set[str]:
        """Return the spellings as every language's search reads them."""
        return {
            " ".join(search_text(spelling, language).split())
            for spelling in self.spellings
            for language in language_codes()
        } - {""}

    def clean(self):
        spellings = self.spellings
        if len(spellings) < 2:
            raise ValidationError({"terms": _("Give at least two spellings, one per line.")})
        if len(spellings) > MAX_SYNONYMS:
            raise ValidationError(
                {
                    "terms": ngettext(
                        "Give at most %(count)d spelling.",
                        "Give at most %(count)d spellings.",
                        MAX_SYNONYMS,
                    )
                    % {"count": MAX_SYNONYMS}
                }
            )
        for spelling in spellings:
            if len(spelling) > MAX_SYNONYM_LENGTH or not any(c.isalnum() for c in spelling):
                raise ValidationError(
                    {
                        "terms": _(
                            "“%(spelling)s” is not a spelling: letters or digits, at most "
                            "%(length)d characters."
                        )
                        % {"spelling": spelling[:40], "length": MAX_SYNONYM_LENGTH}
                    }
                )
        keys = self.keys()
        for other in SynonymSet.objects.exclude(pk=self.pk):
            if keys & other.keys():
                raise ValidationError(
                    {
                        "terms": _("A spelling here is already in the set “%(name)s”.")
                        % {"name": other.name}
                    }
                )
