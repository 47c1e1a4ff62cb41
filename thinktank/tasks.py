"""The project's background work: purging the edge caches by tag (thinktank.edge)."""

from core.tasks import background
from thinktank import edge


@background()
def edge_purge(*, tags: list[str]) -> None:
    """Drop the objects carrying any of tags from every edge cache; raises to retry."""
    edge.purge(tags)
