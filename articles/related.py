"""The "Recommended" block of an article page."""

from recommendations import selectors


def recommended(article, language: str, limit: int | None = None):
    """
    Return what the "Recommended" block of article's page in language shows: editor pins,
    then the precomputed best matches public in language, then (if still short) pieces
    public in the article's source language, labelled with their language. One query.
    """
    return selectors.recommended(article, language, limit)
