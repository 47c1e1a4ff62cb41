"""The corrections at the end of an article page."""

from django import template

from core import cache_tags

from ..models import Correction

register = template.Library()


@register.simple_tag(takes_context=True)
def corrections_of(context, article, language):
    """Return the corrections of article in language, oldest first (its tag covers them)."""
    cache_tags.shows(cache_tags.article(article.pk))
    return list(Correction.objects.shown(article.pk, language))
