"""
Scheduled publication, the "content changed" subscriber: a public change to an article
whose publication time is ahead sets a task for that time (articles.tasks).
"""

from django.utils import timezone

from core.events import SITE
from core.tasks import enqueue

from .models import Article
from .tasks import publication_due


def publication_schedule(*, changes, **_signal) -> None:
    ahead = Article.objects.filter(published_at__gt=timezone.now())
    if not any(c.kind == SITE for c in changes):  # everything: every piece ahead
        ids = {c.id for c in changes if c.public and c.kind == "articles.article"}
        if not ids:
            return
        ahead = ahead.filter(pk__in=ids)
    for pk, published_at in ahead.values_list("pk", "published_at"):
        enqueue(publication_due, article_id=pk, run_after=published_at)
