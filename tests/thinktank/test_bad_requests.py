"""Malformed requests get the site's own 400 or 404 page, never a 500 (found by test_fuzz)."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "&".join(["topic=1"] * 1001)  # past DATA_UPLOAD_MAX_NUMBER_FIELDS


def assert_site_page(response, status, language="en"):
    assert response.status_code == status
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert 'class="site-header"' in html and 'class="language-switcher"' in html
    return html


@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/ar", "ar"), ("/fa", "fa")])
def test_too_many_parameters_get_the_bad_request_page_in_the_language(client, prefix, language):
    html = assert_site_page(client.get(f"{prefix}/policy-analysis/?{TOO_MANY}"), 400, language)
    if language == "en":
        assert "This address cannot be read" in html
        assert '<meta name="robots" content="noindex">' in html


def test_too_many_parameters_on_a_missing_page_get_the_not_found_page(client):
    html = assert_site_page(client.get(f"/no-such-page?{TOO_MANY}"), 404)
    assert "Page not found" in html


def test_too_many_parameters_on_a_page_that_reads_none_still_show_it(client):
    ArticleFactory(languages={"en": {"title": "Latest piece"}})
    html = assert_site_page(client.get(f"/?{TOO_MANY}"), 200)
    assert "Latest piece" in html


@pytest.mark.parametrize("host", ["evil.example", "testserver:x", "[::1", "a b", "\x00"])
def test_an_unknown_host_gets_the_bad_request_page_without_links_to_it(client, host):
    html = assert_site_page(client.get("/ar/", HTTP_HOST=host), 400, "ar")
    assert 'href="/ar/"' in html  # the site's links are relative there
    assert "evil.example" not in html and "http://" not in html


@pytest.mark.parametrize(
    "path",
    [
        "//[",
        "//[::1",
        "//evil.example/",
        "//0/",
        "//evil.example/ar/",
        # URL parsers drop tabs and line breaks (WHATWG), which leaves "//evil.example".
        "/\r\n/evil.example/",
        "/\t/evil.example",
    ],
)
def test_a_path_that_looks_like_another_host_is_not_found_and_links_nowhere_else(client, path):
    # As a server passes "GET //evil.example/ HTTP/1.1" on (client.get would read a host).
    html = assert_site_page(client.request(REQUEST_METHOD="GET", PATH_INFO=path), 404)
    for href in re.findall(r'href="([^"]*)"', html):
        assert urlsplit(unescape(href)).hostname in (None, "testserver"), href
    assert 'rel="canonical" href="http://testserver/' in html


def test_the_bad_request_page_falls_back_to_plain_text_if_it_cannot_render(client, monkeypatch):
    from thinktank import views

    def broken(*args, **kwargs):
        raise RuntimeError("template engine down")

    monkeypatch.setattr(views, "render", broken)
    response = client.get(f"/policy-analysis/?{TOO_MANY}")
    assert response.status_code == 400
    assert response.content == b"Bad request."


@pytest.mark.parametrize("slug", ["ایران", "¹", "é"])
@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_a_non_ascii_slug_with_a_trailing_slash_is_not_found(client, slug, prefix):
    language = prefix.strip("/") or "en"
    assert_site_page(client.get(f"{prefix}/policy-analysis/{slug}/"), 404, language)


def test_an_ascii_slug_with_a_trailing_slash_still_redirects(client):
    ArticleFactory(languages={"en": {"title": "A piece", "slug": "a-piece"}})
    response = client.get("/policy-analysis/a-piece/?utm_source=x")
    assert response.status_code == 301
    assert response["Location"] == "/policy-analysis/a-piece?utm_source=x"
