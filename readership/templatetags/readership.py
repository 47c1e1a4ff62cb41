"""
{% piece_attrs obj %}: the data attribute that tells the beacon (static/js/beacon.js)
what the page shows; {% most_read_block %} and {% most_read_block term %}: the
"Most read" block of the home page and of a topic or region listing.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from core import cache_tags
from readership.pieces import piece_of
from readership.selectors import most_read
from taxonomy.models import Region, Topic

register = template.Library()


@register.simple_tag
def piece_attrs(obj):
    """` data-piece="article:12"` for an article, topic, region or content type."""
    piece = piece_of(obj) if obj is not None else None
    return format_html(' data-piece="{}"', piece) if piece else ""


@register.inclusion_tag("readership/most_read.html")
def most_read_block(term=None):
    """
    The pieces most read in the page's language in the last 7 days: of all, or under a
    topic or region. None under a content type. One query.

    The page shows the counts as they were when it was rendered: its cache-tag
    `read-<language>` is invalidated every READERSHIP_MOST_READ_SECONDS (readership.tasks),
    and the tag of each piece listed when that piece changes.
    """
    if term is not None and not isinstance(term, Topic | Region):
        return {"items": []}
    language = get_language()
    scope = {"topic": term} if isinstance(term, Topic) else {"region": term}
    items = most_read(language, **(scope if term is not None else {}))
    cache_tags.shows(cache_tags.most_read(language))
    cache_tags.shows(*(cache_tags.article(item.article_id) for item in items))
    return {"items": items}
