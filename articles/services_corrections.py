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


@transaction.atomic
def corrections_import(*, article: Article, corrections: list[dict], user) -> int:
    """
    Give article the corrections made elsewhere (a content bundle), with their own dates:
    [{"language", "text", "created_at", "amends": index of an earlier one or None}], oldest
    first. One it has already (same language, date and text) is kept, none is removed:
    corrections are permanent. Return how many were added.
    """
    if not can_correct(user):
        raise NotPermitted(_("You may not append corrections."))
    had = {
        (c.language_code, c.created_at, c.text): c
        for c in Correction.objects.filter(article=article)
    }
    made, added, languages = [], 0, set()
    for entry in corrections:
        text = sanitize_html(entry["text"] or "")
        if not html_to_text(text) or len(text) > MAX_LENGTH:
            raise WrongState(_("A correction needs its text, at most %(n)s characters.")
                             % {"n": MAX_LENGTH})  # fmt: skip
        key = (entry["language"], entry["created_at"], text)
        correction = had.get(key)
        if correction is None:
            amends = entry.get("amends")
            correction = Correction(
                article=article, language_code=entry["language"], text=text,
                created_at=entry["created_at"], created_by=user,
                amends=made[amends] if amends is not None else None,
            )  # fmt: skip
            correction.full_clean()
            correction.save(force_insert=True)
            had[key] = correction
            added += 1
            languages.add(entry["language"])
        made.append(correction)
    for language in languages:
        latest = max(c.created_at for c in made if c.language_code == language)
        ArticleTranslation.objects.filter(
            master=article, language_code=language, changed_at__lt=latest
        ).update(changed_at=latest)
    if languages:
        content_change(kind=KIND, id=article.pk, languages=sorted(languages), public=True)
    return added
