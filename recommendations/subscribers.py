"""
Keep the stored lists current: the "content changed" subscriber.

One refresh per event for every article it names publicly (an admin save touches the article,
its translations, its terms and its authors, and costs one refresh); a renamed expert
or content type rewrites the names copied into the rows that show them.
"""

from taxonomy.models import ArticleTypeTranslation

from .models import Recommendation
from .services import recommendations_refresh, recommendations_rename_expert


def recommendations_update(*, changes, **_signal) -> None:
    articles = set()
    # The lists hold public pieces only: a draft edit changes none of them.
    for change in (change for change in changes if change.public):
        if change.kind == "articles.article":
            articles.add(change.id)
        elif change.kind == "experts.expert":
            recommendations_rename_expert(expert_id=change.id)
        elif change.kind == "taxonomy.articletype":
            _type_renamed(change.id, change.languages)
    if articles:
        recommendations_refresh(article_ids=articles)


def _type_renamed(type_id: int, languages) -> None:
    names = ArticleTypeTranslation.objects.filter(master_id=type_id, language_code__in=languages)
    for language, name in names.values_list("language_code", "name"):
        Recommendation.objects.filter(
            candidate__article_type_id=type_id, candidate_language=language
        ).update(type_name=name)
