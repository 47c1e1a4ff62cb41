"""
Articles and their per-language translations, each with its own workflow state.

Over 300 lines on purpose: the article, its translation, its authorships and pins, the
visibility rule and their querysets refer to each other; the workflow records live apart
(articles.models_workflow).
"""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from parler.fields import TranslationsForeignKey
from parler.models import TranslatableModel

from core import i18n
from core.i18n import url_in
from core.images import WholeImageField
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic
from translations.models import (
    MadeFromVersion,
    NamespacedTranslation,
    SourceVersioned,
    TranslatedQuerySet,
    outdated_q,
)


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


def public_q(language: str | None, *, translation: str = "", article: str = "", now=None) -> Q:
    """
    Return the visibility rule as a Q object.

    A translation is public when its state is published, the article's publication
    time has passed and the article is not withdrawn. `translation` and `article` are
    the lookup prefixes that lead from the queried model to each side; `now` is the
    time to apply it at (a compiled query's stand-in), by default this moment.
    """
    q = Q(
        **{
            f"{translation}state": State.PUBLISHED,
            f"{article}published_at__lte": timezone.now() if now is None else now,
            f"{article}is_withdrawn": False,
        }
    )
    if language:
        q &= Q(**{f"{translation}language_code": language})
    return q


def card_prefetches(language: str) -> list[Prefetch]:
    """
    What an article card shows in language: its type and its authors, in byline order,
    each named in language or, if untranslated, in a fallback (with_fallback_translation).
    """
    return [
        Prefetch("article_type", queryset=ArticleType.objects.with_fallback_translation(language)),
        Prefetch(
            "authors",
            queryset=Expert.objects.with_fallback_translation(language).order_by(
                "authorships__position"
            ),
        ),
    ]


def page_prefetches(language: str) -> list[Prefetch]:
    """What an article's page, feed item or citation shows: the card's, topics and regions."""
    return [
        *card_prefetches(language),
        Prefetch("topics", queryset=Topic.objects.with_fallback_translation(language)),
        Prefetch("regions", queryset=Region.objects.with_fallback_translation(language)),
    ]


class ArticleQuerySet(TranslatedQuerySet):
    def for_cards(self, language: str):
        """Prefetch what an article card shows in language: its type and its authors."""
        return self.prefetch_related(*card_prefetches(language))

    def for_pages(self, language: str):
        """Prefetch what an article's page shows in language (page_prefetches)."""
        return self.prefetch_related(*page_prefetches(language))

    def public(self, language: str):
        """Return the articles public in language, each with that translation attached."""
        return self.with_translation(language, where=public_q(None, translation=f"{self.ALIAS}__"))

    def filed_under(self, term):
        """Return the articles filed under a topic, a region (or one of its countries) or a type."""
        if isinstance(term, Topic):
            tagged = self.model.topics.through.objects.filter(topic=term)
        elif isinstance(term, Region):
            places = Region.objects.filter(Q(pk=term.pk) | Q(parent=term))
            tagged = self.model.regions.through.objects.filter(region__in=places)
        else:
            return self.filter(article_type=term)
        return self.filter(pk__in=tagged.values("article"))

    def written_by(self, expert):
        """Return the articles expert is an author of."""
        return self.filter(pk__in=Authorship.objects.filter(expert=expert).values("article"))


class Article(SourceVersioned, TranslatableModel):
    source_language = models.CharField(
        _("source language"),
        max_length=15,
        choices=i18n.language_choices(),
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the piece was written in; the others are translations."),
    )
    article_type = models.ForeignKey(
        "taxonomy.ArticleType",
        verbose_name=_("content type"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    authors = models.ManyToManyField(
        "experts.Expert",
        verbose_name=_("authors"),
        through="Authorship",
        related_name="articles",
        blank=True,
    )
    topics = models.ManyToManyField(
        "taxonomy.Topic", verbose_name=_("topics"), related_name="articles", blank=True
    )
    regions = models.ManyToManyField(
        "taxonomy.Region",
        verbose_name=_("regions and countries"),
        related_name="articles",
        blank=True,
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the piece: it goes public by itself then."),
    )
    is_withdrawn = models.BooleanField(
        _("withdrawn"),
        default=False,
        help_text=_("Hides every language version of the piece from readers."),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown at the top of the home page.")
    )
    hero_image = WholeImageField(_("hero image"), upload_to="articles/", blank=True)
    related = models.ManyToManyField(
        "self",
        verbose_name=_("pinned related articles"),
        through="RelatedArticle",
        through_fields=("article", "target"),
        symmetrical=False,
        related_name="+",
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    source_fields = ("title", "summary", "body", "author_note")

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="article_newest"),
            models.Index(fields=["is_featured", "-published_at"], name="article_featured"),
        ]
        # The editorial roles (see articles.policy); Django's add/change/view/delete come too.
        permissions = [
            ("edit_any_article", _("Can edit every article, not only their own drafts")),
            ("publish_article", _("Can publish, schedule, unpublish and send back translations")),
            ("withdraw_article", _("Can withdraw and reinstate articles")),
            ("translate_article", _("Can translate articles into their assigned languages")),
        ]

    def __str__(self):
        return self.safe_translation_getter("title", any_language=True) or f"#{self.pk}"

    def get_source_language(self) -> str:
        return self.source_language

    def made_from_source_text(self, language: str) -> dict | None:
        """Return the source text the translation in language was made from, if on record."""
        version = (
            self.translations.filter(language_code=language)
            .values_list("made_from_version", flat=True)
            .first()
        )
        return None if version is None else self.source_text_at(version)

    def source_text_at(self, version: int) -> dict | None:
        """
        Return the source text at a source version: the snapshot (articles.revisions) of the
        latest revision recorded at that version holds it, with any minor edits made then.
        None if there is none. Here, not in articles.revisions, which imports this module.
        """
        revision = self.revisions.filter(source_version=version).order_by("-created_at", "-id")
        found = revision.values_list("snapshot", flat=True).first()
        return None if found is None else found["translations"].get(self.source_language) or {}

    def get_absolute_url(self):
        """Return the article's page in its current language."""
        return url_in(self.get_current_language(), "articles:resolve", slug=self.slug)

    def language_states(self) -> dict[str, str | None]:
        """Return {language: state or None} for every site language, from prefetched data."""
        states = dict.fromkeys(i18n.language_codes())
        for translation in self.translations.all():
            states[translation.language_code] = translation.state
        return states

    def outdated_languages(self) -> set[str]:
        """Return the languages whose translation is behind the source, from prefetched data."""
        return {t.language_code for t in self.translations.all() if t.is_outdated_for(self)}

    @property
    def is_scheduled(self) -> bool:
        return self.published_at is not None and self.published_at > timezone.now()


class ArticleTranslationQuerySet(models.QuerySet):
    def public(self, language: str | None = None):
        """Return the translations readers may see, in one language or in all."""
        return self.filter(public_q(language, article="master__"))

    def outdated(self):
        """Return the translations made from an older version of their source text."""
        return self.filter(outdated_q(Article))


class ArticleTranslation(MadeFromVersion, NamespacedTranslation):
    master = TranslationsForeignKey(
        Article, related_name="translations", on_delete=models.CASCADE, null=True
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("The dek, shown above the body.")
    )
    body = models.TextField(_("body"), blank=True)
    author_note = models.TextField(
        _("author note"), blank=True, help_text=_("An optional italic line at the end.")
    )
    hero_alt = models.CharField(
        _("hero image description"),
        max_length=300,
        blank=True,
        help_text=_("Alternative text for the hero image, for readers who cannot see it."),
    )
    hero_credit = models.CharField(_("hero image credit"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ArticleTranslationQuerySet.as_manager()

    slug_source = "title"

    class Meta:
        verbose_name = _("article translation")
        unique_together = [("language_code", "master")]
        constraints = [
            models.UniqueConstraint(
                fields=["language_code", "slug"], name="unique_article_slug_per_language"
            )
        ]
        indexes = [models.Index(fields=["language_code", "state"], name="translation_lang_state")]

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The state as loaded: leaving "published" (unpublishing) is a public change too,
        # which articles.changes can tell only by knowing where the save started.
        instance._loaded_state = instance.__dict__.get("state")
        return instance

    def is_public(self) -> bool:
        """Return True if readers may see this translation now."""
        article = self.master
        return (
            self.state == State.PUBLISHED
            and article.published_at is not None
            and article.published_at <= timezone.now()
            and not article.is_withdrawn
        )


class Authorship(models.Model):
    """An author of an article, in byline order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="authorships")
    expert = models.ForeignKey(
        "experts.Expert",
        verbose_name=_("expert"),
        on_delete=models.PROTECT,
        related_name="authorships",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "expert"], name="unique_author_per_article")
        ]

    def __str__(self):
        return str(self.expert)


class RelatedArticle(models.Model):
    """An article an editor pinned as related, in the order it is recommended."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pins")
    target = models.ForeignKey(
        Article,
        verbose_name=_("related article"),
        on_delete=models.CASCADE,
        related_name="pinned_by",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("pinned related article")
        verbose_name_plural = _("pinned related articles")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "target"], name="unique_pin_per_article"),
            models.CheckConstraint(condition=~Q(article=models.F("target")), name="pin_not_self"),
        ]

    def __str__(self):
        return str(self.target)


# Workflow records, revisions and redirects live in their own modules; importing them here
# registers them with the app.
from articles.models_attachments import Attachment  # noqa: E402
from articles.models_corrections import Correction  # noqa: E402
from articles.models_events import Event  # noqa: E402
from articles.models_podcast import Episode  # noqa: E402
from articles.models_workflow import (  # noqa: E402
    ArticleRevision,
    SlugRedirect,
    TranslatorLanguage,
    WorkflowEvent,
)

__all__ = [
    "Article",
    "Attachment",
    "Correction",
    "Episode",
    "Event",
    "ArticleRevision",
    "ArticleTranslation",
    "Authorship",
    "RelatedArticle",
    "SlugRedirect",
    "State",
    "TranslatorLanguage",
    "WorkflowEvent",
    "public_q",
]
