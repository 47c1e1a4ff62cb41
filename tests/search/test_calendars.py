"""Search in each language's calendar and digits: Solar Hijri year facet, counts, plurals."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def around_nowruz():
    for title, when in [
        ("before", dt.datetime(2020, 3, 19, 23, 0, tzinfo=dt.UTC)),
        ("first day", dt.datetime(2020, 3, 20, 1, 0, tzinfo=dt.UTC)),
        ("last day", dt.datetime(2021, 3, 20, 22, 0, tzinfo=dt.UTC)),
        ("after", dt.datetime(2021, 3, 21, 1, 0, tzinfo=dt.UTC)),
    ]:
        ArticleFactory(
            published_at=when,
            languages={"fa": {"title": f"{title} تحلیل"}, "en": {"title": f"{title} analysis"}},
        )


def year_facet(html: str) -> dict[str, str]:
    """{value: visible label and count} of the year facet's options."""
    found = re.findall(r'id="f-year-(\w+)".*?<label for="f-year-\1">(.*?)</label>', html, re.S)
    return {value: re.sub(r"<[^>]+>", "", label).strip() for value, label in found}


def test_the_farsi_year_facet_counts_solar_hijri_years(client, around_nowruz):
    html = client.get("/fa/search/", {"q": "تحلیل"}).content.decode()
    assert year_facet(html) == {"1400": "۱۴۰۰ (۱)", "1399": "۱۳۹۹ (۲)", "1398": "۱۳۹۸ (۱)"}
    response = client.get("/fa/search/", {"q": "تحلیل", "year": "1399"})
    titles = [hit.article.title for hit in response.context["results"].hits]
    assert titles == ["last day تحلیل", "first day تحلیل"]


def test_the_english_year_facet_counts_gregorian_years(client, around_nowruz):
    html = client.get("/search/", {"q": "analysis"}).content.decode()
    assert year_facet(html) == {"2021": "2021 (2)", "2020": "2020 (2)"}


@pytest.mark.parametrize("year", ["2020", "abc", "-1", "۱۳۹۹", "99999999999999999999999"])
def test_a_farsi_year_of_another_calendar_or_malformed_is_ignored(client, around_nowruz, year):
    response = client.get("/fa/search/", {"q": "تحلیل", "year": year})
    assert response.status_code == 200
    assert response.context["results"].total == 4


def render_results(language: str, total: int, page: int = 1, pages: int = 1) -> str:
    request = RequestFactory().get("/search/", {"q": "x"})
    context = {
        "request": request,
        "query": "x",
        "parsed": SimpleNamespace(positive=True),
        "results": SimpleNamespace(total=total, hits=[object()], page=page, pages=pages),
        "facets": [
            SimpleNamespace(
                name="topic",
                title="",
                options=[SimpleNamespace(value=7, label="x", count=total, selected=False)],
            )
        ],
        "next_url": "?q=x&page=2" if page < pages else None,
        "previous_url": None,
    }
    with translation.override(language):
        return render_to_string("search/search.html", context, request=request)


def heading(html: str) -> str:
    found = re.search(r'id="search-results-heading"[^>]*>(.*?)</h2>', html, re.S)
    return found.group(1).strip()


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0, "لا توجد نتائج"),
        (1, "نتيجة واحدة"),
        (2, "نتيجتان"),
        (3, "٣ نتائج"),
        (11, "١١ نتيجة"),
        (100, "١٠٠ نتيجة"),
        (1000, "١٬٠٠٠ نتيجة"),
    ],
)
def test_arabic_result_counts_take_the_plural_form_arabic_uses(total, expected):
    assert heading(render_results("ar", total)) == expected


@pytest.mark.parametrize(
    ("total", "expected"), [(0, "۰ نتیجه"), (1, "۱ نتیجه"), (2, "۲ نتیجه"), (1250, "۱٬۲۵۰ نتیجه")]
)
def test_farsi_result_counts_are_in_persian_digits(total, expected):
    assert heading(render_results("fa", total)) == expected


def test_pagination_and_facet_counts_are_in_the_page_language_digits():
    html = render_results("ar", 1234, page=2, pages=62)
    assert "الصفحة ٢ من ٦٢" in html
    assert '<span class="facet__count">(١٬٢٣٤)</span>' in html
    # Never in links or form values.
    assert 'href="?q=x&amp;page=2"' in html
    assert 'value="7"' in html
    html = render_results("fa", 12, page=3, pages=4)
    assert "۳" in re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)


def test_each_document_keeps_the_year_of_its_language_calendar():
    from search.models import SearchDocument

    days = [
        dt.datetime(2020, 3, 19, 23, 59, tzinfo=dt.UTC),
        dt.datetime(2020, 3, 20, 0, 0, tzinfo=dt.UTC),
        dt.datetime(2024, 3, 19, tzinfo=dt.UTC),
        dt.datetime(2024, 3, 20, tzinfo=dt.UTC),
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    ]
    for day in days:
        ArticleFactory(published_at=day, languages={"fa": "published", "en": "published"})
    years = SearchDocument.objects.order_by("published_at").values_list("language_code", "year")
    assert [y for code, y in years if code == "fa"] == [1398, 1399, 1402, 1403, 1404]
    assert [y for code, y in years if code == "en"] == [2020, 2020, 2024, 2024, 2026]
