"""Dates on reader pages and in the admin in each language's calendar; year and date filters."""

import datetime as dt
import json
import re

import pytest
from django.test import override_settings

from core import calendars
from tests.articles.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

NOVEMBER_30 = dt.datetime(2020, 11, 30, 10, 0, tzinfo=dt.UTC)
PERSIAN_OR_ARABIC_DIGIT = re.compile("[٠-٩۰-۹]")


@pytest.fixture
def piece():
    return ArticleFactory(
        published_at=NOVEMBER_30,
        languages={
            "en": {"title": "Limits", "slug": "limits"},
            "ar": {"title": "حدود", "slug": "hdwd"},
            "fa": {"title": "حدود", "slug": "hdwd-fa"},
        },
    )


def dateline(response) -> str:
    html = response.content.decode()
    return re.search(r'<p class="dateline">(.*?)</p>', html, re.S).group(1)


def test_farsi_article_page_dates_in_solar_hijri_with_the_gregorian_date_beside(client, piece):
    line = dateline(client.get("/fa/policy-analysis/hdwd-fa"))
    assert line == (
        '<time datetime="2020-11-30T10:00:00+00:00" title="۳۰ نوامبر ۲۰۲۰">۱۰ آذر ۱۳۹۹</time>'
        ' <span class="date-other">(۳۰ نوامبر ۲۰۲۰)</span>'
    )


def test_arabic_article_page_keeps_gregorian_months_in_arabic_digits(client, piece):
    line = dateline(client.get("/ar/policy-analysis/hdwd"))
    assert line == '<time datetime="2020-11-30T10:00:00+00:00">٣٠ نوفمبر، ٢٠٢٠</time>'
    # Cached pages and fragments keep their dates (README: clear the cache after a change).
    with override_settings(ARABIC_HIJRI_DATES=True, PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0):
        line = dateline(client.get("/ar/policy-analysis/hdwd"))
    assert "١٥ ربيع الثاني ١٤٤٢ هـ" in line and "٣٠ نوفمبر، ٢٠٢٠" in line


def test_machine_formats_stay_iso_on_farsi_pages_and_feeds(client, piece):
    html = client.get("/fa/policy-analysis/hdwd-fa").content.decode()
    [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(ld)
    assert data["datePublished"].startswith("2020-11-30T10:00:00")
    feed = client.get("/fa/feeds/rss").content.decode()
    assert "Mon, 30 Nov 2020 10:00:00" in feed
    sitemap = client.get("/sitemap-articles.xml").content.decode()
    assert not PERSIAN_OR_ARABIC_DIGIT.search(sitemap)


def test_farsi_listings_and_home_show_solar_hijri_dates(client, piece):
    for url in ("/fa/", "/fa/policy-analysis/"):
        html = client.get(url).content.decode()
        assert '<time datetime="2020-11-30T10:00:00+00:00" title="۳۰ نوامبر ۲۰۲۰">' in html
        assert "۱۰ آذر ۱۳۹۹" in html


@pytest.fixture
def around_nowruz():
    """Pieces either side of the Solar Hijri years 1399 (2020-03-20 to 2021-03-20)."""
    made = {}
    for title, when in [
        ("before", dt.datetime(2020, 3, 19, 23, 0, tzinfo=dt.UTC)),
        ("first day", dt.datetime(2020, 3, 20, 1, 0, tzinfo=dt.UTC)),
        ("last day", dt.datetime(2021, 3, 20, 22, 0, tzinfo=dt.UTC)),
        ("after", dt.datetime(2021, 3, 21, 1, 0, tzinfo=dt.UTC)),
    ]:
        made[title] = ArticleFactory(
            published_at=when, languages={"fa": {"title": title}, "en": {"title": title}}
        )
    return made


def titles(response):
    return [str(article.title) for article in response.context["articles"]]


def test_a_farsi_year_filter_selects_its_solar_hijri_year(client, around_nowruz):
    response = client.get("/fa/policy-analysis/", {"year": "1399"})
    assert response.status_code == 200
    assert titles(response) == ["last day", "first day"]
    assert titles(client.get("/fa/policy-analysis/", {"year": "1398"})) == ["before"]
    # The choices are the Solar Hijri years, labelled in Persian digits, valued in ASCII.
    html = response.content.decode()
    assert '<option value="1399" selected>۱۳۹۹</option>' in html
    assert '<option value="1400">۱۴۰۰</option>' in html
    assert '<option value="2020"' not in html


def test_an_english_year_filter_is_a_gregorian_year(client, around_nowruz):
    assert titles(client.get("/policy-analysis/", {"year": "2020"})) == ["first day", "before"]


def test_farsi_date_filters_are_typed_in_solar_hijri(client, around_nowruz):
    response = client.get(
        "/fa/policy-analysis/", {"date_from": "۱۳۹۹/۰۱/۰۱", "date_to": "1399-12-30"}
    )
    assert response.status_code == 200
    assert titles(response) == ["last day", "first day"]
    response = client.get("/fa/policy-analysis/", {"year": "1399", "date_to": "1399-06-01"})
    assert titles(response) == ["first day"]
    assert 'placeholder="۱' in response.content.decode()  # an example in Solar Hijri


def test_the_language_links_carry_the_filters_in_each_calendar(client, around_nowruz):
    response = client.get("/fa/policy-analysis/", {"year": "1399", "sort": "oldest"})
    html = response.content.decode()
    english = "/policy-analysis/?sort=oldest&amp;date_from=2020-03-20&amp;date_to=2021-03-20"
    assert f'href="{english}"' in html
    assert titles(client.get(english.replace("&amp;", "&"))) == ["first day", "last day"]
    response = client.get("/policy-analysis/", {"date_from": "2020-11-30"})
    assert 'href="/fa/policy-analysis/?date_from=1399-09-10"' in response.content.decode()


@pytest.mark.parametrize(
    ("url", "params", "message"),
    [
        ("/fa/policy-analysis/", {"year": "abc"}, "۱۳۹۹"),
        ("/fa/policy-analysis/", {"year": "2020"}, "2020"),
        ("/fa/policy-analysis/", {"year": "99999999999999999999"}, ""),
        ("/fa/policy-analysis/", {"year": "۱۳۹۹"}, ""),
        ("/fa/policy-analysis/", {"date_from": "1399-12-31"}, "هجری شمسی"),
        ("/fa/policy-analysis/", {"date_from": "2020-11-30x"}, "هجری شمسی"),
        ("/fa/policy-analysis/", {"date_to": "\x00"}, ""),
        ("/ar/policy-analysis/", {"year": "1399"}, ""),
        ("/policy-analysis/", {"year": "-1"}, ""),
    ],
)
def test_bad_year_or_date_filters_give_a_400_with_a_message(
    client, around_nowruz, url, params, message
):
    response = client.get(url, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="field-error" role="alert"' in html
    assert message in html


def test_farsi_staff_see_admin_dates_in_solar_hijri(client, piece):
    user = UserFactory(is_superuser=True)
    client.force_login(user)
    client.cookies["django_language"] = "fa"
    changelist = client.get("/admin/articles/article/").content.decode()
    assert 'title="۳۰ نوامبر ۲۰۲۰">۱۰ آذر ۱۳۹۹، ساعت ۱۰:۰۰</time>' in changelist
    client.cookies["django_language"] = "en"
    changelist = client.get("/admin/articles/article/").content.decode()
    assert ">Nov. 30, 2020, 10 a.m.</time>" in changelist


def test_farsi_staff_see_the_workflow_log_in_solar_hijri(client, piece):
    from articles.models_workflow import WorkflowEvent

    user = UserFactory(is_superuser=True)
    event = WorkflowEvent.objects.create(
        article=piece, user=user, action=WorkflowEvent.Action.PUBLISH, language_code="fa"
    )
    client.force_login(user)
    client.cookies["django_language"] = "fa"
    page = client.get(f"/admin/articles/article/{piece.pk}/change/?language=fa")
    written = calendars.format_date(event.created_at, "DATETIME_FORMAT", language="fa")
    assert PERSIAN_OR_ARABIC_DIGIT.search(written)
    assert written in page.content.decode()


def test_alert_emails_date_farsi_pieces_in_solar_hijri_with_the_gregorian_date(piece):
    from alerts import mail

    translations = piece.translations.values_list("pk", flat=True)
    by_language = {item.language: item for item in mail.items(translations)}
    assert by_language["fa"].date == "۱۰ آذر ۱۳۹۹ (۳۰ نوامبر ۲۰۲۰)"
    assert by_language["ar"].date == "٣٠ نوفمبر، ٢٠٢٠"
    assert by_language["en"].date == "Nov. 30, 2020"
