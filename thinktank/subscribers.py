"""
The subscribers of the "content changed" event (core.events), in the order they run.

The one place that lists them: a new subscriber is a function in its app taking
changes=, added here. The page cache comes last, after the stored data it shows.
"""

from core.events import content_changed
from recommendations.services import lists_refreshed
from recommendations.subscribers import recommendations_update
from search.subscribers import search_index_update
from thinktank.page_cache import invalidate, page_cache_update

SUBSCRIBERS = [search_index_update, recommendations_update, page_cache_update]


def connect() -> None:
    for subscriber in SUBSCRIBERS:
        content_changed.connect(
            subscriber, dispatch_uid=f"{subscriber.__module__}.{subscriber.__name__}", weak=False
        )
    # A recommendations refresh run on its own (a command) rewrites lists pages show.
    lists_refreshed.connect(invalidate, dispatch_uid="page-cache-recommendations", weak=False)
