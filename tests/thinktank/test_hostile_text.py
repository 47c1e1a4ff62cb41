"""
Hostile text on every public page, in its <meta> tags and JSON-LD, in the sitemaps and
robots.txt: a name, title, summary, caption, alt text or bio shows as the text it is and
never becomes an element, an attribute, a script or a way out of the JSON-LD block.
"""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.hostile import HOSTILE_IDS, HOSTILE_VALUES, browser_scheme, html_as_text
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db

SITE = " · The Institute"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "cite", "data"}
SAFE_SCHEMES = {None, "http", "https", "mailto"}


def squash(text: str) -> str:
    # Browsers fold white space in text and attributes are compared as shown.
    return " ".join(text.split())


class Page(HTMLParser):
    """Every element of a page with its attributes, and the raw text of its scripts."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements, self.scripts, self._script = [], [], None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = [attrs, ""]
            self.scripts.append(self._script)

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def meta(self, name) -> list[str]:
        return [
            squash(attrs["content"])
            for tag, attrs in self.elements
            if tag == "meta" and name in (attrs.get("property"), attrs.get("name"))
        ]

    def json_ld(self) -> list[dict]:
        return [
            json.loads(text)
            for attrs, text in self.scripts
            if attrs.get("type") == "application/ld+json"
        ]


def inert(client, url) -> tuple[str, Page]:
    """Fetch url; fail on anything a hostile value could have made live; return the page."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    page = Page(html)
    for tag, attrs in page.elements:
        assert tag != "evil", url
        assert not [name for name in attrs if name.startswith("on")], (url, tag, attrs)
        for name in URL_ATTRIBUTES & set(attrs):
            assert browser_scheme(attrs[name] or "") in SAFE_SCHEMES, (url, tag, attrs)
        if tag == "img":
            assert attrs["src"] != "x", url
    for attrs, text in page.scripts:
        # Ours: the JSON-LD blocks and the print script (a file); nothing else runs.
        assert attrs.get("type") == "application/ld+json" or (
            attrs.get("src", "").startswith("/static/") and not text.strip()
        ), (url, attrs, text)
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        assert not re.search(r"</script|<script|<!--", block, re.I), (url, block)
        json.loads(block)
    assert len(re.findall("<script", html)) == len(page.scripts), url
    return html, page


def text_of(html: str, pattern: str) -> list[str]:
    """Return what a reader sees in each match of pattern's group: text, never markup."""
    return [squash(html_as_text(inner)) for inner in re.findall(pattern, html, re.S)]


@pytest.fixture(params=HOSTILE_VALUES, ids=HOSTILE_IDS)
def hostile(request):
    """A public article, its author, topic, region and type: every text field one value."""
    value = request.param
    names = {"en": value}
    expert = ExpertFactory(languages=("en",), names=names, photo="experts/not-stored.jpg")
    expert.role = expert.photo_alt = expert.short_bio = expert.full_bio = value
    expert.save()
    topic = TopicFactory(languages=("en",), names=names)
    topic.description = value
    topic.save()
    region = RegionFactory(languages=("en",), names=names)
    kind = ArticleTypeFactory(languages=("en",), names=names)
    fields = ("title", "summary", "body", "author_note", "hero_alt", "hero_credit")
    article = ArticleFactory(
        article_type=kind,
        authors=[expert],
        topics=[topic],
        regions=[region],
        is_featured=True,
        hero_image="articles/not-stored-hero.jpg",
        languages={"en": {**dict.fromkeys(fields, value), "slug": "hostile"}},
    )
    return {"value": value, "article": article, "expert": expert, "topic": topic,
            "region": region, "type": kind}  # fmt: skip


def test_the_article_page_shows_every_field_as_text(client, hostile):
    value = squash(hostile["value"])
    html, page = inert(client, "/policy-analysis/hostile")
    assert text_of(html, r"<title>(.*?)</title>") == [value + SITE]
    assert text_of(html, r'<h1 class="article__title">(.*?)</h1>') == [value]
    assert text_of(html, r'<p class="summary">(.*?)</p>') == [value]
    assert text_of(html, r"<figcaption>(.*?)</figcaption>") == [value]
    assert text_of(html, r'<p class="author-note"><em>(.*?)</em></p>') == [value]
    assert text_of(html, r'<p class="type-label"><a [^>]*>(.*?)</a></p>') == [value]
    assert text_of(html, r'<p class="byline">by <a [^>]*>(.*?)</a></p>') == [value]
    assert text_of(html, r'<ul class="term-list"><li><a [^>]*>(.*?)</a></li></ul>') == [
        value,
        value,
    ]
    [hero] = [attrs for tag, attrs in page.elements if tag == "img"]
    assert squash(hero["alt"]) == value
    [cite] = re.findall(r'<p class="cite__text">(.*?)</p>', html, re.S)
    assert value in squash(html_as_text(re.sub(r'<a href="[^"<>]*" dir="ltr">[^<]*</a>', "", cite)))
    assert page.meta("description") == [value]


def test_the_article_meta_tags_carry_each_value_as_an_attribute(client, hostile):
    value = squash(hostile["value"])
    _html, page = inert(client, "/policy-analysis/hostile")
    for name in ("og:title", "twitter:title", "og:description", "twitter:description",
                 "og:image:alt", "twitter:image:alt", "article:section"):  # fmt: skip
        assert page.meta(name) == [value], name
    assert page.meta("article:tag") == [value, value]


def test_the_article_json_ld_round_trips_every_value(client, hostile):
    value = hostile["value"]
    _html, page = inert(client, "/policy-analysis/hostile")
    [data] = page.json_ld()
    assert data["headline"] == data["name"] == value
    assert data["description"] == squash(value)
    assert data["articleSection"] == value
    assert data["keywords"] == [value, value]
    assert [author["name"] for author in data["author"]] == [value]


def test_the_expert_page_shows_name_role_and_alt_text_as_text(client, hostile):
    value = squash(hostile["value"])
    expert = hostile["expert"]
    html, page = inert(client, f"/experts/{expert.slug}")
    assert text_of(html, r"<h1>(.*?)</h1>") == [value]
    assert text_of(html, r'<p class="role">(.*?)</p>') == [value]
    [photo] = [attrs for tag, attrs in page.elements if tag == "img"]
    assert squash(photo["alt"]) == value
    assert page.meta("og:title") == [value]
    assert page.meta("og:image:alt") == [value]
    [person] = page.json_ld()
    assert person["name"] == person["jobTitle"] == hostile["value"]
    feeds = [
        squash(attrs["title"])
        for tag, attrs in page.elements
        if tag == "link" and attrs.get("type") == "application/rss+xml"
    ]
    assert feeds == [f"{value}{SITE} (RSS)"]


@pytest.mark.parametrize("kind", ["topic", "region", "type"])
def test_term_pages_show_the_name_and_description_as_text(client, hostile, kind):
    value = squash(hostile["value"])
    html, page = inert(client, f"/policy-analysis/{hostile[kind].slug}")
    assert text_of(html, r"<title>(.*?)</title>") == [value + SITE]
    assert text_of(html, r"<h1>(.*?)</h1>") == [value]
    assert page.meta("og:title") == [value]
    if kind == "topic":
        assert text_of(html, r'<p class="lead">(.*?)</p>') == [value]
        assert page.meta("description") == page.meta("og:description") == [value]
    else:  # described by a sentence around the name
        assert value in page.meta("og:description")[0]
        assert value in page.meta("description")[0]


@pytest.mark.parametrize("url", ["/", "/policy-analysis/", "/experts/"])
def test_listings_show_cards_with_names_and_titles_as_text(client, hostile, url):
    value = squash(hostile["value"])
    html, _page = inert(client, url)
    if url == "/experts/":
        assert value in text_of(html, r'<div><a href="/experts/[^"]*">(.*?)</a>')
    else:
        assert value in text_of(html, r'class="card__title"><a [^>]*>(.*?)</a>')
        assert value in text_of(html, r'<p class="card__summary">(.*?)</p>')
        assert value in text_of(html, r'<span class="card__authors">(.*?)</span>')


def test_sitemaps_stay_well_formed_with_only_sitemap_elements(client, hostile):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert sections
    allowed = {"{http://www.sitemaps.org/schemas/sitemap/0.9}" + name
               for name in ("urlset", "url", "loc", "lastmod")} | {
        "{http://www.w3.org/1999/xhtml}link"}  # fmt: skip
    for section in sections:
        root = ET.fromstring(client.get(section.removeprefix("http://testserver")).content)
        assert {element.tag for element in root.iter()} <= allowed, section
        for element in root.iter():
            for url in filter(None, [element.text if element.tag.endswith("loc") else None,
                                     element.get("href")]):  # fmt: skip
                assert url.startswith("http://testserver/"), url
                assert not re.search(r"[<>\"'\s]", url), url


def test_robots_txt_refuses_a_host_header_that_would_add_lines(client):
    response = client.get("/robots.txt", HTTP_HOST="example.org\nDisallow: /")
    assert response.status_code == 400
    text = client.get("/robots.txt").content.decode()
    assert text.splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "",
        "Sitemap: http://testserver/sitemap.xml",
    ]
