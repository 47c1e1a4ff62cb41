"""
Workflow transitions: submit, publish, send back, unpublish and delete a translation;
schedule, withdraw and reinstate an article. Each checks the acting user's permission
(articles.policy) and the current state, changes the data in one transaction, and records
a WorkflowEvent and a revision. The admin's buttons and actions only call these.

The other writes of an article have their own modules: editing (services_edit), relinking
(services_links) and restoring a revision (services_restore).
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import i18n

from . import checks, policy, readiness
from .models import (
    Article,
    ArticleRevision,
    ArticleTranslation,
    Attachment,
    Episode,
    State,
    WorkflowEvent,
)
from .revisions import revision_create

Action = WorkflowEvent.Action
SCHEDULED = "scheduled"  # An event's to_state when publication waits for a future time.


class WorkflowError(Exception):
    """A transition was refused; str(error) says why, for the person who asked."""


class NotPermitted(WorkflowError, PermissionDenied):
    """The acting user may not do this."""


class WrongState(WorkflowError):
    """The article or translation is not in a state this transition starts from."""


def lock(article: Article) -> Article:
    """Return a fresh copy of article, its row locked until the transaction ends."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _translation(article: Article, language: str) -> ArticleTranslation:
    translation = (
        ArticleTranslation.objects.select_for_update()
        .filter(master=article, language_code=language)
        .first()
    )
    if translation is None:
        raise WrongState(_("There is no %(language)s translation yet.") % _names(language))
    return translation


def _names(language: str) -> dict:
    return {"language": i18n.language_name(language)}


def record(
    article,
    user,
    action,
    *,
    language="",
    from_state="",
    to_state="",
    comment="",
    gaps=(),
    problems=(),
    kind=ArticleRevision.Kind.TRANSITION,
    restored_from=None,
):
    """Record a WorkflowEvent of article and, with it, a revision."""
    event = WorkflowEvent.objects.create(
        article=article,
        language_code=language,
        action=action,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        gaps=[gap.as_json() for gap in gaps],
        checks=[problem.as_json() for problem in problems],
        user=user,
    )
    revision_create(article=article, user=user, kind=kind, event=event, restored_from=restored_from)
    return event


def _set_state(translation: ArticleTranslation, state: str) -> None:
    translation.state = state
    translation.full_clean()
    translation.save()


@transaction.atomic
def translation_submit(*, article: Article, language: str, user) -> ArticleTranslation:
    """Send a draft translation to the editors for review."""
    article = lock(article)
    translation = _translation(article, language)
    if translation.state != State.DRAFT:
        raise WrongState(_("Only a draft can be submitted for review."))
    if not policy.can_submit(user, article, language):
        raise NotPermitted(_("You may not submit this translation for review."))
    if readiness.missing_hero_description(article, translation):
        raise WrongState(
            _(
                "Describe and caption the hero image in %(language)s before submitting it "
                "for review."
            )
            % _names(language)
        )
    _set_state(translation, State.REVIEW)
    record(article, user, Action.SUBMIT, language=language, from_state=State.DRAFT,
            to_state=State.REVIEW)  # fmt: skip
    return translation


@transaction.atomic
def translation_publish(
    *, article: Article, language: str, user, publish_at: datetime | None = None
) -> ArticleTranslation:
    """
    Publish a translation. publish_at sets the article's publication time (a future time
    schedules it); without it an article that has none is published now.
    """
    if not policy.can_publish(user):
        raise NotPermitted(_("You may not publish."))
    article = lock(article)
    translation = _translation(article, language)
    if translation.state == State.PUBLISHED:
        raise WrongState(_("This translation is already published."))
    if readiness.missing_hero_description(article, translation):
        raise WrongState(
            _("Describe and caption the hero image in %(language)s before publishing.")
            % _names(language)
        )
    # Publishing with untranslated names is allowed (the page names them in English);
    # the event records what was missing.
    gaps = readiness.translation_gaps(article, language)
    problems = checks.content_report(
        language=language, title=translation.title, summary=translation.summary,
        body=translation.body,
    ).problems  # fmt: skip
    if publish_at is not None or article.published_at is None:
        article.published_at = publish_at or timezone.now()
        article.full_clean()
        article.save(update_fields=["published_at", "updated_at"])
    from_state = translation.state
    _set_state(translation, State.PUBLISHED)
    to_state = SCHEDULED if article.is_scheduled else State.PUBLISHED
    record(article, user, Action.PUBLISH, language=language, from_state=from_state,
            to_state=to_state, gaps=gaps, problems=problems)  # fmt: skip
    return translation


@transaction.atomic
def translation_request_changes(
    *, article: Article, language: str, user, comment: str
) -> ArticleTranslation:
    """Send a translation in review back to its author as a draft, with a comment."""
    if not policy.can_publish(user):
        raise NotPermitted(_("You may not send translations back."))
    comment = (comment or "").strip()
    if not comment:
        raise WrongState(_("Say what needs to change: the comment is required."))
    article = lock(article)
    translation = _translation(article, language)
    if translation.state != State.REVIEW:
        raise WrongState(_("Only a translation in review can be sent back."))
    _set_state(translation, State.DRAFT)
    record(article, user, Action.REQUEST_CHANGES, language=language, from_state=State.REVIEW,
            to_state=State.DRAFT, comment=comment)  # fmt: skip
    return translation


@transaction.atomic
def translation_unpublish(
    *, article: Article, language: str, user, comment: str = ""
) -> ArticleTranslation:
    """Take a published (or scheduled) translation off the site; it becomes a draft."""
    if not policy.can_publish(user):
        raise NotPermitted(_("You may not unpublish."))
    article = lock(article)
    translation = _translation(article, language)
    if translation.state != State.PUBLISHED:
        raise WrongState(_("Only a published translation can be unpublished."))
    _set_state(translation, State.DRAFT)
    record(article, user, Action.UNPUBLISH, language=language, from_state=State.PUBLISHED,
            to_state=State.DRAFT, comment=(comment or "").strip())  # fmt: skip
    return translation


@transaction.atomic
def translation_delete(*, article: Article, language: str, user) -> None:
    """Delete one translation of an article, never its last; the workflow log keeps who did."""
    if not policy.can_delete(user):
        raise NotPermitted(_("You may not delete translations."))
    article = lock(article)
    translation = _translation(article, language)
    if not ArticleTranslation.objects.filter(master=article).exclude(pk=translation.pk).exists():
        raise WrongState(_("This is the article's only translation: delete the article instead."))
    from_state = translation.state
    # Its text as it stands goes into the history first (nothing, if a revision has it),
    # so that the deletion can be undone by restoring that revision.
    revision_create(article=article, user=user)
    translation.delete()
    record(article, user, Action.DELETE, language=language, from_state=from_state)


@transaction.atomic
def article_schedule(*, article: Article, user, publish_at: datetime | None) -> Article:
    """Set the article's publication time: a future time schedules every published language."""
    if not policy.can_publish(user):
        raise NotPermitted(_("You may not change the publication time."))
    article = lock(article)
    if article.published_at == publish_at:
        return article
    article.published_at = publish_at
    article.full_clean()
    article.save(update_fields=["published_at", "updated_at"])
    to_state = SCHEDULED if article.is_scheduled else ""
    record(article, user, Action.SCHEDULE, to_state=to_state)
    return article


@transaction.atomic
def article_withdraw(*, article: Article, user, comment: str = "") -> Article:
    """Hide every language of the article from readers, whatever their states."""
    if not policy.can_withdraw(user):
        raise NotPermitted(_("You may not withdraw articles."))
    article = lock(article)
    if article.is_withdrawn:
        raise WrongState(_("This article is already withdrawn."))
    article.is_withdrawn = True
    article.save(update_fields=["is_withdrawn", "updated_at"])
    record(article, user, Action.WITHDRAW, comment=(comment or "").strip())
    return article


@transaction.atomic
def article_reinstate(*, article: Article, user) -> Article:
    """Undo a withdrawal: published translations are public again."""
    if not policy.can_withdraw(user):
        raise NotPermitted(_("You may not reinstate articles."))
    article = lock(article)
    if not article.is_withdrawn:
        raise WrongState(_("This article is not withdrawn."))
    article.is_withdrawn = False
    article.save(update_fields=["is_withdrawn", "updated_at"])
    record(article, user, Action.REINSTATE)
    return article


@transaction.atomic
def articles_delete(*, articles, user) -> int:
    """
    Delete articles with everything that is theirs (translations, history, attachments, an
    episode); once that is committed, delete the PDF and audio files no other article uses.
    Return how many articles went.
    """
    if not user.has_perm("articles.delete_article"):
        raise NotPermitted(_("You may not delete articles."))
    ids = [article.pk for article in articles]
    files = [
        *Attachment.objects.filter(article__in=ids).values_list("file", flat=True),
        *Episode.objects.filter(article__in=ids).values_list("audio", flat=True),
    ]
    deleted, _rows = Article.objects.filter(pk__in=ids).delete()

    def files_delete():
        still_used = {
            *Attachment.objects.filter(file__in=files).values_list("file", flat=True),
            *Episode.objects.filter(audio__in=files).values_list("audio", flat=True),
        }
        for name in set(files) - still_used:
            default_storage.delete(name)

    if files:
        transaction.on_commit(files_delete, robust=True)
    return len(ids) if deleted else 0
