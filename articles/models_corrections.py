"""
Corrections: dated notes an editor appends to a published translation. Never edited in
place and never deleted; a correction is amended only by another that references it.

Imported by articles.models, so Django sees the model as part of the app.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import i18n


class CorrectionsAreKept(Exception):
    """A correction was about to be deleted or rewritten: corrections are permanent."""


class CorrectionQuerySet(models.QuerySet):
    def delete(self):
        raise CorrectionsAreKept("Corrections cannot be deleted; amend one instead.")

    def update(self, **kwargs):
        raise CorrectionsAreKept("Corrections cannot be rewritten; amend one instead.")

    def shown(self, article_id: int, language: str):
        """Return the corrections of one language version, oldest first, as the page lists them."""
        return self.filter(article_id=article_id, language_code=language).order_by(
            "created_at", "id"
        )


class Correction(models.Model):
    """A dated correction of one language version of an article."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.PROTECT,  # An article with corrections is withdrawn, not deleted.
        related_name="corrections",
    )
    language_code = models.CharField(_("language"), max_length=15, choices=i18n.language_choices())
    text = models.TextField(_("correction"))
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["article", "language_code", "created_at"], name="correction_page"),
            models.Index(fields=["language_code", "-created_at"], name="correction_newest"),
        ]

    def __str__(self):
        return f"{self.get_language_code_display()}, {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise CorrectionsAreKept("Corrections cannot be rewritten; amend one instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise CorrectionsAreKept("Corrections cannot be deleted; amend one instead.")
