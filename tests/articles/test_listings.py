from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [str(article.title) for article in response.context["articles"]]


def test_topic_page_lists_public_pieces_in_the_page_language(client):
    topic = TopicFactory(
        names={"en": "Proliferation", "ar": "الانتشار النووي", "fa": "اشاعه هسته‌ای"}
    )
    ArticleFactory(
        topics=[topic], languages={"en": {"title": "Enrichment"}, "ar": {"title": "التخصيب"}}
    )
    ArticleFactory(topics=[topic], languages={"en": {"title": "Draft", "state": "draft"}})
    ArticleFactory(topics=[TopicFactory()], languages={"en": {"title": "Other topic"}})

    response = client.get("/policy-analysis/proliferation")
    assert response.status_code == 200
    assert titles(response) == ["Enrichment"]
    html = response.content.decode()
    assert "<h1>Proliferation</h1>" in html and "Topic" in html

    response = client.get(f"/ar/policy-analysis/{topic.translations.get(language_code='ar').slug}")
    assert titles(response) == ["التخصيب"]
    assert "<h1>الانتشار النووي</h1>" in response.content.decode()


def test_a_term_description_is_shown_and_describes_the_page(client):
    from taxonomy.models import TopicTranslation

    topic = TopicFactory(names={"en": "Energy"}, languages=("en",))
    TopicTranslation.objects.filter(master=topic).update(description="Oil, gas and money.")
    html = client.get("/policy-analysis/energy").content.decode()
    assert '<meta name="description" content="Oil, gas and money.">' in html
    assert '<p class="lead">Oil, gas and money.</p>' in html
    undescribed = TopicFactory(names={"en": "Sanctions"}, languages=("en",))
    html = client.get(f"/policy-analysis/{undescribed.slug}").content.decode()
    assert "pieces under “Sanctions”, newest first." in html


def test_region_page_includes_its_countries_pieces(client):
    middle_east = RegionFactory(names={"en": "Middle East"})
    iraq = RegionFactory(parent=middle_east, names={"en": "Iraq"})
    ArticleFactory(regions=[iraq], languages={"en": {"title": "Baghdad"}})
    ArticleFactory(regions=[middle_east], languages={"en": {"title": "Region-wide"}})
    assert sorted(titles(client.get("/policy-analysis/middle-east"))) == ["Baghdad", "Region-wide"]
    assert titles(client.get("/policy-analysis/iraq")) == ["Baghdad"]
    assert (
        'href="/policy-analysis/iraq">Iraq</a>'
        in client.get("/policy-analysis/middle-east").content.decode()
    )


def test_content_type_page_lists_its_pieces(client):
    podcast = ArticleTypeFactory(names={"en": "Podcast"})
    ArticleFactory(article_type=podcast, languages={"en": {"title": "Episode 1"}})
    ArticleFactory(languages={"en": {"title": "Not a podcast"}})
    assert titles(client.get("/policy-analysis/podcast")) == ["Episode 1"]


@override_settings(LISTING_PAGE_SIZE=2)
def test_listings_page_by_position_and_survive_bad_positions(client):
    topic = TopicFactory(names={"en": "Energy"})
    now = timezone.now()
    for n in range(5):
        ArticleFactory(
            topics=[topic],
            published_at=now - timedelta(days=n),
            languages={"en": {"title": f"Piece {n}"}},
        )
    first = client.get("/policy-analysis/energy")
    assert titles(first) == ["Piece 0", "Piece 1"]
    assert first.context["page"].previous_query is None
    second = client.get("/policy-analysis/energy", first.context["page"].next_query)
    assert titles(second) == ["Piece 2", "Piece 3"]
    third = client.get("/policy-analysis/energy", second.context["page"].next_query)
    assert titles(third) == ["Piece 4"]
    assert third.context["page"].next_query is None
    back = client.get("/policy-analysis/energy", third.context["page"].previous_query)
    assert titles(back) == ["Piece 2", "Piece 3"]
    html = second.content.decode()
    assert 'rel="prev" href="?before=' in html and 'rel="next" href="?after=' in html
    for bad in ["abc", "1.2.3", "-" * 50, "99999999999999999999.1", "\x00"]:
        assert titles(client.get("/policy-analysis/energy", {"after": bad})) == [
            "Piece 0",
            "Piece 1",
        ]


@override_settings(LISTING_PAGE_SIZE=2)
def test_oldest_first_pages_forward_in_time_and_keep_filters(client):
    topic = TopicFactory(names={"en": "Energy"})
    now = timezone.now()
    for n in range(3):
        ArticleFactory(
            topics=[topic],
            published_at=now - timedelta(days=n),
            languages={"en": {"title": f"Piece {n}"}},
        )
    first = client.get("/policy-analysis/", {"sort": "oldest", "topic": topic.pk})
    assert titles(first) == ["Piece 2", "Piece 1"]
    html = first.content.decode()
    assert f"sort=oldest&amp;topic={topic.pk}&amp;after=" in html and "Later" in html
    second = client.get(
        "/policy-analysis/",
        {"sort": "oldest", "topic": topic.pk, **first.context["page"].next_query},
    )
    assert titles(second) == ["Piece 0"]


def listing_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@override_settings(LISTING_PAGE_SIZE=50)
@pytest.mark.parametrize(
    "url", ["/policy-analysis/energy", "/policy-analysis/", "/", "/experts/writer"]
)
def test_listing_query_count_is_the_same_for_5_and_50_items(client, url):
    topic = TopicFactory(names={"en": "Energy"})
    kind = ArticleTypeFactory()
    writer = ExpertFactory(names={"en": "Writer"})

    def add(n):
        # In one transaction, as an import writes them: one "content changed" event for
        # all, where one per article cost most of the test's time. The same rows.
        with transaction.atomic():
            for _ in range(n):
                ArticleFactory(
                    article_type=kind,
                    topics=[topic],
                    authors=[writer, ExpertFactory()],
                    is_featured=True,
                )

    add(5)
    with_five = listing_queries(client, url)
    add(45)
    assert listing_queries(client, url) == with_five


class TestAllAnalysisFilters:
    @pytest.fixture
    def corpus(self):
        self.energy = TopicFactory(names={"en": "Energy"})
        self.gulf = RegionFactory(names={"en": "Gulf"})
        self.iran = RegionFactory(parent=self.gulf, names={"en": "Iran"})
        self.podcast = ArticleTypeFactory(names={"en": "Podcast"})
        self.writer = ExpertFactory(names={"en": "Dana Reed"})
        day = lambda d: datetime(2025, 1, d, 12, tzinfo=UTC)  # noqa: E731
        ArticleFactory(
            published_at=day(1),
            topics=[self.energy],
            regions=[self.iran],
            article_type=self.podcast,
            authors=[self.writer],
            languages={"en": {"title": "Oil podcast"}},
        )
        ArticleFactory(
            published_at=day(5),
            topics=[self.energy],
            languages={"en": {"title": "Oil brief"}},
        )
        ArticleFactory(
            published_at=day(9),
            regions=[self.gulf],
            authors=[self.writer],
            languages={"en": {"title": "Gulf brief"}},
        )

    def get(self, client, **query):
        return client.get("/policy-analysis/", query)

    def test_no_filter_lists_everything_newest_first(self, client, corpus):
        assert titles(self.get(client)) == ["Gulf brief", "Oil brief", "Oil podcast"]

    def test_filters_combine(self, client, corpus):
        assert titles(self.get(client, topic=self.energy.pk, type=self.podcast.pk)) == [
            "Oil podcast"
        ]
        assert titles(self.get(client, region=self.gulf.pk)) == ["Gulf brief", "Oil podcast"]
        assert titles(self.get(client, expert="dana-reed", sort="oldest")) == [
            "Oil podcast",
            "Gulf brief",
        ]
        assert titles(self.get(client, date_from="2025-01-02", date_to="2025-01-06")) == [
            "Oil brief"
        ]

    @pytest.mark.parametrize(
        "query",
        [
            {"topic": "abc"},
            {"topic": "999999"},
            {"date_from": "yesterday"},
            {"date_from": "2025-02-01", "date_to": "2025-01-01"},
            {"sort": "sideways"},
            {"expert": "nobody"},
            {"region": "1 OR 1=1"},
        ],
    )
    def test_malformed_filters_give_a_400_with_a_message(self, client, corpus, query):
        response = self.get(client, **query)
        assert response.status_code == 400
        assert titles(response) == []
        assert "Some filters are not valid" in response.content.decode()
