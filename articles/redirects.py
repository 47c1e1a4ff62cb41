"""Permanent redirects from the old slugs of article translations to their current URL."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from .models import ArticleTranslation, SlugRedirect


def slug_redirect_record(*, article, language: str, old_slug: str, new_slug: str) -> None:
    """Remember old_slug when a translation's slug changes; a slug in use needs no redirect."""
    if old_slug and old_slug != new_slug:
        SlugRedirect.objects.update_or_create(
            language_code=language, old_slug=old_slug, defaults={"article": article}
        )
    # The new slug is live again (or for the first time): it must not redirect anywhere.
    SlugRedirect.objects.filter(language_code=language, old_slug=new_slug).delete()


def article_url(translation_obj: ArticleTranslation) -> str:
    """Return the public URL of an article translation, e.g. /ar/policy-analysis/<slug>."""
    with translation.override(translation_obj.language_code):
        return reverse("articles:resolve", kwargs={"slug": translation_obj.slug})


def redirect_url(slug: str, language: str) -> str | None:
    """Return where an old slug now lives, if that translation is public; else None."""
    found = (
        SlugRedirect.objects.filter(language_code=language, old_slug=slug)
        .values_list("article_id", flat=True)
        .first()
    )
    if found is None:
        return None
    current = ArticleTranslation.objects.public(language).filter(master_id=found).first()
    if current is None or current.slug == slug:
        return None
    try:
        return article_url(current)
    except NoReverseMatch:  # The public site's URLs are not installed.
        return None
