"""
Attachments: PDF files (a report, testimony) that belong to one language version of an
article, listed on its page with their size and page count and served, while that version
is public, by articles.attachment_files.

Imported by articles.models, so Django sees the model as part of the app.
"""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import i18n
from core.slugs import slugify_title


def attachment_path(instance, filename: str) -> str:
    """A name no one can guess (drafts' files too), ending in a readable file name."""
    stem = slugify_title(filename.rsplit(".", 1)[0])[:80] or "attachment"
    return f"attachments/{secrets.token_urlsafe(12)}/{stem}.pdf"


class AttachmentQuerySet(models.QuerySet):
    def shown(self, article_id: int, language: str):
        """Return the attachments of one language version, in their order."""
        return self.filter(article_id=article_id, language_code=language).order_by("position", "id")


class Attachment(models.Model):
    """A PDF of one language version of an article."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="attachments"
    )
    language_code = models.CharField(_("language"), max_length=15, choices=i18n.language_choices())
    title = models.CharField(
        _("title"), max_length=300, help_text=_("What readers see as the link, in this language.")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    pages = models.PositiveIntegerField(_("pages"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["article", "language_code", "position"], name="attachment_page")
        ]

    def __str__(self):
        return self.title
