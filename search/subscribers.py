"""
Keep the search index in step with the content: the "content changed" subscriber.

It only enqueues the work (search.tasks): a save never waits for indexing, and a search
read meanwhile stays correct, since the visibility rule is applied when searching.
"""

from core.tasks import enqueue

from .tasks import search_index_changes


def search_index_update(*, changes, **_signal) -> None:
    """Enqueue the reindexing of what public changes touch (a draft edit changes no document)."""
    public = [change.as_json() for change in changes if change.public]
    if public:
        enqueue(search_index_changes, changes=public)
