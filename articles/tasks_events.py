"""
An event's end: nothing is saved when an event ends, yet it leaves the upcoming listings
for the past ones and its page offers the recording. A task set for that time
(articles.services_events) reports it as a "content changed" event, so the cached pages
that show it are invalidated on time (the page cache keeps pages for hours).
"""

from django.utils import timezone

from core.events import content_change
from core.tasks import background

from .changes import KIND
from .models import ArticleTranslation, Event, State


@background()
def event_over(article_id: int) -> bool:
    """
    Report the article's event as changed for readers if it has ended; return whether it
    did. Run early (the end moved later) it does nothing: the save that moved it set
    another task.
    """
    event = Event.objects.filter(article_id=article_id).only("ends_at").first()
    if event is None or event.ends_at > timezone.now():
        return False
    languages = ArticleTranslation.objects.filter(
        master_id=article_id, state=State.PUBLISHED
    ).values_list("language_code", flat=True)
    if not languages:
        return False
    content_change(kind=KIND, id=article_id, languages=list(languages), public=True)
    return True
