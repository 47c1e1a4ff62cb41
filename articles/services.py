"""
Workflow transitions. Each checks the acting user's permission (articles.policy) and the
current state, changes the data in one transaction, and records a WorkflowEvent and a
revision. The admin's buttons and actions only call these.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import i18n
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic
from translations.models import namespace_owner
from translations.sources import source_text, translation_text_saved

from . import policy
from .changes import article_changed
from .models import (
    Article,
    ArticleRevision,
    ArticleTranslation,
    Authorship,
    RelatedArticle,
    State,
    WorkflowEvent,
)
from .redirects import slug_redirect_record
from .revisions import TRANSLATION_FIELDS, revision_create

Action = WorkflowEvent.Action
SCHEDULED = "scheduled"  # An event's to_state when publication waits for a future time.


class WorkflowError(Exception):
    """A transition was refused; str(error) says why, for the person who asked."""


class NotPermitted(WorkflowError, PermissionDenied):
    """The acting user may not do this."""


class WrongState(WorkflowError):
    """The article or translation is not in a state this transition starts from."""


def _lock(article: Article) -> Article:
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


def _record(
    article,
    user,
    action,
    *,
    language="",
    from_state="",
    to_state="",
    comment="",
    kind=ArticleRevision.Kind.TRANSITION,
    restored_from=None,
):
    event = WorkflowEvent.objects.create(
        article=article,
        language_code=language,
        action=action,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
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
    article = _lock(article)
    translation = _translation(article, language)
    if translation.state != State.DRAFT:
        raise WrongState(_("Only a draft can be submitted for review."))
    if not policy.can_submit(user, article, language):
        raise NotPermitted(_("You may not submit this translation for review."))
    _set_state(translation, State.REVIEW)
    _record(article, user, Action.SUBMIT, language=language, from_state=State.DRAFT,
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
    article = _lock(article)
    translation = _translation(article, language)
    if translation.state == State.PUBLISHED:
        raise WrongState(_("This translation is already published."))
    if article.hero_image and not translation.hero_alt.strip():
        raise WrongState(
            _("Describe the hero image in %(language)s before publishing.") % _names(language)
        )
    if publish_at is not None or article.published_at is None:
        article.published_at = publish_at or timezone.now()
        article.full_clean()
        article.save(update_fields=["published_at", "updated_at"])
    from_state = translation.state
    _set_state(translation, State.PUBLISHED)
    to_state = SCHEDULED if article.is_scheduled else State.PUBLISHED
    _record(article, user, Action.PUBLISH, language=language, from_state=from_state,
            to_state=to_state)  # fmt: skip
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
    article = _lock(article)
    translation = _translation(article, language)
    if translation.state != State.REVIEW:
        raise WrongState(_("Only a translation in review can be sent back."))
    _set_state(translation, State.DRAFT)
    _record(article, user, Action.REQUEST_CHANGES, language=language, from_state=State.REVIEW,
            to_state=State.DRAFT, comment=comment)  # fmt: skip
    return translation


@transaction.atomic
def translation_unpublish(
    *, article: Article, language: str, user, comment: str = ""
) -> ArticleTranslation:
    """Take a published (or scheduled) translation off the site; it becomes a draft."""
    if not policy.can_publish(user):
        raise NotPermitted(_("You may not unpublish."))
    article = _lock(article)
    translation = _translation(article, language)
    if translation.state != State.PUBLISHED:
        raise WrongState(_("Only a published translation can be unpublished."))
    _set_state(translation, State.DRAFT)
    _record(article, user, Action.UNPUBLISH, language=language, from_state=State.PUBLISHED,
            to_state=State.DRAFT, comment=(comment or "").strip())  # fmt: skip
    return translation


@transaction.atomic
def translation_delete(*, article: Article, language: str, user) -> None:
    """Delete one translation of an article, never its last; the workflow log keeps who did."""
    if not policy.can_delete(user):
        raise NotPermitted(_("You may not delete translations."))
    article = _lock(article)
    translation = _translation(article, language)
    if not ArticleTranslation.objects.filter(master=article).exclude(pk=translation.pk).exists():
        raise WrongState(_("This is the article's only translation: delete the article instead."))
    from_state = translation.state
    translation.delete()
    _record(article, user, Action.DELETE, language=language, from_state=from_state)


@transaction.atomic
def article_schedule(*, article: Article, user, publish_at: datetime | None) -> Article:
    """Set the article's publication time: a future time schedules every published language."""
    if not policy.can_publish(user):
        raise NotPermitted(_("You may not change the publication time."))
    article = _lock(article)
    if article.published_at == publish_at:
        return article
    article.published_at = publish_at
    article.full_clean()
    article.save(update_fields=["published_at", "updated_at"])
    to_state = SCHEDULED if article.is_scheduled else ""
    _record(article, user, Action.SCHEDULE, to_state=to_state)
    return article


@transaction.atomic
def article_withdraw(*, article: Article, user, comment: str = "") -> Article:
    """Hide every language of the article from readers, whatever their states."""
    if not policy.can_withdraw(user):
        raise NotPermitted(_("You may not withdraw articles."))
    article = _lock(article)
    if article.is_withdrawn:
        raise WrongState(_("This article is already withdrawn."))
    article.is_withdrawn = True
    article.save(update_fields=["is_withdrawn", "updated_at"])
    _record(article, user, Action.WITHDRAW, comment=(comment or "").strip())
    return article


@transaction.atomic
def article_reinstate(*, article: Article, user) -> Article:
    """Undo a withdrawal: published translations are public again."""
    if not policy.can_withdraw(user):
        raise NotPermitted(_("You may not reinstate articles."))
    article = _lock(article)
    if not article.is_withdrawn:
        raise WrongState(_("This article is not withdrawn."))
    article.is_withdrawn = False
    article.save(update_fields=["is_withdrawn", "updated_at"])
    _record(article, user, Action.REINSTATE)
    return article


@transaction.atomic
def revision_restore(*, revision: ArticleRevision, user) -> list[str]:
    """
    Bring the article back to revision: shared fields, relations and every translation's
    text. Workflow fields (states, publication time, withdrawal) stay as they are; a
    translation added since is removed, one removed since comes back as a draft. The
    current state is recorded first, so a restore can itself be undone. Return notes on
    what could not be restored (a deleted expert, a slug taken since).
    """
    article = _lock(revision.article)
    if not policy.can_restore(user, article):
        raise NotPermitted(_("You may not restore revisions of this article."))
    revision_create(article=article, user=user)
    source_before = source_text(article)
    shared, notes = revision.snapshot["shared"], []
    if ArticleType.objects.filter(pk=shared["article_type"]).exists():
        article.article_type_id = shared["article_type"]
    article.source_language = shared["source_language"]
    article.is_featured = shared["is_featured"]
    article.hero_image = shared["hero_image"]
    article.full_clean()
    article.save()
    article.topics.set(Topic.objects.filter(pk__in=shared["topics"]))
    article.regions.set(Region.objects.filter(pk__in=shared["regions"]))
    experts = set(Expert.objects.filter(pk__in=shared["authors"]).values_list("pk", flat=True))
    article.authorships.all().delete()
    Authorship.objects.bulk_create(
        Authorship(article=article, expert_id=pk, position=n)
        for n, pk in enumerate(pk for pk in shared["authors"] if pk in experts)
    )
    targets = set(Article.objects.filter(pk__in=shared["related"]).values_list("pk", flat=True))
    article.pins.all().delete()
    RelatedArticle.objects.bulk_create(
        RelatedArticle(article=article, target_id=pk, position=n)
        for n, pk in enumerate(pk for pk in shared["related"] if pk in targets - {article.pk})
    )
    if len(experts) < len(set(shared["authors"])):
        notes.append(_("An author of that revision has since been deleted."))
    current = {t.language_code: t for t in article.translations.select_for_update()}
    for language, fields in revision.snapshot["translations"].items():
        if not i18n.is_site_language(language):
            continue
        existing = current.pop(language, None)
        item = existing or ArticleTranslation(master=article, language_code=language)
        old_slug = item.slug
        for field in TRANSLATION_FIELDS:
            setattr(item, field, fields.get(field) or "")
        if item.slug and namespace_owner(item.slug, language, exclude=item) is not None:
            notes.append(
                _("The old address “%(slug)s” is used by another piece now; kept “%(kept)s”.")
                % {"slug": item.slug, "kept": old_slug or item.make_slug()}
            )
            item.slug = old_slug
        if existing is None:
            item.state = State.DRAFT
        item.full_clean()
        item.save()
        slug_redirect_record(
            article=article, language=language, old_slug=old_slug, new_slug=item.slug
        )
    for extra in current.values():
        extra.delete()  # Added after the revision; the revision recorded above keeps it.
    # Bringing back older source text outdates the translations like any normal edit.
    changed = [f for f, value in source_text(article).items() if source_before.get(f) != value]
    translation_text_saved(obj=article, language=article.source_language, changed_fields=changed,
                           created=False)  # fmt: skip
    _record(article, user, Action.RESTORE, comment=f"#{revision.pk}",
            kind=ArticleRevision.Kind.RESTORE, restored_from=revision)  # fmt: skip
    # The rows above report themselves, but the bulk-created links do not: say it whole.
    article_changed(article.pk)
    return notes
