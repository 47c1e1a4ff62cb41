"""Dates as Farsi and Arabic readers read them, in real Chromium."""

import datetime as dt

import pytest

from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article():
    return ArticleFactory(
        published_at=dt.datetime(2020, 11, 30, 10, 0, tzinfo=dt.UTC),
        languages={
            "en": {"title": "Limits on Engagement", "slug": "limits-on-engagement"},
            "ar": {"title": "حدود المشاركة", "slug": "hdwd-almsharkt"},
            "fa": {"title": "حدود تعامل", "slug": "hdwd-tamal"},
        },
    )


def test_a_farsi_article_is_dated_in_solar_hijri_with_the_gregorian_date_at_hand(page, article):
    page.goto("/fa/policy-analysis/hdwd-tamal")
    date = page.locator(".dateline time")
    assert date.inner_text() == "۱۰ آذر ۱۳۹۹"
    assert date.get_attribute("title") == "۳۰ نوامبر ۲۰۲۰"
    assert date.get_attribute("datetime") == "2020-11-30T10:00:00+00:00"
    assert page.locator(".dateline .date-other").inner_text() == "(۳۰ نوامبر ۲۰۲۰)"
    # The listing and its Solar Hijri year filter.
    page.goto("/fa/policy-analysis/")
    page.locator("#id_year").select_option("1399")
    page.get_by_role("button", name="اعمال فیلترها").click()
    page.wait_for_url("**/fa/policy-analysis/?*year=1399*")
    assert page.locator(".card time").first.inner_text() == "۱۰ آذر ۱۳۹۹"


def test_an_arabic_article_keeps_gregorian_months_in_arabic_digits(page, article):
    page.goto("/ar/policy-analysis/hdwd-almsharkt")
    date = page.locator(".dateline time")
    assert date.inner_text() == "٣٠ نوفمبر، ٢٠٢٠"
    assert date.get_attribute("datetime") == "2020-11-30T10:00:00+00:00"
    assert page.locator(".dateline .date-other").count() == 0
