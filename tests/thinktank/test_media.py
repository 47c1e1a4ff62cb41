"""Uploads as this app serves them (DEBUG): their real type, nosniff, never a page."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import clear_url_caches

import thinktank.urls
from tests.images import BROKEN, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_urls():
    """The site's URLs as the development server has them: with DEBUG, /media/ is served."""
    with override_settings(DEBUG=True):
        importlib.reload(thinktank.urls)
        clear_url_caches()
        yield
    importlib.reload(thinktank.urls)
    clear_url_caches()


def stored(name, content: bytes) -> str:
    return default_storage.save(name, ContentFile(content))


@pytest.mark.parametrize(
    ("fmt", "kind"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")]
)
def test_an_image_is_served_as_its_type_with_nosniff(client, debug_urls, fmt, kind):
    name = stored(f"articles/served.{fmt.lower()}", image_bytes(fmt, (60, 40)))
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == kind
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == default_storage.open(name).read()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("articles/page.html", b"<html><script>alert(document.cookie)</script></html>"),
        ("articles/drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("articles/polyglot.jpg", BROKEN["GIF/HTML polyglot named .jpg"][1]),
        ("articles/archive.html.gz", b"<html>not really gzip</html>"),
    ],
)
def test_a_file_that_is_not_an_image_is_a_download_never_a_page(client, debug_urls, name, content):
    # Not possible through the forms; a file put there by hand or by other code.
    name = stored(name, content)
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "Content-Encoding" not in response


def test_an_image_named_as_something_else_is_served_as_what_it_is(client, debug_urls):
    name = stored("articles/looks-like.html", image_bytes("PNG", (20, 20)))
    response = client.get(f"/media/{name}")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_renditions_webp_is_served_as_webp(client, debug_urls):
    from django.core.cache import cache

    from core.images import renditions

    cache.clear()
    info = renditions(stored("articles/wide.jpg", image_bytes("JPEG", (500, 300))))
    url = info["renditions"][0][2]
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/webp")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_file_a_folder_or_a_path_out_of_media_is_refused(client, debug_urls):
    stored("articles/present.png", image_bytes("PNG", (20, 20)))
    assert client.get("/media/articles/absent.png").status_code == 404
    assert client.get("/media/articles/").status_code == 404
    client.raise_request_exception = False
    assert client.get("/media/../settings.py").status_code == 400


def test_without_debug_the_app_serves_no_media(client):
    name = stored("articles/production.png", image_bytes("PNG", (20, 20)))
    assert client.get(f"/media/{name}").status_code == 404
