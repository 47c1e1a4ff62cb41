"""Readership's work on the clock (settings.TASKS_PERIODIC, core.periodic)."""

from core.tasks import background

from . import flush, rollup
from .models import DailyViews
from .signals import most_read_changed


@background()
def readership_flush() -> int:
    """Write the counts the shared cache holds for the closed minutes; return the views."""
    return flush.flush()


@background()
def readership_roll_up() -> dict[str, int]:
    """Collapse old daily counts into months and drop old reading paths."""
    return rollup.roll_up()


@background()
def most_read_refresh() -> None:
    """
    Let the pages that show "Most read" be rendered again with the counts written since:
    new cache-tag versions (thinktank.page_cache), here and at the edge.
    """
    most_read_changed.send(sender=DailyViews, languages=None)
