"""
Keep the search index in step with the content: the "content changed" subscriber.

It only enqueues the work (search.tasks): a save never waits for indexing, and a search
read meanwhile stays correct, since the visibility rule is applied when searching.
"""

from core.tasks import enqueue

from .services import SYNONYMS
from .tasks import search_index_changes


def search_index_update(*, changes, **_signal) -> None:
    """
    Enqueue the reindexing of what public changes touch (a draft edit changes no document;
    nor does a synonym set, read when searching).
    """
    public = [change.as_json() for change in changes if change.public and change.kind != SYNONYMS]
    if public:
        enqueue(search_index_changes, changes=public)
