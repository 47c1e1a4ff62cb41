"""
What a page tells the beacon it shows (its piece), and the site's own pages a reader
came from: the vocabulary shared by the templates, the endpoint and the flush.

A piece is "<kind>:<id>": article:12, or a listing: topic:3, region:4, type:5.
"""

import re

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

ARTICLE = "article"
#: The kind of a piece, by the model name of what the page shows.
KIND_OF_MODEL = {"article": ARTICLE, "topic": "topic", "region": "region", "articletype": "type"}
LISTING_KINDS = ("topic", "region", "type")

_PIECE = re.compile(r"(article|topic|region|type):([1-9][0-9]{0,17})")
#: Longer referrer paths are not ours (a slug is at most core.slugs.MAX_LENGTH).
MAX_PATH = 400


def piece_of(obj) -> str | None:
    """Return the piece of an article, topic, region or content type (None for others)."""
    kind = KIND_OF_MODEL.get(obj._meta.model_name)
    return f"{kind}:{obj.pk}" if kind and obj.pk else None


def parse_piece(value) -> tuple[str, int] | None:
    """Return (kind, id) of a piece as the beacon sends it, or None if it is not one."""
    match = _PIECE.fullmatch(value) if isinstance(value, str) else None
    return (match[1], int(match[2])) if match else None


def article_path(path) -> tuple[str, str] | None:
    """
    Return (language, slug) if path (a referrer's, from the beacon) has the form of an
    article page's address on this site, else None. Which article, if any, is looked up
    when the counts are written (readership.flush), not per view.
    """
    if not isinstance(path, str) or not path.startswith("/") or len(path) > MAX_PATH:
        return None
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    if match.view_name != "articles:resolve":
        return None
    return language, match.kwargs["slug"]
