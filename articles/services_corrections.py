"""
Appending a correction to a published translation.

Editors only (articles.publish_article): a correction is a public statement of the
institute about published text, the same responsibility as publishing it. Authors and
translators, including a translator in their own language, ask an editor, as in a
newsroom where corrections go through the standards desk.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from core.events import content_change
from core.html import html_to_text, sanitize_html

from . import policy
from .changes import KIND
from .models import Article, ArticleRevision, ArticleTranslation, Correction, State
from .services import Action, NotPermitted, WrongState, _translation, lock, record

MAX_LENGTH = 5000


def can_correct(user) -> bool:
    return policy.can_publish(user)


@transaction.atomic
def correction_append(
    *, article: Article, language: str, user, text: str, amends: Correction | None = None
) -> Correction:
    """Append a dated correction to the published translation in language."""
    if not can_correct(user):
        raise NotPermitted(_("You may not append corrections."))
    article = lock(article)
    translation = _translation(article, language)
    if translation.state != State.PUBLISHED:
        raise WrongState(_("Only a published translation can be corrected."))
    text = sanitize_html(text or "")
    if not html_to_text(text):
        raise WrongState(_("Write the correction: the text is required."))
    if len(text) > MAX_LENGTH:
        raise WrongState(_("A correction is at most %(n)s characters.") % {"n": MAX_LENGTH})
    if amends is not None and (amends.article_id != article.pk or amends.language_code != language):
        raise WrongState(_("A correction can only amend one of the same language version."))
    correction = Correction(
        article=article, language_code=language, text=text, amends=amends, created_by=user
    )
    correction.full_clean()
    correction.save(force_insert=True)
    # The language version changed as readers see it: its date in feeds, the sitemap, the
    # API and JSON-LD dateModified (metadata.version_modified) moves with the correction.
    ArticleTranslation.objects.filter(pk=translation.pk).update(changed_at=correction.created_at)
    record(article, user, Action.CORRECT, language=language, comment=html_to_text(text),
           kind=ArticleRevision.Kind.TRANSITION)  # fmt: skip
    # A public change of that language version: its page, feeds and JSON-LD show it.
    content_change(kind=KIND, id=article.pk, languages=[language], public=True)
    return correction
