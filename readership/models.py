"""
What readers read, counted without knowing who: views per piece, language and day, and
how often readers went from one piece to another on the site (README "Readership").

No row names a reader: no address, user agent, cookie or identifier is stored anywhere,
only counts. The counts come from the shared cache in batches (readership.flush); daily
detail older than READERSHIP_DETAIL_DAYS is rolled up (readership.rollup).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import i18n


class ListingKind(models.TextChoices):
    TOPIC = "topic", _("Topic")
    REGION = "region", _("Region")
    TYPE = "type", _("Content type")


def _language():
    return models.CharField(_("language"), max_length=15, choices=i18n.language_choices())


class DailyViews(models.Model):
    """Page views of an article's page in one language on one day."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="daily_views",
    )
    language = _language()
    day = models.DateField(_("day"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language", "day"], name="readership_daily_views_once"
            )
        ]
        # "Most read": the rows of a language in the last days.
        indexes = [models.Index(fields=["language", "day"], name="readership_views_recent")]

    def __str__(self):
        return f"{self.article_id} {self.language} {self.day}: {self.views}"


class MonthlyViews(models.Model):
    """Daily views older than READERSHIP_DETAIL_DAYS, added up per month (month: its 1st)."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="monthly_views",
    )
    language = _language()
    month = models.DateField(_("month"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("monthly views")
        verbose_name_plural = _("monthly views")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language", "month"], name="readership_monthly_views_once"
            )
        ]

    def __str__(self):
        return f"{self.article_id} {self.language} {self.month:%Y-%m}: {self.views}"


class DailyListingViews(models.Model):
    """Page views of a topic, region or content-type listing in one language on one day."""

    kind = models.CharField(_("kind"), max_length=10, choices=ListingKind.choices)
    term_id = models.PositiveBigIntegerField(_("term"))
    language = _language()
    day = models.DateField(_("day"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily listing views")
        verbose_name_plural = _("daily listing views")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "term_id", "language", "day"], name="readership_daily_listing_once"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.term_id} {self.language} {self.day}: {self.views}"


class MonthlyListingViews(models.Model):
    """Daily listing views older than READERSHIP_DETAIL_DAYS, added up per month."""

    kind = models.CharField(_("kind"), max_length=10, choices=ListingKind.choices)
    term_id = models.PositiveBigIntegerField(_("term"))
    language = _language()
    month = models.DateField(_("month"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("monthly listing views")
        verbose_name_plural = _("monthly listing views")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "term_id", "language", "month"],
                name="readership_monthly_listing_once",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.term_id} {self.language} {self.month:%Y-%m}: {self.views}"


class DailyPath(models.Model):
    """
    How many readers of to_article's page in language came to it from from_article's page
    on this site, on one day: what "readers went on to" is made of.
    """

    from_article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("from article"),
        on_delete=models.CASCADE,
        related_name="paths_out",
    )
    to_article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("to article"),
        on_delete=models.CASCADE,
        related_name="paths_in",
    )
    language = _language()
    day = models.DateField(_("day"))
    count = models.PositiveBigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("reading path")
        verbose_name_plural = _("reading paths")
        constraints = [
            models.UniqueConstraint(
                fields=["from_article", "to_article", "language", "day"],
                name="readership_daily_path_once",
            )
        ]

    def __str__(self):
        return f"{self.from_article_id} → {self.to_article_id} {self.language} {self.day}"


class DailyListingPath(models.Model):
    """
    How many readers of to_article's page in language came to it from a topic, region or
    content-type listing on this site, on one day: where readers came from, for editors.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=ListingKind.choices)
    term_id = models.PositiveBigIntegerField(_("term"))
    to_article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("to article"),
        on_delete=models.CASCADE,
        related_name="paths_from_listings",
    )
    language = _language()
    day = models.DateField(_("day"))
    count = models.PositiveBigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("reading path from a listing")
        verbose_name_plural = _("reading paths from listings")
        constraints = [
            models.UniqueConstraint(
                fields=["to_article", "kind", "term_id", "language", "day"],
                name="readership_daily_listing_path_once",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.term_id} → {self.to_article_id} {self.language} {self.day}"


class FlushedMinute(models.Model):
    """
    A minute of counts already written from the cache: recorded in the transaction that
    writes them, so a minute is never counted twice (readership.flush).
    """

    minute = models.BigIntegerField(_("minute"), primary_key=True)

    class Meta:
        verbose_name = _("flushed minute")
        verbose_name_plural = _("flushed minutes")

    def __str__(self):
        return str(self.minute)
