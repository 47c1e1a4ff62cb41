"""
Records kept beside the content: who did what in the workflow, the article's
revisions, translators' languages and the redirects old slugs leave behind.

Imported by articles.models, so Django sees these models as part of the app.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import i18n


class TranslatorLanguage(models.Model):
    """A language a translator may translate into."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="translator_languages",
    )
    language_code = models.CharField(_("language"), max_length=15, choices=i18n.language_choices())

    class Meta:
        verbose_name = _("translation language")
        verbose_name_plural = _("translation languages")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "language_code"], name="unique_translator_language"
            )
        ]

    def __str__(self):
        return self.get_language_code_display()


class WorkflowEvent(models.Model):
    """One workflow transition, or a deleted translation: who did what to which language, when."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted for review")
        PUBLISH = "publish", _("Published")
        REQUEST_CHANGES = "request_changes", _("Changes requested")
        UNPUBLISH = "unpublish", _("Unpublished")
        SCHEDULE = "schedule", _("Publication time set")
        WITHDRAW = "withdraw", _("Withdrawn")
        REINSTATE = "reinstate", _("Reinstated")
        RESTORE = "restore", _("Revision restored")
        DELETE = "delete", _("Translation deleted")
        CORRECT = "correct", _("Correction appended")
        ATTACH = "attach", _("Attachment added")
        DETACH = "detach", _("Attachment removed")
        EPISODE = "episode", _("Podcast episode changed")
        EVENT = "event", _("Event changed")

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="workflow_events"
    )
    language_code = models.CharField(
        _("language"),
        max_length=15,
        choices=i18n.language_choices(),
        blank=True,
        help_text=_("Blank when the action concerns the whole article."),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    #: What the published page named untranslated, as readiness.Gap.as_json() lists it.
    gaps = models.JSONField(_("published with untranslated names"), default=list, blank=True)
    #: What the content checks found in the published text, as checks.Problem.as_json().
    checks = models.JSONField(_("published with content problems"), default=list, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "-created_at"], name="workflow_event_article")]

    def __str__(self):
        return f"{self.get_action_display()} ({self.language_code or '*'})"


class ArticleRevision(models.Model):
    """A snapshot of an article with all its translations and relations (articles.revisions)."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("State before the first edit in the admin")
        SAVE = "save", _("Saved")
        TRANSITION = "transition", _("Workflow")
        RESTORE = "restore", _("Revision restored")
        IMPORT = "import", _("Translation imported (XLIFF)")

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="revisions"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    event = models.ForeignKey(
        WorkflowEvent,
        verbose_name=_("workflow event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    restored_from = models.ForeignKey(
        "self",
        verbose_name=_("restored from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(_("snapshot"))
    changed_languages = models.JSONField(_("languages changed"), default=list)
    #: The article's source version when this was recorded: the revision to compare an
    #: outdated translation's source text against (translations.sources).
    source_version = models.PositiveIntegerField(_("source version"), default=0)
    shared_changed = models.BooleanField(_("shared fields changed"), default=False)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "-created_at"], name="revision_article")]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()}"

    def describe(self) -> str:
        """Return what happened, in the reader's language."""
        if self.kind == self.Kind.TRANSITION and self.event_id:
            event = self.event
            if event.language_code:
                return f"{event.get_action_display()} ({event.get_language_code_display()})"
            return str(event.get_action_display())
        if self.kind == self.Kind.RESTORE and self.restored_from_id:
            return _("Revision %(number)s restored") % {"number": self.restored_from_id}
        return str(self.get_kind_display())


class SlugRedirect(models.Model):
    """An old slug of an article translation: its URL answers with a permanent redirect."""

    language_code = models.CharField(_("language"), max_length=15, choices=i18n.language_choices())
    old_slug = models.SlugField(_("old slug"), max_length=200)
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="slug_redirects"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("slug redirect")
        verbose_name_plural = _("slug redirects")
        constraints = [
            models.UniqueConstraint(
                fields=["language_code", "old_slug"], name="unique_redirect_per_language"
            )
        ]

    def __str__(self):
        return f"/{self.language_code}/{self.old_slug}"
