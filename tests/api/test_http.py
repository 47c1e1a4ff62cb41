"""The API over HTTP: caching and invalidation, conditional requests, CORS, rate limits, docs."""

import pytest

from articles.models import ArticleTranslation
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(db):
    return ArticleFactory(languages={"en": {"title": "Oil and power", "slug": "oil"}})


def test_answers_are_cached_and_an_edit_refreshes_them(client, article):
    urls = ["/api/v1/articles", f"/api/v1/articles/{article.pk}"]
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
    translation = ArticleTranslation.objects.get(master=article, language_code="en")
    translation.title = "Oil, power and price"
    translation.save()
    for url in urls:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Oil, power and price" in response.content.decode()


def test_a_draft_edit_keeps_the_cached_answer(client, article):
    ArticleTranslation.objects.create(master=article, language_code="ar", title="مسودة")
    url = "/api/v1/articles"
    client.get(url)
    draft = ArticleTranslation.objects.get(master=article, language_code="ar")
    draft.title = "مسودة جديدة"
    draft.save()
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_etag_and_last_modified_give_304(client, article):
    url = f"/api/v1/articles/{article.pk}"
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_cors_allows_reading_from_any_origin(client, article):
    response = client.get("/api/v1/articles", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/articles", HTTP_ORIGIN="https://partner.example")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert "Access-Control-Allow-Origin" not in client.get("/policy-analysis/oil")


def test_a_client_over_its_limit_gets_429_with_retry_after(client, article, settings):
    settings.API_RATE_PER_CLIENT = 3
    for _ in range(3):
        assert client.get("/api/v1/topics").status_code == 200
    response = client.get("/api/v1/topics")
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.API_RATE_WINDOW_SECONDS)
    assert response.json()["detail"]
    other = client.get("/api/v1/topics", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_schema_and_docs_are_served_with_local_assets(client):
    schema = client.get("/api/v1/schema").json()
    assert {"/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/experts"} <= set(
        schema["paths"]
    )
    for url in ("/api/v1/docs", "/api/v1/redoc"):
        page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "cdn" not in html.lower() and "/static/ninja/" in html
        assert "script-src 'self'" in page["Content-Security-Policy"]
        # No inline script: the page's only <script> without src is JSON data.
        for tag in html.split("<script")[1:]:
            head = tag.split(">", 1)[0]
            assert "src=" in head or "application/json" in head, head
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_renaming_an_expert_refreshes_the_experts_answer(client):
    from experts.models import ExpertTranslation
    from tests.experts.factories import ExpertFactory

    expert = ExpertFactory(names={"en": "Dana Reed"}, languages=("en",))
    url = "/api/v1/experts"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    translation = ExpertTranslation.objects.get(master=expert, language_code="en")
    translation.name = "Dana Reed-Harper"
    translation.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert response.json()[0]["name"] == "Dana Reed-Harper"


def test_head_gets_the_headers_of_get_without_a_body(client, article):
    get = client.get("/api/v1/articles")
    head = client.head("/api/v1/articles")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Access-Control-Allow-Origin"] == "*"
