"""
Keep the search index in step with the content: the "content changed" subscriber.

Each event reindexes the affected documents once: an article in the languages it
changed in; a renamed expert or term the pieces that show the name, in that language
only (the name is copied into their documents).
"""

from collections import defaultdict

from articles.models import Article, Authorship

from .indexing import index_articles

TERM_FIELDS = {"taxonomy.topic": "topics", "taxonomy.region": "regions"}


def search_index_update(*, changes, **_signal) -> None:
    """Reindex what the changes touch, once per set of languages."""
    wanted: dict[frozenset, set[int]] = defaultdict(set)
    # Only published translations are indexed: a draft edit changes no document.
    for change in (change for change in changes if change.public):
        wanted[change.languages] |= set(_articles_showing(change))
    for languages, ids in wanted.items():
        if ids:
            index_articles(ids, languages)


def _articles_showing(change):
    if change.kind == "articles.article":
        return [change.id]
    if change.kind == "experts.expert":
        articles = Authorship.objects.filter(expert_id=change.id).values_list("article_id")
    elif change.kind == "taxonomy.articletype":
        articles = Article.objects.filter(article_type_id=change.id).values_list("pk")
    elif change.kind in TERM_FIELDS:
        articles = Article.objects.filter(**{TERM_FIELDS[change.kind]: change.id}).values_list("pk")
    else:
        return []
    return [pk for (pk,) in articles]
