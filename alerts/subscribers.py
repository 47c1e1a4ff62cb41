"""
Email alerts, the "content changed" subscriber: a public change of an article enqueues
its alerts (alerts.tasks). The task reads which translations are public now, through the
visibility rule, and who has not had them yet, so an edit or a withdrawal sends nothing.
"""

from core.tasks import enqueue

from .tasks import alerts_publish

ARTICLE = "articles.article"


def alerts_update(*, changes, **_signal) -> None:
    # Not for a change of everything (a bulk load): that is no news to announce.
    for change in changes:
        if change.public and change.kind == ARTICLE:
            enqueue(alerts_publish, article_id=change.id, languages=sorted(change.languages))
