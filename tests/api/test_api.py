"""The public API: what a program reading /api/v1/ gets, in the pages' language rules."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.services_podcast import episode_save
from tests.articles.audio import mp3_bytes
from tests.articles.factories import ArticleFactory, UserFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    expert = ExpertFactory(names={"en": "Dana Reed"}, languages=("en",))
    topic = TopicFactory(names={"en": "Energy", "ar": "الطاقة", "fa": "انرژی"})
    region = RegionFactory(names={"en": "Iran", "ar": "إيران", "fa": "ایران"})
    article = ArticleFactory(
        authors=[expert],
        topics=[topic],
        regions=[region],
        languages={
            "en": {"title": "Oil and power", "slug": "oil"},
            "ar": "published",
            "fa": "draft",
        },
    )
    return {"expert": expert, "topic": topic, "region": region, "article": article}


def test_article_list_shows_public_pieces_with_authors_and_type(client, site):
    ArticleFactory(languages={"en": "draft"})
    ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    ArticleFactory(is_withdrawn=True)
    body = client.get("/api/v1/articles").json()
    assert [a["title"] for a in body["results"]] == ["Oil and power"]
    [card] = body["results"]
    assert card["url"] == "http://testserver/policy-analysis/oil"
    assert card["authors"][0]["name"] == "Dana Reed"
    assert card["authors"][0]["url"] == "http://testserver/experts/dana-reed"
    assert body["next"] is None and body["previous"] is None


def test_an_untranslated_author_keeps_the_site_language_name(client, site):
    [card] = client.get("/api/v1/articles?language=ar").json()["results"]
    assert card["language"] == "ar"
    assert card["authors"][0] == {
        "id": site["expert"].pk,
        "name": "Dana Reed",
        "language": "en",
        "url": "http://testserver/experts/dana-reed",
    }


def test_a_draft_translation_is_not_listed_nor_shown(client, site):
    assert client.get("/api/v1/articles?language=fa").json()["results"] == []
    response = client.get(f"/api/v1/articles/{site['article'].pk}?language=fa")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_one_article_lists_only_its_public_translations(client, site):
    body = client.get(f"/api/v1/articles/{site['article'].pk}").json()
    assert body["title"] == "Oil and power"
    assert body["body"].startswith("<p>")
    assert [v["language"] for v in body["translations"]] == ["en", "ar"]
    assert body["translations"][1]["url"].startswith("http://testserver/ar/policy-analysis/")
    assert [t["name"] for t in body["topics"]] == ["Energy"]
    assert [r["name"] for r in body["regions"]] == ["Iran"]
    ar = client.get(f"/api/v1/articles/{site['article'].pk}?language=ar").json()
    assert [t["name"] for t in ar["topics"]] == ["الطاقة"]


@pytest.mark.parametrize("name", ["topic", "region", "expert"])
def test_filters_narrow_the_list(client, site, name):
    ArticleFactory(languages={"en": {"title": "Elsewhere"}})
    body = client.get(f"/api/v1/articles?{name}={site[name].pk}").json()
    assert [a["title"] for a in body["results"]] == ["Oil and power"]


def test_type_and_date_filters(client, site):
    old = ArticleFactory(
        published_at=timezone.now() - timedelta(days=400), languages={"en": {"title": "Old"}}
    )
    day = (timezone.now() - timedelta(days=30)).date().isoformat()
    titles = [a["title"] for a in client.get(f"/api/v1/articles?date_to={day}").json()["results"]]
    assert titles == ["Old"]
    titles = [a["title"] for a in client.get(f"/api/v1/articles?date_from={day}").json()["results"]]
    assert titles == ["Oil and power"]
    url = f"/api/v1/articles?type={old.article_type_id}"
    assert [a["title"] for a in client.get(url).json()["results"]] == ["Old"]


def test_keyset_pages_walk_the_whole_list(client, site, settings):
    settings.API_PAGE_SIZE = 2
    for n in range(4):
        ArticleFactory(published_at=timezone.now() - timedelta(days=n + 1))
    seen, url = [], "/api/v1/articles"
    while url:
        body = client.get(url).json()
        seen += [a["id"] for a in body["results"]]
        url = body["next"] and f"/api/v1/articles?after={body['next']}"
    assert len(seen) == len(set(seen)) == 5
    back = client.get(f"/api/v1/articles?before={body['previous']}").json()
    assert [a["id"] for a in back["results"]] == seen[-3:-1]


@pytest.mark.parametrize(
    "query",
    [
        "date_from=2024-13-40",
        "date_from=2025-02-01&date_to=2025-01-01",
        "topic=abc",
        "topic=999999",
        "expert=999999",
        "after=not-a-cursor",
        "before=1.x",
        "language=de",
    ],
)
def test_bad_query_strings_are_400_json(client, site, query):
    response = client.get(f"/api/v1/articles?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_experts_topics_regions_types(client, site):
    experts = client.get("/api/v1/experts").json()
    assert [e["name"] for e in experts] == ["Dana Reed"]
    assert client.get("/api/v1/experts?language=ar").json() == []  # no Arabic profile
    topics = client.get("/api/v1/topics?language=fa").json()
    assert [t["name"] for t in topics] == ["انرژی"]
    assert topics[0]["url"].startswith("http://testserver/fa/policy-analysis/")
    regions = client.get("/api/v1/regions").json()
    assert regions[0]["name"] == "Iran" and regions[0]["parent_id"] is None
    assert len(client.get("/api/v1/types").json()) == 1


def test_the_list_costs_the_same_queries_for_more_rows(
    client, site, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # count the work of the view, not a cache hit
    with django_assert_num_queries(3):  # the page of articles, their types, their authors
        client.get("/api/v1/articles")
    for _ in range(5):
        ArticleFactory(authors=[ExpertFactory()])
    with django_assert_num_queries(3):
        assert len(client.get("/api/v1/articles").json()["results"]) == 6


def test_one_article_costs_a_fixed_number_of_queries(
    client, site, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    # The article, its type, authors, topics, regions, and its public translations.
    with django_assert_num_queries(6):
        client.get(f"/api/v1/articles/{site['article'].pk}")


def test_a_podcast_episode_comes_with_its_audio_and_guests(
    client, site, settings, django_assert_num_queries, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.PAGE_CACHE_SECONDS = 0
    editor = UserFactory(is_superuser=True, is_staff=True)
    guest = ExpertFactory(names={"en": "Leila Karimi", "ar": "ليلى كريمي"})
    episode_save(article=site["article"], user=editor, episode_number=7, season_number=2,
                 audio=SimpleUploadedFile("talk.mp3", mp3_bytes(95), content_type="audio/mpeg"),
                 guests=[guest], outside_guests="Jane Roe, John Doe")  # fmt: skip
    with django_assert_num_queries(7):  # as any article, and the episode's guests
        body = client.get(f"/api/v1/articles/{site['article'].pk}?language=ar").json()
    assert body["episode"] == {
        "audio_url": "http://testserver/ar/policy-analysis/"
        f"{site['article'].translations.get(language_code='ar').slug}/audio",
        "mime_type": "audio/mpeg",
        "size": site["article"].episode.size,
        "duration_seconds": 95,
        "episode_number": 7,
        "season_number": 2,
        "explicit": False,
        "guests": [
            {
                "id": guest.pk,
                "name": "ليلى كريمي",
                "language": "ar",
                "url": f"http://testserver/ar/experts/{guest.slug}",
            }  # fmt: skip
        ],
        "outside_guests": ["Jane Roe", "John Doe"],
    }
    assert client.get(body["episode"]["audio_url"]).status_code == 200
    plain = client.get(f"/api/v1/articles/{ArticleFactory().pk}").json()
    assert plain["episode"] is None
