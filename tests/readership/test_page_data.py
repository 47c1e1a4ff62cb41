"""What a page tells the beacon: in its HTML, so a cached copy of the page says it too."""

import re

import pytest

from articles.preview import preview_link
from tests.articles.factories import ArticleFactory
from tests.taxonomy.factories import RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db

BODY = re.compile(r"<body([^>]*)>")


def body_data(response) -> dict[str, str]:
    attributes = BODY.search(response.content.decode())[1]
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', attributes))


def test_an_article_page_served_from_the_page_cache_still_names_its_piece(client, article):
    first = client.get("/policy-analysis/oil-and-power")
    second = client.get("/policy-analysis/oil-and-power")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    expected = {"beacon": "/readership/hit", "language": "en", "piece": f"article:{article.pk}"}
    assert body_data(first) == body_data(second) == expected
    assert '<script src="/static/js/beacon.js" defer></script>' in second.content.decode()


def test_an_arabic_page_names_its_language(client, article):
    client.get("/ar/policy-analysis/alnaft")
    cached = client.get("/ar/policy-analysis/alnaft")
    assert cached["X-Page-Cache"] == "hit"
    assert body_data(cached) == {
        "beacon": "/readership/hit",
        "language": "ar",
        "piece": f"article:{article.pk}",
    }


@pytest.mark.parametrize("factory,kind", [(TopicFactory, "topic"), (RegionFactory, "region")])
def test_a_listing_page_names_its_term(client, factory, kind):
    term = factory(names={"en": "Energy"})
    ArticleFactory(
        topics=[term] if kind == "topic" else [], regions=[term] if kind == "region" else []
    )
    client.get("/policy-analysis/energy")
    cached = client.get("/policy-analysis/energy")
    assert cached["X-Page-Cache"] == "hit"
    assert body_data(cached)["piece"] == f"{kind}:{term.pk}"


def test_a_content_type_listing_names_its_type(client, article):
    kind = article.article_type
    response = client.get(kind.get_absolute_url())
    assert body_data(response)["piece"] == f"type:{kind.pk}"


def test_the_home_page_loads_the_script_but_names_no_piece(client, article):
    data = body_data(client.get("/"))
    assert "piece" not in data and data["beacon"] == "/readership/hit"


def test_a_preview_is_never_counted(client):
    draft = ArticleFactory(languages={"en": {"title": "Draft analysis", "state": "draft"}})
    html = client.get(preview_link(draft.pk, "en")).content.decode()
    assert "beacon.js" not in html and "data-beacon" not in html


def test_the_script_is_a_static_file_the_policy_allows_to_send(client, article):
    response = client.get("/policy-analysis/oil-and-power")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy
    script = b"".join(client.get("/static/js/beacon.js").streaming_content).decode()
    assert "navigator.sendBeacon(data.beacon, body)" in script
    assert "document.cookie" not in script and "localStorage" not in script
