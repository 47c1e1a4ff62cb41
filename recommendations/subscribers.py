"""
Keep the stored lists current: the "content changed" subscriber.

It only enqueues the work (recommendations.tasks): a save never waits for the lists, and a
page meanwhile stays correct, since the lists are filtered by the visibility rule when read.
"""

from core.tasks import enqueue

from .tasks import recommendations_changes


def recommendations_update(*, changes, **_signal) -> None:
    """Enqueue the refresh for public changes (the lists hold public pieces only)."""
    public = [change.as_json() for change in changes if change.public]
    if public:
        enqueue(recommendations_changes, changes=public)
