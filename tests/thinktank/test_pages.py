from datetime import UTC

import pytest
from django.test import Client, override_settings

from tests.articles.factories import ArticleFactory
from tests.taxonomy.factories import RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "lang", "direction"), [("", "en", "ltr"), ("/ar", "ar", "rtl"), ("/fa", "fa", "rtl")]
)
@pytest.mark.parametrize("path", ["/", "/policy-analysis/", "/experts/", "/no-such-page"])
def test_every_page_declares_its_language_and_direction(client, prefix, lang, direction, path):
    html = client.get(prefix + path).content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html


def test_home_shows_featured_latest_and_navigation(client):
    TopicFactory(names={"en": "Energy"})
    region = RegionFactory(names={"en": "Gulf"})
    RegionFactory(parent=region, names={"en": "Qatar"})
    ArticleFactory(is_featured=True, languages={"en": {"title": "Featured piece"}})
    ArticleFactory(languages={"en": {"title": "Latest piece"}, "ar": {"title": "أحدث مقال"}})
    response = client.get("/")
    html = response.content.decode()
    assert [a.title for a in response.context["featured"]] == ["Featured piece"]
    assert "Latest piece" in html
    assert 'href="/policy-analysis/energy">Energy</a>' in html
    assert 'href="/policy-analysis/qatar">Qatar</a>' in html

    arabic = client.get("/ar/").content.decode()
    assert "أحدث مقال" in arabic and "Latest piece" not in arabic


def test_not_found_page_speaks_the_language_of_the_address(client):
    response = client.get("/fa/policy-analysis/nothing-here")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert 'href="/fa/"' in html


@override_settings(DEBUG=False)
def test_server_error_page_is_rendered_in_the_language(monkeypatch):
    from thinktank import views

    def broken(self, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.HomeView, "get_context_data", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/ar/")
    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_farsi_pages_write_numbers_in_persian_digits(client):
    from datetime import datetime

    ArticleFactory(
        published_at=datetime(2024, 3, 14, tzinfo=UTC),
        languages={"fa": {"title": "تحلیل"}},
    )
    html = client.get("/fa/policy-analysis/").content.decode()
    assert "۱۴" in html and "۲۰۲۴" in html
