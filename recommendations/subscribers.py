"""
Keep the stored lists current: the "content changed" subscriber.

It only enqueues the work (recommendations.tasks): a save never waits for the lists, and a
page meanwhile stays correct, since the lists are filtered by the visibility rule when read.
"""

import random

from core.events import Change
from core.i18n import language_codes
from core.tasks import enqueue

from .tasks import PATHS, recommendations_changes


def recommendations_update(*, changes, **_signal) -> None:
    """Enqueue the refresh for public changes (the lists hold public pieces only)."""
    public = [change.as_json() for change in changes if change.public]
    if public:
        enqueue(recommendations_changes, changes=public)


#: The most lists one flush's reading paths rescore: a refresh costs about 0.1 s a piece,
#: and a busy minute's readers leave from thousands of pieces. Those left out (a random
#: choice, so none is always last) are rescored the next time readers go on from them, or
#: by the nightly rebuild, which reads every path.
PATH_REFRESH_LIMIT = 100


def recommendations_paths_update(*, article_ids, **_signal) -> None:
    """
    Enqueue the refresh of the lists of articles readers went on from (a flush wrote new
    reading paths, readership.signals.paths_counted): the same task as content changes.
    """
    languages = frozenset(language_codes())
    ids = sorted(int(a) for a in article_ids)
    if len(ids) > PATH_REFRESH_LIMIT:
        ids = sorted(random.sample(ids, PATH_REFRESH_LIMIT))
    changes = [Change(PATHS, a, languages, True).as_json() for a in ids]
    if changes:
        enqueue(recommendations_changes, changes=changes)
