"""
Who may do what to an article, per language. One place for the editorial roles:

- Author (articles.add_article): creates articles; edits their own drafts and submits them.
- Editor (articles.edit_any_article, publish_article, withdraw_article): everything.
- Translator (articles.translate_article + assigned languages): edits the translated fields
  of a draft (or missing) translation in an assigned language other than the source.
- Administrator: a superuser, or the group holding every permission.

Experts and terms have no workflow: editors change them in every language, translators
translate them into their assigned languages (other than English, their source), and what
is saved is live at once.

The services check these before any transition; the admin asks them to disable fields and
hide buttons, and refuses on save what they refuse.
"""

from core import i18n

# The translator rule lives in the translation layer, so that experts and terms can use it;
# here beside the article rules, as the admin reads it.
from translations.policy import TRANSLATE, can_translate, translator_languages  # noqa: F401

from .models import Article, State

ADD = "articles.add_article"
EDIT_ANY = "articles.edit_any_article"
PUBLISH = "articles.publish_article"
WITHDRAW = "articles.withdraw_article"
DELETE = "articles.delete_article"
#: Pinning related articles is the editors' (articles.roles gives authors a view of pins only).
PIN = "articles.change_relatedarticle"

#: Shared fields only editors may change: the publication time, and the flags with their
#: own transitions (withdrawal goes through article_withdraw).
EDITOR_ONLY_FIELDS = {"published_at", "is_featured"}


def is_editor(user) -> bool:
    return user.is_active and user.has_perm(EDIT_ANY)


def can_publish(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH)


def can_withdraw(user) -> bool:
    return user.is_active and user.has_perm(WITHDRAW)


def can_delete(user) -> bool:
    """Return True if user may delete articles, and so single translations of them."""
    return user.is_active and user.has_perm(DELETE)


def _is_owner(user, article: Article | None) -> bool:
    if article is None:
        return True
    return article.created_by_id is not None and article.created_by_id == user.pk


def _state(article: Article | None, language: str) -> str | None:
    if article is None or article.pk is None:
        return None
    return article.language_states().get(language)


def can_edit_shared(user, article: Article | None) -> bool:
    """Return True if user may change the fields all languages share (type, terms, authors)."""
    if is_editor(user):
        return True
    if not user.is_active or not user.has_perm(ADD) or not _is_owner(user, article):
        return False
    # An author's article stays theirs to shape until its source text goes to review.
    return _state(article, article.source_language if article else "") in (None, State.DRAFT)


def can_pin(user, article: Article | None) -> bool:
    """Return True if user may change the related articles pinned to article."""
    return can_edit_shared(user, article) and user.has_perm(PIN)


def can_edit_translation(user, article: Article | None, language: str) -> bool:
    """Return True if user may change the text of article in language."""
    if is_editor(user):
        return True
    if not i18n.is_site_language(language) or not user.is_active:
        return False
    if _state(article, language) not in (None, State.DRAFT):
        return False  # In review or published: the editors' now.
    if user.has_perm(ADD) and _is_owner(user, article):
        return True
    return (
        article is not None
        and language != article.source_language
        and language in translator_languages(user)
    )


def can_change(user, article: Article | None) -> bool:
    """Return True if user may change anything about article (in some language)."""
    return can_edit_shared(user, article) or any(
        can_edit_translation(user, article, code) for code in i18n.language_codes()
    )


def can_submit(user, article: Article, language: str) -> bool:
    return _state(article, language) == State.DRAFT and can_edit_translation(
        user, article, language
    )


def can_restore(user, article: Article) -> bool:
    """Return True if user may bring back an earlier revision of article."""
    if is_editor(user):
        return True
    states = article.language_states()
    return can_edit_shared(user, article) and all(
        state in (None, State.DRAFT) for state in states.values()
    )
