"""Topics, regions (region > country) and the vocabulary of content types."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.fields import TranslationsForeignKey
from parler.models import TranslatableModel

from core.i18n import url_in
from translations.models import (
    MadeFromText,
    NamespacedTranslation,
    SourceVersioned,
    TranslatedQuerySet,
)


class Term(SourceVersioned, TranslatableModel):
    """A term that articles are filed under and that has its own listing page."""

    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first in menus and lists.")
    )

    objects = TranslatedQuerySet.as_manager()

    source_fields = ("name", "description")

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        return self.safe_translation_getter("name", any_language=True) or f"#{self.pk}"

    def get_absolute_url(self):
        """Return the listing page in the object's current language."""
        return url_in(self.get_current_language(), "articles:resolve", slug=self.slug)


class TermTranslation(MadeFromText, NamespacedTranslation):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        abstract = True


class Topic(Term):
    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class TopicTranslation(TermTranslation):
    master = TranslationsForeignKey(
        Topic, related_name="translations", on_delete=models.CASCADE, null=True
    )

    class Meta:
        verbose_name = _("topic translation")
        unique_together = [("language_code", "master")]
        constraints = [
            models.UniqueConstraint(
                fields=["language_code", "slug"], name="unique_topic_slug_per_language"
            )
        ]


class Region(Term):
    """A region, or a country when it has a parent region."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="countries",
        help_text=_("Set for a country: the region it belongs to."),
    )

    class Meta(Term.Meta):
        verbose_name = _("region or country")
        verbose_name_plural = _("regions and countries")

    @property
    def is_country(self) -> bool:
        return self.parent_id is not None

    def clean(self):
        super().clean()
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("A region cannot be its own parent.")})
            if self.parent.parent_id:
                raise ValidationError({"parent": _("The parent must be a region, not a country.")})
            if self.pk and self.countries.exists():
                raise ValidationError(
                    {"parent": _("This region has countries, so it cannot be a country itself.")}
                )


class RegionTranslation(TermTranslation):
    master = TranslationsForeignKey(
        Region, related_name="translations", on_delete=models.CASCADE, null=True
    )

    class Meta:
        verbose_name = _("region translation")
        unique_together = [("language_code", "master")]
        constraints = [
            models.UniqueConstraint(
                fields=["language_code", "slug"], name="unique_region_slug_per_language"
            )
        ]


class ArticleType(Term):
    """A content type of the institute's vocabulary: Brief Analysis, Podcast, ..."""

    class Meta(Term.Meta):
        verbose_name = _("content type")
        verbose_name_plural = _("content types")


class ArticleTypeTranslation(TermTranslation):
    master = TranslationsForeignKey(
        ArticleType, related_name="translations", on_delete=models.CASCADE, null=True
    )

    class Meta:
        verbose_name = _("content type translation")
        unique_together = [("language_code", "master")]
        constraints = [
            models.UniqueConstraint(
                fields=["language_code", "slug"], name="unique_articletype_slug_per_language"
            )
        ]
