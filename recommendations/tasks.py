"""The recommendations' background work: bring the stored lists up to date after changes."""

from core.events import SITE, Change
from core.tasks import background
from taxonomy.models import ArticleTypeTranslation

from .models import Recommendation
from .services import (
    lists_refreshed,
    recommendations_rebuild,
    recommendations_refresh,
    recommendations_rename_expert,
    recommendations_rescore,
)

#: The kind of a change that is new reading paths from an article (not a content change).
PATHS = "readership.paths"


@background()
def recommendations_changes(changes: list[dict]) -> None:
    """
    One refresh for every article the changes name (an admin save touches the article, its
    translations, its terms and its authors, and costs one refresh); a renamed expert or
    content type rewrites the names copied into the rows that show them; a change of
    everything rebuilds every list; new reading paths from an article rescore its own lists.
    """
    articles, read_from = set(), set()
    for change in map(Change.from_json, changes):
        if change.kind == SITE:
            recommendations_rebuild()
            return
        if change.kind == "articles.article":
            articles.add(change.id)
        elif change.kind == "experts.expert":
            recommendations_rename_expert(expert_id=change.id)
        elif change.kind == "taxonomy.articletype":
            _type_renamed(change.id, change.languages)
        elif change.kind == PATHS:
            read_from.add(change.id)
    if articles:
        recommendations_refresh(article_ids=articles)
    if read_from - articles:
        recommendations_rescore(article_ids=read_from - articles)


def _type_renamed(type_id: int, languages) -> None:
    names = ArticleTypeTranslation.objects.filter(master_id=type_id, language_code__in=languages)
    for language, name in names.values_list("language_code", "name"):
        rows = Recommendation.objects.filter(
            candidate__article_type_id=type_id, candidate_language=language
        )
        holders = set(rows.values_list("article_id", flat=True))
        rows.update(type_name=name)
        lists_refreshed.send(sender=Recommendation, article_ids=holders)
