"""
The subscribers of the "content changed" event (core.events), in the order they run.

The one place that lists them: a new subscriber is a function in its app taking
changes=, added here. Each either does something quick (the page cache: new versions for
the stale tags) or enqueues a task (core.tasks), so a save never waits for slow work.
"""

from alerts.subscribers import alerts_update
from articles.subscribers import pdf_editions_update, publication_schedule
from core.events import content_changed
from readership.signals import most_read_changed, paths_counted
from recommendations.services import lists_refreshed
from recommendations.subscribers import recommendations_paths_update, recommendations_update
from search.indexing import index_changed
from search.subscribers import search_index_update
from thinktank.page_cache import (
    lists_rewritten,
    most_read_rewritten,
    page_cache_update,
    search_rewritten,
)

SUBSCRIBERS = [
    page_cache_update,
    search_index_update,
    recommendations_update,
    publication_schedule,
    alerts_update,
    pdf_editions_update,
]


def connect() -> None:
    for subscriber in SUBSCRIBERS:
        content_changed.connect(
            subscriber, dispatch_uid=f"{subscriber.__module__}.{subscriber.__name__}", weak=False
        )
    # Work done by the tasks changes what pages show too: stored "Recommended" lists
    # rewritten, search documents rewritten.
    lists_refreshed.connect(lists_rewritten, dispatch_uid="page-cache-recommendations", weak=False)
    index_changed.connect(search_rewritten, dispatch_uid="page-cache-search", weak=False)
    # And the counts behind "Most read", on the clock (readership.tasks.most_read_refresh).
    most_read_changed.connect(most_read_rewritten, dispatch_uid="page-cache-read", weak=False)
    # New reading paths rescore the lists of the pieces readers went on from (a task).
    paths_counted.connect(
        recommendations_paths_update, dispatch_uid="recommendations-paths", weak=False
    )
