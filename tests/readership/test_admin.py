"""The counts in the admin: listed read-only, in a number of queries that rows do not change."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from readership.models import DailyPath, DailyViews, MonthlyViews
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/admin/readership/dailyviews/",
    "/admin/readership/monthlyviews/",
    "/admin/readership/dailylistingviews/",
    "/admin/readership/dailypath/",
]


def add_rows(n: int, day: date) -> None:
    for _ in range(n):
        a, b = ArticleFactory(), ArticleFactory()
        DailyViews.objects.create(article=a, language="en", day=day, views=3)
        MonthlyViews.objects.create(article=a, language="en", month=day.replace(day=1), views=9)
        DailyPath.objects.create(from_article=a, to_article=b, language="en", day=day, count=1)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", PAGES)
def test_the_counts_are_listed_with_titles_in_queries_rows_do_not_change(client, staff, url):
    client.force_login(staff)
    add_rows(1, date(2026, 5, 4))
    one = queries(client, url)
    add_rows(4, date(2026, 5, 5))
    assert queries(client, url) == one
    if "listing" not in url:
        assert "Analysis " in client.get(url).content.decode()  # the articles by title


def test_the_counts_cannot_be_added_changed_or_deleted_by_hand(client, staff):
    client.force_login(staff)
    add_rows(1, date(2026, 5, 4))
    row = DailyViews.objects.get()
    assert client.get("/admin/readership/dailyviews/add/").status_code == 403
    assert client.post(f"/admin/readership/dailyviews/{row.pk}/delete/").status_code == 403
    client.post(f"/admin/readership/dailyviews/{row.pk}/change/", {"views": 999})
    assert DailyViews.objects.get().views == 3
