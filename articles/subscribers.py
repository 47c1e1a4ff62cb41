"""
The "content changed" subscribers of articles: a public change to an article whose
publication time is ahead sets a task for that time; a public change makes its PDF
editions (articles.tasks).
"""

from django.conf import settings
from django.utils import timezone

from core.events import SITE
from core.tasks import enqueue

from .models import Article
from .tasks import pdf_edition_make, publication_due


def publication_schedule(*, changes, **_signal) -> None:
    ahead = Article.objects.filter(published_at__gt=timezone.now())
    if not any(c.kind == SITE for c in changes):  # everything: every piece ahead
        ids = {c.id for c in changes if c.public and c.kind == "articles.article"}
        if not ids:
            return
        ahead = ahead.filter(pk__in=ids)
    for pk, published_at in ahead.values_list("pk", "published_at"):
        enqueue(publication_due, article_id=pk, run_after=published_at)


def pdf_editions_update(*, changes, **_signal) -> None:
    """
    Enqueue the PDF editions of what public changes touch (PDF_EDITIONS_IN_BACKGROUND).
    Not for a change of everything (a bulk load): each PDF is then made when first asked
    for, as is one whose author or term was renamed (its key changed; articles.pdf_edition).
    """
    if not settings.PDF_EDITIONS_IN_BACKGROUND:
        return
    for change in changes:
        if change.public and change.kind == "articles.article":
            enqueue(pdf_edition_make, article_id=change.id, languages=sorted(change.languages))
