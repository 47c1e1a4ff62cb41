"""The editor's readership view: an article's views per day, its sources, its audience."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from readership.models import DailyListingPath, DailyPath, DailyViews
from tests.articles.factories import ArticleFactory, UserFactory
from tests.taxonomy.factories import TopicFactory

pytestmark = pytest.mark.django_db


def url(article, **query):
    address = reverse("admin:readership_article", args=[article.pk])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def viewed(article, language, n, views):
    DailyViews.objects.create(article=article, language=language, day=days_ago(n), views=views)


def bars(content, language):
    """{day (ISO): views} as the chart of language draws them."""
    figure = content.split(f'id="chart-{language}"')[1].split("</figure>")[0]
    return {
        day: int(views)
        for day, views in re.findall(r'data-day="([\d-]+)" data-views="(\d+)"', figure)
    }


def test_the_chart_draws_each_day_s_views_per_language(client, staff, article):
    viewed(article, "en", 0, 12)
    viewed(article, "en", 2, 5)
    viewed(article, "ar", 1, 3)
    client.force_login(staff)
    content = client.get(url(article, period=7)).content.decode()
    english = bars(content, "en")
    assert len(english) == 7
    assert english[days_ago(0).isoformat()] == 12 and english[days_ago(2).isoformat()] == 5
    assert english[days_ago(1).isoformat()] == 0
    assert bars(content, "ar")[days_ago(1).isoformat()] == 3
    assert "12 views</title>" in content  # each bar says its count
    assert "<td>12</td>" in content  # and the table beneath says them all
    assert 'role="img"' in content


def test_the_bars_run_from_the_start_edge_oldest_first_right_to_left_in_arabic(
    client, staff, article
):
    viewed(article, "en", 6, 1)  # the oldest day of the week
    client.force_login(staff)

    def first_bar_x(language_cookie):
        client.cookies["django_language"] = language_cookie
        content = client.get(url(article, period=7)).content.decode()
        figure = content.split('id="chart-en"')[1]
        return content, float(re.search(r'class="readership-bar" x="([\d.]+)"', figure)[1])

    english, left = first_bar_x("en")
    arabic, right = first_bar_x("ar")
    assert left < 100 < right  # the oldest bar: at the left in English, the right in Arabic
    assert '<html lang="en" dir="ltr">' in english
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "٧" in arabic  # the period in Arabic-Indic digits


def test_readers_came_from_pieces_and_listings_and_went_on_to_others(client, staff, article, other):
    topic = TopicFactory()
    DailyPath.objects.create(
        from_article=other, to_article=article, language="en", day=days_ago(1), count=7
    )
    DailyPath.objects.create(
        from_article=article, to_article=other, language="ar", day=days_ago(1), count=2
    )
    DailyListingPath.objects.create(
        kind="topic", term_id=topic.pk, to_article=article, language="en", day=days_ago(0), count=4
    )
    client.force_login(staff)
    content = client.get(url(article)).content.decode()
    came_from = content.split("Where readers came from")[1]
    assert other.safe_translation_getter("title") in came_from
    assert "<td>7</td>" in came_from and "<td>4</td>" in came_from
    assert f"Topic: {topic.safe_translation_getter('name')}" in came_from
    assert "<td>2</td>" in came_from.split("Where they went on to")[1]


def test_translations_rank_by_their_share_of_their_language_s_views(client, staff, article):
    crowd = ArticleFactory(languages={"en": "published", "ar": "published"})
    viewed(article, "en", 0, 10)
    viewed(crowd, "en", 0, 990)  # English: 10 of 1,000 views
    viewed(article, "ar", 0, 5)
    viewed(crowd, "ar", 0, 45)  # Arabic: 5 of 50, read far more by its audience
    client.force_login(staff)
    content = client.get(url(article)).content.decode()
    table = content.split('class="readership-audience"')[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row" lang="(\w+)">.*?</th>(.*?)</tr>', table, re.S)
    assert [language for language, _cells in rows] == ["ar", "en", "fa"]
    assert "<td>100.0</td>" in rows[0][1] and "<td>10.0</td>" in rows[1][1]


@pytest.mark.parametrize("period", ["abc", "0", "-3", "4000", "7.5", "%00", ""])
def test_a_bad_period_shows_the_default_thirty_days(client, staff, article, period):
    client.force_login(staff)
    response = client.get(url(article, period=period))
    assert response.status_code == 200
    assert len(bars(response.content.decode(), "en")) == 30


def test_the_view_costs_the_same_queries_however_many_days_and_sources(client, staff, article):
    client.force_login(staff)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(article, period=90)).status_code == 200
        return len(captured)

    empty = queries()
    for n in range(60):
        viewed(article, "en", n, n + 1)
        source = ArticleFactory()
        DailyPath.objects.create(
            from_article=source, to_article=article, language="en", day=days_ago(n), count=1
        )
    assert queries() == empty == 10  # session, user, article, its report (6), and the link


def test_whoever_may_view_the_article_sees_its_readership_and_others_do_not(client, article):
    translator = UserFactory(role="Translator", languages=["ar"])
    nobody = UserFactory()  # staff without any permission
    client.force_login(translator)
    assert client.get(url(article)).status_code == 200
    assert client.get(reverse("admin:readership_overview")).status_code == 200
    client.force_login(nobody)
    assert client.get(url(article)).status_code == 403
    assert client.get(reverse("admin:readership_overview")).status_code == 403
    client.logout()
    assert client.get(url(article)).status_code == 302  # to the login page


def test_the_article_change_page_links_to_its_readership(client, staff, article):
    client.force_login(staff)
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert f'href="{url(article)}"' in client.get(change).content.decode()


def test_the_overview_lists_the_most_read_per_language_in_the_period(client, staff, article, other):
    viewed(article, "en", 1, 3)
    viewed(other, "en", 1, 8)
    viewed(other, "ar", 20, 50)  # outside the last 7 days
    client.force_login(staff)
    overview = reverse("admin:readership_overview")

    def sections(query):
        content = client.get(overview + query).content.decode()
        return dict(
            re.findall(r'<h2><span lang="(\w+)"[^>]*>[^<]*</span>: ([^<]*)</h2>', content)
        ), content

    week, content = sections("?period=abc")  # a bad period: the last 7 days
    assert week == {"en": "11 views", "ar": "0 views", "fa": "0 views"}
    english = content.split('<span lang="en"')[1].split("</section>")[0]
    assert english.index(f"/article/{other.pk}/") < english.index(f"/article/{article.pk}/")
    month, _content = sections("?period=30")
    assert month["ar"] == "50 views"


def test_the_overview_costs_the_same_queries_however_many_pieces_were_read(client, staff):
    client.force_login(staff)
    overview = reverse("admin:readership_overview") + "?period=30"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(overview).status_code == 200
        return len(captured)

    empty = queries()
    for n in range(15):
        piece = ArticleFactory(languages={"en": "published", "ar": "published"})
        viewed(piece, "en", n, n + 1)
        viewed(piece, "ar", n, 2)
    assert queries() == empty == 6  # session, user, the totals, and a query per language
