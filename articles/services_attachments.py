"""
Adding and removing the PDF attachments of a language version.

Whoever may change that version's text may attach to it (policy.can_edit_translation): an
editor always; an author or a translator while it is a draft of theirs. Each is recorded
as a workflow event and a revision, and is a change readers see when the version is public.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from core.events import content_change
from core.pdfs import validate_pdf

from . import policy
from .changes import KIND
from .models import Article, ArticleRevision, Attachment
from .services import Action, NotPermitted, WrongState, _translation, lock, record


@transaction.atomic
def attachment_add(*, article: Article, language: str, user, file, title: str) -> Attachment:
    """Attach a PDF to the translation in language; raise ValidationError for a bad file."""
    article = lock(article)
    translation = _translation(article, language)
    if not policy.can_edit_translation(user, article, language):
        raise NotPermitted(_("You may not change the attachments of this language version."))
    title = " ".join((title or "").split())
    if not title:
        raise WrongState(_("Give the attachment a title: readers see it as the link."))
    pages = validate_pdf(file)
    last = Attachment.objects.shown(article.pk, language).last()
    attachment = Attachment(
        article=article,
        language_code=language,
        title=title,
        file=file,
        size=file.size,
        pages=pages,
        position=last.position + 1 if last else 0,
    )
    attachment.full_clean()
    attachment.save()
    record(article, user, Action.ATTACH, language=language, comment=title,
           kind=ArticleRevision.Kind.TRANSITION)  # fmt: skip
    content_change(kind=KIND, id=article.pk, languages=[language], public=translation.is_public())
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user) -> None:
    """Remove an attachment, and its file once the removal is committed."""
    article = lock(attachment.article)
    language = attachment.language_code
    translation = _translation(article, language)
    if not policy.can_edit_translation(user, article, language):
        raise NotPermitted(_("You may not change the attachments of this language version."))
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    record(article, user, Action.DETACH, language=language, comment=attachment.title,
           kind=ArticleRevision.Kind.TRANSITION)  # fmt: skip
    content_change(kind=KIND, id=article.pk, languages=[language], public=translation.is_public())
    transaction.on_commit(lambda: storage.delete(name))


def attachments_replace(*, article: Article, attachments: list[Attachment]) -> None:
    """
    Make article's attachments exactly these (unsaved, their files stored): for an import,
    inside the article's own save, whose event and revision cover them. Files no longer
    named are deleted once that is committed.
    """
    old = {a.file.name for a in article.attachments.all()}
    article.attachments.all().delete()
    for attachment in attachments:
        attachment.article = article
        attachment.full_clean()
        attachment.save()
    storage = Attachment._meta.get_field("file").storage
    gone = old - {a.file.name for a in attachments}
    transaction.on_commit(lambda: [storage.delete(name) for name in gone])
