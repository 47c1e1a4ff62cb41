"""Old detail rolled up: daily counts become monthly ones, old paths go, nothing is lost."""

from datetime import date

import pytest

from readership.models import DailyListingPath, DailyPath, DailyViews, FlushedMinute, MonthlyViews
from readership.rollup import roll_up

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)


def test_days_older_than_the_setting_become_months_and_recent_days_stay(article, settings):
    settings.READERSHIP_DETAIL_DAYS = 30
    for day, views in ((date(2026, 3, 2), 4), (date(2026, 3, 28), 6), (date(2026, 4, 9), 1)):
        DailyViews.objects.create(article=article, language="en", day=day, views=views)
    DailyViews.objects.create(article=article, language="ar", day=date(2026, 3, 5), views=2)
    DailyViews.objects.create(article=article, language="en", day=date(2026, 6, 20), views=9)
    roll_up(today=TODAY)
    months = MonthlyViews.objects.values_list("language", "month", "views")
    assert sorted(months) == [
        ("ar", date(2026, 3, 1), 2),
        ("en", date(2026, 3, 1), 10),
        ("en", date(2026, 4, 1), 1),
    ]
    assert list(DailyViews.objects.values_list("day", "views")) == [(date(2026, 6, 20), 9)]


def test_rolling_up_again_adds_to_the_month_and_never_counts_a_day_twice(article, settings):
    settings.READERSHIP_DETAIL_DAYS = 30
    DailyViews.objects.create(article=article, language="en", day=date(2026, 3, 2), views=4)
    roll_up(today=TODAY)
    roll_up(today=TODAY)
    DailyViews.objects.create(article=article, language="en", day=date(2026, 3, 3), views=1)
    roll_up(today=TODAY)
    assert MonthlyViews.objects.get().views == 5


def test_old_reading_paths_are_deleted(article, other, settings):
    settings.READERSHIP_DETAIL_DAYS = 30
    for day in (date(2026, 5, 1), date(2026, 6, 29)):
        DailyPath.objects.create(
            from_article=article, to_article=other, language="en", day=day, count=3
        )
        DailyListingPath.objects.create(
            kind="topic", term_id=1, to_article=other, language="en", day=day, count=2
        )
    roll_up(today=TODAY)
    assert list(DailyPath.objects.values_list("day", flat=True)) == [date(2026, 6, 29)]
    assert list(DailyListingPath.objects.values_list("day", flat=True)) == [date(2026, 6, 29)]


def test_claims_of_minutes_the_cache_has_long_dropped_are_forgotten():
    now = 1_800_000_000.0
    minute = int(now // 60)
    FlushedMinute.objects.create(minute=minute - 5)
    FlushedMinute.objects.create(minute=minute - 3 * 24 * 60)
    roll_up(today=TODAY, now=now)
    assert list(FlushedMinute.objects.values_list("minute", flat=True)) == [minute - 5]
