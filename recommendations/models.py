"""The precomputed recommendations: the best candidates per article and language."""

from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import i18n


class Recommendation(models.Model):
    """
    A candidate stored for an article's page in one language, with its score broken down.

    Pinned rows (an editor's picks, ranked by pin position) come before scored ones (ranked
    by score). `candidate_language` is the language the candidate is shown in: the page's
    language, or the article's source language for a fallback. Title, slug, date and the
    visibility rule are read through `candidate_translation` and `candidate` in the same
    query; the type name and the authors are copied here and kept current by signals.
    """

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="recommendations",
        db_index=False,  # the unique constraint's index starts with article
    )
    language = models.CharField(_("language"), max_length=15, choices=i18n.language_choices())
    is_pinned = models.BooleanField(_("pinned"), default=False)
    rank = models.PositiveSmallIntegerField(_("rank"))
    candidate = models.ForeignKey(
        "articles.Article",
        verbose_name=_("recommended article"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    candidate_translation = models.ForeignKey(
        "articles.ArticleTranslation", on_delete=models.CASCADE, related_name="+"
    )
    candidate_language = models.CharField(
        _("shown in"), max_length=15, choices=i18n.language_choices()
    )
    score = models.FloatField(_("score"))
    topic_points = models.FloatField(default=0)
    region_points = models.FloatField(default=0)
    author_points = models.FloatField(default=0)
    type_points = models.FloatField(default=0)
    recency_points = models.FloatField(default=0)
    text_points = models.FloatField(default=0)
    #: "Readers went on to": how often readers of the article's page went on to the candidate's.
    path_points = models.FloatField(default=0)
    went_on = models.PositiveIntegerField(default=0)
    #: What the candidate shares with the article's closest pieces (weights.NEIGHBOURHOOD).
    neighbourhood_points = models.FloatField(default=0)
    shared_topics = models.PositiveSmallIntegerField(default=0)
    shared_regions = models.PositiveSmallIntegerField(default=0)
    shared_authors = models.PositiveSmallIntegerField(default=0)
    age_days = models.IntegerField(default=0)
    type_name = models.CharField(max_length=200, blank=True)
    #: [[name, expert slug, language of the name], ...] in byline order, named in
    #: candidate_language or, for an expert untranslated in it, in a fallback language.
    authors = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["article", "language", "-is_pinned", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language", "is_pinned", "rank"],
                name="unique_recommendation_rank",
            )
        ]

    def __str__(self):
        return f"{self.article_id} [{self.language}] → {self.candidate_id}"

    @property
    def is_fallback(self) -> bool:
        return self.candidate_language != self.language

    @property
    def author_slugs(self) -> set[str]:
        return {slug for _name, slug, *_lang in self.authors}

    # For the "Recommended" block: rows from selectors.stored() carry title, slug and
    # published_at from the same query.
    @property
    def url(self) -> str:
        return i18n.url_in(self.candidate_language, "articles:resolve", slug=self.slug)

    @property
    def people(self) -> list["Byline"]:
        """
        The authors as the byline tag takes them: name, and page, in the language the
        name is in (the shown language's, unless the expert is untranslated in it).
        """
        return [
            Byline(name, named_in[0] if named_in else self.candidate_language, slug)
            for name, slug, *named_in in self.authors
        ]

    @property
    def direction(self) -> str:
        return i18n.direction_of(self.candidate_language)


class Byline(NamedTuple):
    name: str
    language: str
    slug: str

    def get_absolute_url(self) -> str:
        return i18n.url_in(self.language, "experts:detail", slug=self.slug)

    def get_current_language(self) -> str:
        """The language the name is in (as a parler object says its translation's)."""
        return self.language


class TextStatistic(models.Model):
    """How many published translations in a language use a word: the text's IDF."""

    language = models.CharField(max_length=15, choices=i18n.language_choices())
    word = models.CharField(max_length=100)
    documents = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="unique_text_statistic")
        ]

    def __str__(self):
        return f"{self.language}:{self.word} ({self.documents})"
