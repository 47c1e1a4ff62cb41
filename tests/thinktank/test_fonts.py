"""
The web fonts as served: from the site only, as WOFF2, with their licences, declared to
swap, preloaded for the page's language under the same (hashed) name the stylesheet uses.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import engines
from django.test import override_settings
from django.utils import translation

from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory

STATIC = Path(settings.BASE_DIR) / "static"
FONTS_CSS = (STATIC / "css" / "fonts.css").read_text()
FACES = re.findall(r"@font-face \{(.*?)\}", FONTS_CSS, re.S)
PRELOAD = re.compile(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>')


def head(response) -> str:
    html = response.content.decode()
    return html[: html.index("</head>")]


def test_every_face_is_a_local_woff2_that_swaps_with_its_licence_beside_it():
    assert len(FACES) == 11
    families = set()
    for face in FACES:
        family = re.search(r'font-family: "([^"]+)"', face)[1]
        families.add(family)
        (url,) = re.findall(r'url\("([^"]+)"\)', face)
        assert url.startswith("../fonts/") and url.endswith(".woff2")
        assert (STATIC / "css" / url).resolve().is_file()
        assert "font-display: swap;" in face
        assert 'format("woff2")' in face
        assert "unicode-range: U+" in face
    assert families == {"Noto Naskh Arabic", "Vazirmatn", "Source Serif 4"}
    assert "//" not in FONTS_CSS.split("*/", 1)[1]  # no font host anywhere
    for name in ("noto-naskh-arabic", "vazirmatn", "source-serif-4"):
        licence = (STATIC / "fonts" / f"{name}-OFL.txt").read_text()
        assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    # Small enough for a page to afford: a page uses two to four of these files.
    total = sum(path.stat().st_size for path in (STATIC / "fonts").glob("*.woff2"))
    assert total < 250 * 1024


@pytest.mark.django_db
def test_font_files_are_served_as_woff2_to_any_origin(client):
    response = client.get("/static/fonts/vazirmatn-arabic-400-normal.woff2")
    assert response.status_code == 200
    assert response["Content-Type"] == "font/woff2"
    assert response["Access-Control-Allow-Origin"] == "*"  # whitenoise: CORS-mode font loads
    body = b"".join(response.streaming_content)
    assert body[:4] == b"wOF2"
    licence = client.get("/static/fonts/vazirmatn-OFL.txt")
    assert licence.status_code == 200 and licence["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_the_policy_lets_fonts_come_from_the_site_only(client):
    for url in ("/", "/ar/", "/fa/"):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["font-src"] == "'self'"
        assert directives["default-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert "fonts.googleapis" not in policy and "fonts.gstatic" not in policy


@pytest.mark.django_db
def test_each_language_preloads_its_main_face_where_the_page_uses_it(client):
    ArticleFactory(
        languages={
            "en": {"slug": "khameneis-speech"},
            "ar": {"slug": "khtab"},
            "fa": {"slug": "sokhanrani"},
        }
    )
    ExpertFactory(names={"en": "Omer Carmi"}, languages=("en",))

    def preloads(url):
        return PRELOAD.findall(head(client.get(url)))

    assert preloads("/ar/") == ["/static/fonts/noto-naskh-arabic-arabic-400-normal.woff2"]
    assert preloads("/fa/policy-analysis/sokhanrani") == [
        "/static/fonts/vazirmatn-arabic-400-normal.woff2"
    ]
    serif = ["/static/fonts/source-serif-4-latin-400-normal.woff2"]
    assert preloads("/policy-analysis/khameneis-speech") == serif  # its text is set in it
    assert preloads("/") == []  # English pages without running text: the system face only
    assert preloads("/policy-analysis/") == []


def test_the_preload_and_the_stylesheet_name_the_same_hashed_file(tmp_path):
    manifest = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # The production storage over the site's own static files (the apps' take minutes).
    only_ours = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=manifest, STATICFILES_FINDERS=only_ours):
        call_command("collectstatic", interactive=False, verbosity=0)
        with translation.override("ar"):
            tags = engines["django"].from_string("{% load typography %}{% font_preload %}")
            (href,) = PRELOAD.findall(tags.render({}))
            stylesheet = engines["django"].from_string(
                "{% load static %}{% static 'css/fonts.css' %}"
            )
            css_name = stylesheet.render({}).removeprefix("/static/")
    assert re.fullmatch(
        r"/static/fonts/noto-naskh-arabic-arabic-400-normal\.[0-9a-f]{12}\.woff2", href
    )
    collected_css = (tmp_path / css_name).read_text()
    assert f'url("../{href.removeprefix("/static/")}")' in collected_css
    assert (tmp_path / href.removeprefix("/static/")).is_file()
