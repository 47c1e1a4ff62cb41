"""
Every RSS and Atom feed carries hostile names, titles, summaries and descriptions as the
text they are: read back by feedparser (sanitizing or not) and by an XML parser, nothing
becomes an element, a live link or a script, and no character breaks the XML.
"""

import xml.etree.ElementTree as ET

import feedparser
import pytest

from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.hostile import HOSTILE_IDS, HOSTILE_VALUES, html_as_text, without_xml_controls
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
# Every element a feed of ours may hold; anything else came out of a value.
ELEMENTS = {
    "rss": {"rss", "channel", "title", "link", "description", "language", "lastBuildDate",
            f"{ATOM}link", "item", "pubDate", "guid", "category", f"{DC}creator"},
    "atom": {f"{ATOM}{name}" for name in ("feed", "title", "link", "id", "updated", "subtitle",
             "author", "name", "uri", "entry", "published", "summary", "category")},
}  # fmt: skip
HTML_TYPES = {"text/html", "application/xhtml+xml"}


def squash(text: str) -> str:
    # Readers trim and fold white space; that is not what these tests are about.
    return " ".join(text.split())


def shown(detail) -> str:
    """Return what a reader shows for a feedparser text construct, by its declared type."""
    value = detail["value"]
    text = html_as_text(value) if detail["type"] in HTML_TYPES else value
    return squash(text)


def expected(text: str) -> str:
    return squash(without_xml_controls(text))


@pytest.fixture(params=HOSTILE_VALUES, ids=HOSTILE_IDS)
def hostile(request):
    """An article whose title, summary, author, topic, region and type all bear one value."""
    value = request.param
    names = {"en": value}
    expert = ExpertFactory(languages=("en",), names=names)
    topic = TopicFactory(languages=("en",), names=names)
    topic.description = value  # the topic's feed describes itself with it
    topic.save()
    region = RegionFactory(languages=("en",), names=names)
    kind = ArticleTypeFactory(languages=("en",), names=names)
    ArticleFactory(
        article_type=kind,
        authors=[expert],
        topics=[topic],
        regions=[region],
        languages={"en": {"title": value, "summary": value}},
    )
    return {"value": value, "expert": expert, "topic": topic, "region": region, "type": kind}


def feeds(hostile):
    """Yield (url, format, subject) for every feed the hostile article is in."""
    for fmt in ("rss", "atom"):
        yield f"/feeds/{fmt}", fmt, None
        for kind in ("topic", "region", "type", "expert"):
            yield f"/feeds/{kind}/{hostile[kind].slug}/{fmt}", fmt, kind


def channel_description(value: str, kind: str | None) -> str:
    if kind is None:
        return "The newest analysis from The Institute."
    if kind == "topic":
        return value
    if kind == "expert":
        return f"The newest analysis by {value} from The Institute."
    return f"The newest pieces under {value} from The Institute."


def test_feeds_parse_as_xml_with_no_element_from_a_value(client, hostile):
    for url, fmt, _kind in feeds(hostile):
        response = client.get(url)
        assert response.status_code == 200, url
        root = ET.fromstring(response.content)
        found = {element.tag for element in root.iter()}
        assert found <= ELEMENTS[fmt], (url, found - ELEMENTS[fmt])


@pytest.mark.parametrize("sanitize", [True, False], ids=["sanitized", "raw"])
def test_feed_readers_show_every_hostile_value_as_its_own_text(client, hostile, sanitize):
    value = expected(hostile["value"])
    for url, _fmt, kind in feeds(hostile):
        parsed = feedparser.parse(client.get(url).content, sanitize_html=sanitize)
        assert not parsed.bozo, (url, parsed.bozo_exception)
        title = f"{value} · The Institute" if kind else "Latest analysis · The Institute"
        assert shown(parsed.feed.title_detail) == title, url
        assert shown(parsed.feed.subtitle_detail) == expected(
            channel_description(hostile["value"], kind)
        ), url
        [entry] = parsed.entries
        assert shown(entry.title_detail) == value, url
        assert shown(entry.summary_detail) == value, url
        assert [squash(author.name) for author in entry.authors] == [value], url
        assert {squash(tag.term) for tag in entry.tags} == {value}, url  # topic and region


def test_a_name_that_looks_like_markup_is_escaped_in_rss_titles_only(client, hostile):
    # What a reader that takes RSS titles as HTML (as feedparser does when they look like
    # it) receives: escaped text; Atom's titles are declared text and are written as is.
    value = expected(hostile["value"])
    slug = hostile["topic"].slug
    rss_title = ET.fromstring(client.get(f"/feeds/topic/{slug}/rss").content).findtext(
        "channel/title"
    )
    atom_title = ET.fromstring(client.get(f"/feeds/topic/{slug}/atom").content).findtext(
        f"{ATOM}title"
    )
    assert squash(atom_title) == f"{value} · The Institute"
    if "<" in value or "&lt;" in value or "&amp;" in value:
        assert "<" not in rss_title
        assert squash(html_as_text(rss_title)) == f"{value} · The Institute"
    else:
        assert squash(rss_title) == f"{value} · The Institute"
