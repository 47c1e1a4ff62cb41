"""
Keep the stored lists current: the "content changed" subscriber.

It only enqueues the work (recommendations.tasks): a save never waits for the lists, and a
page meanwhile stays correct, since the lists are filtered by the visibility rule when read.
"""

from core.events import Change
from core.i18n import language_codes
from core.tasks import enqueue

from .tasks import PATHS, recommendations_changes


def recommendations_update(*, changes, **_signal) -> None:
    """Enqueue the refresh for public changes (the lists hold public pieces only)."""
    public = [change.as_json() for change in changes if change.public]
    if public:
        enqueue(recommendations_changes, changes=public)


def recommendations_paths_update(*, article_ids, **_signal) -> None:
    """
    Enqueue the refresh of the lists of articles readers went on from (a flush wrote new
    reading paths, readership.signals.paths_counted): the same task as content changes.
    """
    languages = frozenset(language_codes())
    changes = [Change(PATHS, int(a), languages, True).as_json() for a in sorted(article_ids)]
    if changes:
        enqueue(recommendations_changes, changes=changes)
