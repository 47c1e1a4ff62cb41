"""
Scheduled publication: a piece whose publication time is ahead becomes public then with
nothing saved, so a task set for that time reports it as a "content changed" event, and
the pages that list it are invalidated on time (the page cache keeps pages for hours).
"""

from django.utils import timezone

from core.events import content_change
from core.tasks import background

from .models import Article, ArticleTranslation, State


@background()
def publication_due(article_id: int) -> bool:
    """
    Report the article as changed for readers if its publication time has come; return
    whether it did. Run early (the time moved later) it does nothing: the save that moved
    the time set another task.
    """
    article = Article.objects.filter(pk=article_id).only("published_at").first()
    if article is None or article.published_at is None or article.published_at > timezone.now():
        return False
    languages = ArticleTranslation.objects.filter(
        master_id=article_id, state=State.PUBLISHED
    ).values_list("language_code", flat=True)
    if not languages:
        return False
    content_change(kind="articles.article", id=article_id, languages=list(languages), public=True)
    return True


@background()
def pdf_edition_make(article_id: int, languages: list[str]) -> list[str]:
    """
    Make the PDF edition of each of the article's versions in languages that is public
    (articles.pdf_edition), and remove the stored PDFs of those that are not (unpublished,
    withdrawn, deleted); return the names stored.
    """
    from .pdf_edition import Edition, remove

    public = {
        version.language_code: version
        for version in ArticleTranslation.objects.public()
        .filter(master_id=article_id, language_code__in=languages)
        .select_related("master")
    }
    for language in set(languages) - set(public):
        remove(article_id, language)
    # A version another process is making (a first request holds its lock) is theirs.
    made = [Edition(version).make() for version in public.values()]
    return [name for name in made if name]
