"""
What a "content changed" event makes stale: the cache tags (core.cache_tags) of the pages
that show what changed, or that list what a change may add.

Only public changes count: a draft or in-review edit changes no page a reader can see.
"""

from articles.models import Article, Authorship
from core import cache_tags as tags
from core.events import SITE
from search.services import SYNONYMS

TERM_KINDS = {
    "taxonomy.topic": "topic",
    "taxonomy.region": "region",
    "taxonomy.articletype": "articletype",
}


def tags_for(changes) -> set[str]:
    """Return the tags to invalidate for changes (empty when readers see nothing new)."""
    public = [change for change in changes if change.public]
    if not public:
        return set()
    if any(change.kind == SITE for change in public):
        return {tags.SITE}
    stale = {tags.ANY}
    articles: dict[int, frozenset[str]] = {}
    for change in public:
        if change.kind == "articles.article":
            articles[change.id] = articles.get(change.id, frozenset()) | change.languages
        elif change.kind == "experts.expert":
            stale |= {tags.expert(change.id), tags.EXPERTS}
        elif change.kind in TERM_KINDS:
            stale |= {tags.term(TERM_KINDS[change.kind], change.id), tags.TERMS}
        elif change.kind == SYNONYMS:
            # Read when searching: what the search pages find changes now, nothing else.
            stale |= {tags.search(language) for language in change.languages}
    for article_id, languages in articles.items():
        stale.add(tags.article(article_id))
        stale |= {tags.listing(language) for language in languages}
    for article_id, scope in _scopes(articles):
        stale |= {tags.listing(language, scope) for language in articles[article_id]}
    return stale


def _scopes(articles):
    """
    Yield (article id, scope tag) for the lists the articles belong to now: their content
    type, authors, topics, regions and the regions of their countries. Lists they left
    showed them, and go stale through the article's own tag.
    """
    if not articles:
        return
    ids = list(articles)
    for pk, type_id in Article.objects.filter(pk__in=ids).values_list("pk", "article_type_id"):
        if type_id:
            yield pk, tags.term("articletype", type_id)
    for pk, expert_id in Authorship.objects.filter(article_id__in=ids).values_list(
        "article_id", "expert_id"
    ):
        yield pk, tags.expert(expert_id)
    for pk, topic_id in Article.topics.through.objects.filter(article_id__in=ids).values_list(
        "article_id", "topic_id"
    ):
        yield pk, tags.term("topic", topic_id)
    places = Article.regions.through.objects.filter(article_id__in=ids)
    for pk, region_id, parent_id in places.values_list("article_id", "region_id", "region__parent"):
        yield pk, tags.term("region", region_id)
        if parent_id:
            yield pk, tags.term("region", parent_id)
