"""The search index's background work: reindex what a "content changed" event touched."""

from collections import defaultdict

from articles.models import Article, Authorship
from core.events import SITE, Change
from core.tasks import background

from .indexing import index_articles

TERM_FIELDS = {"taxonomy.topic": "topics", "taxonomy.region": "regions"}


@background()
def search_index_changes(changes: list[dict]) -> int:
    """
    Reindex the documents the changes touch, once per set of languages: an article in the
    languages it changed in; a renamed expert or term the pieces that show the name, in
    every language (the name is copied into their documents, and stands in where it is
    untranslated). Return documents written.
    """
    wanted: dict[frozenset | None, set[int]] = defaultdict(set)
    for change in map(Change.from_json, changes):
        if change.kind == SITE:
            return index_articles(Article.objects.values_list("pk", flat=True))
        # A name stands in for itself in the languages it is untranslated in (the page
        # shows it there, search.indexing._names), so a rename reindexes every language.
        languages = change.languages if change.kind == "articles.article" else None
        wanted[languages] |= set(_articles_showing(change))
    return sum(index_articles(ids, languages) for languages, ids in wanted.items() if ids)


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
