"""
Who may translate experts and terms, and into which languages: the rule the side-by-side
admin (translations.admin_translate) asks, for every translated model.

Translators are users with the permission "articles.translate_article", and their
languages are rows of articles.TranslatorLanguage (reached as `user.translator_languages`).
The rule reads both by name, without importing articles, so that experts and terms (which
sit below articles) can use it; articles.policy states the article rules around it.
"""

from django.conf import settings

TRANSLATE = "articles.translate_article"


def translator_languages(user) -> frozenset[str]:
    """Return the languages the user translates into (cached on the user object)."""
    if not user.is_active or not user.has_perm(TRANSLATE):
        return frozenset()
    cached = getattr(user, "_translator_languages", None)
    if cached is None:
        cached = frozenset(user.translator_languages.values_list("language_code", flat=True))
        user._translator_languages = cached
    return cached


def can_translate(user, model, language: str) -> bool:
    """Return True if user may change the text of an expert or a term (model) in language."""
    opts = model._meta
    if user.is_active and user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return True
    return language != settings.LANGUAGE_CODE and language in translator_languages(user)
