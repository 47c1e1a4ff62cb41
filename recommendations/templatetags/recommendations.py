"""
{% recommended_for article as recommendations %}: what the article page's "Recommended"
block shows. A tag rather than view context: the article page belongs to `articles`, which
sits below this app and does not import it.
"""

from django import template
from django.utils.translation import get_language

from recommendations.selectors import recommended

register = template.Library()


@register.simple_tag
def recommended_for(article):
    """
    Return what the "Recommended" block of article's page in the page language shows:
    editor pins, then the precomputed best matches public in that language, then (if
    still short) pieces public in the article's source language. One query.
    """
    return recommended(article, get_language())
