"""
Old detail rolled up (README "Readership"): daily counts older than READERSHIP_DETAIL_DAYS
become one row per month, and reading paths that old are deleted.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from . import counting
from .models import (
    DailyListingPath,
    DailyListingViews,
    DailyPath,
    DailyViews,
    FlushedMinute,
    MonthlyListingViews,
    MonthlyViews,
)
from .store import add_counts


def roll_up(*, today=None, now: float | None = None) -> dict[str, int]:
    """
    Collapse the daily views of days before the cut-off into monthly rows, delete the
    paths of those days, forget the flushed minutes whose keys the cache has dropped;
    return how many rows went. One transaction: each old day is added once.
    """
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.READERSHIP_DETAIL_DAYS)
    oldest = counting.minute_of(time.time() if now is None else now) - 2 * (
        counting.BUCKET_SECONDS // 60
    )
    with transaction.atomic():
        views = _collapse(DailyViews, MonthlyViews, ("article_id", "language"), cutoff)
        listings = _collapse(
            DailyListingViews, MonthlyListingViews, ("term_id", "kind", "language"), cutoff
        )
        paths, _ = DailyPath.objects.filter(day__lt=cutoff).delete()
        listing_paths, _ = DailyListingPath.objects.filter(day__lt=cutoff).delete()
        paths += listing_paths
        minutes, _ = FlushedMinute.objects.filter(minute__lt=oldest).delete()
    return {"views": views, "listings": listings, "paths": paths, "minutes": minutes}


def _collapse(daily, monthly, keys: tuple[str, ...], cutoff) -> int:
    old = daily.objects.filter(day__lt=cutoff)
    totals = (
        old.annotate(month=TruncMonth("day"))
        .values(*keys, "month")
        .annotate(total=Sum("views"))
        .order_by()
    )
    add_counts(
        monthly,
        {(*(row[key] for key in keys), row["month"]): row["total"] for row in totals},
        (*keys, "month"),
        "views",
    )
    deleted, _ = old.delete()
    return deleted
