""" "Most read": only pieces public in the language, most views first, one query."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import ArticleTranslation, State
from articles.services import article_withdraw
from readership.models import DailyViews
from readership.selectors import most_read
from readership.tasks import most_read_refresh
from tests.articles.factories import ArticleFactory, UserFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def read(article, views, language="en", days_ago=0):
    DailyViews.objects.create(
        article=article,
        language=language,
        day=timezone.localdate() - timedelta(days=days_ago),
        views=views,
    )


def piece(title, **kwargs):
    languages = kwargs.pop("languages", None) or {"en": {"title": title}}
    return ArticleFactory(languages=languages, **kwargs)


def titles(items):
    return [item.title for item in items]


def test_most_read_lists_public_pieces_in_the_language_by_views():
    low, high, middle = piece("Low"), piece("High"), piece("Middle")
    read(low, 2)
    read(high, 5, days_ago=1)
    read(high, 6, days_ago=6)
    read(middle, 7)
    draft = piece("Draft", languages={"en": {"title": "Draft", "state": State.DRAFT}})
    withdrawn, scheduled = piece("Withdrawn", is_withdrawn=True), piece("Scheduled")
    scheduled.published_at = timezone.now() + timedelta(days=1)
    scheduled.save()
    for hidden in (draft, withdrawn, scheduled):
        read(hidden, 100)
    assert titles(most_read("en")) == ["High", "Middle", "Low"]
    assert [item.views for item in most_read("en")] == [11, 7, 2]
    assert most_read("en")[0].url == "/policy-analysis/" + high.translations.get().slug


def test_views_in_another_language_or_older_than_the_window_do_not_count():
    arabic = piece("", languages={"en": {"title": "Both"}, "ar": {"title": "كلاهما"}})
    old = piece("Old")
    read(arabic, 50, language="ar")
    read(arabic, 1, language="en")
    read(old, 90, days_ago=7)  # eight days ago counting today: outside the last 7
    read(old, 1, days_ago=3)
    assert [(item.title, item.views) for item in most_read("en")] == [("Both", 1), ("Old", 1)]
    assert titles(most_read("ar")) == ["كلاهما"]
    assert titles(most_read("fa")) == []
    assert titles(most_read("en", days=30)) == ["Old", "Both"]


def test_a_piece_read_in_a_language_it_is_not_public_in_is_not_listed_there():
    only_arabic = piece("", languages={"ar": {"title": "عربي"}, "en": State.REVIEW})
    read(only_arabic, 40, language="en")  # counted before it went back to review
    assert most_read("en") == []


def test_most_read_under_a_topic_or_a_region_with_its_countries():
    energy, other_topic = TopicFactory(), TopicFactory()
    middle_east = RegionFactory()
    iran = RegionFactory(parent=middle_east)
    on_energy = piece("Energy", topics=[energy])
    on_iran = piece("Iran", regions=[iran], topics=[other_topic])
    elsewhere = piece("Elsewhere", topics=[other_topic])
    for n, article in enumerate((on_energy, on_iran, elsewhere)):
        read(article, 10 + n)
    assert titles(most_read("en", topic=energy)) == ["Energy"]
    assert titles(most_read("en", region=middle_east)) == ["Iran"]
    assert titles(most_read("en", topic=other_topic)) == ["Elsewhere", "Iran"]


def test_the_limit_and_the_order_of_equal_counts():
    pieces = [piece(f"Piece {n}") for n in range(7)]
    for article in pieces:
        read(article, 3)
    assert titles(most_read("en")) == [f"Piece {n}" for n in range(5)]
    assert len(most_read("en", limit=2)) == 2


@pytest.mark.parametrize("count", [1, 5])
def test_most_read_is_one_query_whatever_it_lists(django_assert_num_queries, count):
    topic = TopicFactory()
    for n in range(count):
        read(piece(f"Piece {n}", topics=[topic]), n + 1)
    with django_assert_num_queries(1):
        assert len(most_read("en", topic=topic)) == count


# The pages.


def page_queries(client, url) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def block(html: str) -> str:
    start = html.find('class="most-read"')
    return html[start : html.index("</section>", start)] if start >= 0 else ""


def test_the_home_page_shows_most_read_in_its_language(client):
    both = piece("", languages={"en": {"title": "Oil"}, "ar": {"title": "النفط"}})
    read(piece("Gas"), 3)
    read(both, 9)
    read(both, 4, language="ar")
    html, _queries = page_queries(client, "/")
    assert "Most read" in block(html)
    assert block(html).index("Oil") < block(html).index("Gas")
    arabic, _queries = page_queries(client, "/ar/")
    assert "النفط" in block(arabic) and "Gas" not in block(arabic)


def test_no_block_when_nothing_was_read(client):
    piece("Unread")
    assert block(page_queries(client, "/")[0]) == ""


def test_topic_and_region_pages_show_their_most_read_and_type_pages_none(client):
    energy = TopicFactory(names={"en": "Energy"})
    gulf = RegionFactory(names={"en": "Gulf"})
    kind = ArticleTypeFactory(names={"en": "Podcast"})
    read(piece("On energy", topics=[energy], article_type=kind), 5)
    read(piece("On the Gulf", regions=[gulf], article_type=kind), 6)
    energy_block = block(page_queries(client, "/policy-analysis/energy")[0])
    assert "On energy" in energy_block and "On the Gulf" not in energy_block
    assert "On the Gulf" in block(page_queries(client, "/policy-analysis/gulf")[0])
    assert block(page_queries(client, "/policy-analysis/podcast")[0]) == ""


# The README's page table: the home page 10 queries, a listing 7; with the block 11 and 8.
@pytest.mark.parametrize("url,queries", [("/", 11), ("/policy-analysis/energy", 8)])
def test_the_block_costs_the_page_exactly_one_query(client, monkeypatch, url, queries):
    topic = TopicFactory(names={"en": "Energy"})
    RegionFactory(parent=RegionFactory())  # the home page lists regions with their countries
    for n in range(6):
        read(piece(f"Piece {n}", topics=[topic], is_featured=True), n + 1)
    html, with_block = page_queries(client, url + "?with-block")
    assert block(html).count("<li>") == 5
    monkeypatch.setattr("readership.templatetags.readership.most_read", lambda *a, **k: [])
    html, without = page_queries(client, url + "?without")
    assert block(html) == ""
    assert (with_block, without) == (queries, queries - 1)


def test_a_cached_page_shows_new_counts_after_the_refresh(client):
    read(piece("First"), 5)
    second = piece("Second")
    client.get("/")
    read(second, 50)
    cached = client.get("/")
    assert cached["X-Page-Cache"] == "hit" and "read-en" in cached["Surrogate-Key"].split()
    most_read_refresh.enqueue()
    fresh = client.get("/")
    assert fresh["X-Page-Cache"] == "miss"
    html = block(fresh.content.decode())
    assert html.index("Second") < html.index("First")


def test_a_withdrawn_piece_leaves_the_cached_block_at_once(client):
    listed = piece("Going away")
    read(listed, 5)
    assert "Going away" in block(client.get("/").content.decode())
    article_withdraw(article=listed, user=UserFactory(role="Editor"))
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Going away" not in response.content.decode()
    assert ArticleTranslation.objects.filter(master=listed).exists()
