"""Social (Open Graph, Twitter) and structured (JSON-LD) metadata on public pages."""

import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from articles.models import State
from experts.models import ExpertLink
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """Collect <meta> tags and JSON-LD scripts."""

    def __init__(self):
        super().__init__()
        self.meta, self.json_ld, self._in_ld = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta.append((attrs.get("property") or attrs.get("name"), attrs["content"]))
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_ld = False


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def meta_values(parser, name):
    return [content for key, content in parser.meta if key == name]


def meta(parser, name):
    values = meta_values(parser, name)
    assert len(values) == 1, (name, values)
    return values[0]


@pytest.fixture
def article():
    harper = ExpertFactory(names={"en": "Michael Harper", "ar": "مايكل هاربر", "fa": "مایکل هارپر"})
    return ArticleFactory(
        article_type=ArticleTypeFactory(names={"en": "Brief Analysis"}),
        published_at=datetime(2025, 3, 14, 12, tzinfo=UTC),
        authors=[harper, ExpertFactory(names={"en": "Leila Karimi"})],
        topics=[TopicFactory(names={"en": "Energy"})],
        regions=[RegionFactory(names={"en": "Iran"})],
        hero_image="articles/not-stored-hero.jpg",  # no file: the original URL is shared
        languages={
            "en": {
                "title": "Khamenei's Speech </script> Sets Limits",
                "slug": "khameneis-speech",
                "summary": "The Supreme Leader drew red lines.",
                "hero_alt": "Khamenei speaking",
            },
            "ar": {"title": "خطاب خامنئي", "slug": "khitab"},
            "fa": {"title": "سخنرانی", "slug": "sokhanrani", "state": State.REVIEW},
        },
    )


def test_article_json_ld_describes_the_version_its_authors_and_translations(client, article):
    [data] = head(client, "/policy-analysis/khameneis-speech").json_ld
    url = "http://testserver/policy-analysis/khameneis-speech"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["@id"] == data["url"] == url
    assert data["headline"] == "Khamenei's Speech </script> Sets Limits"
    assert data["description"] == "The Supreme Leader drew red lines."
    assert data["inLanguage"] == "en"
    assert data["datePublished"] == "2025-03-14T12:00:00+00:00"
    assert data["dateModified"] >= data["datePublished"]
    assert data["author"] == [
        {
            "@type": "Person",
            "@id": "http://testserver/experts/michael-harper",
            "name": "Michael Harper",
            "url": "http://testserver/experts/michael-harper",
        },
        {
            "@type": "Person",
            "@id": "http://testserver/experts/leila-karimi",
            "name": "Leila Karimi",
            "url": "http://testserver/experts/leila-karimi",
        },
    ]
    assert data["image"][0].startswith("http://testserver/media/articles/not-stored-hero.jpg")
    assert data["articleSection"] == "Brief Analysis"
    assert data["keywords"] == ["Energy", "Iran"]
    assert data["publisher"]["name"] == "The Institute"
    # The source version lists its public translations only (the Farsi one is in review).
    assert data["workTranslation"] == [
        {
            "@type": "Article",
            "@id": "http://testserver/ar/policy-analysis/khitab",
            "url": "http://testserver/ar/policy-analysis/khitab",
            "inLanguage": "ar",
        }
    ]
    assert "translationOfWork" not in data


def test_a_translation_points_at_its_source_version(client, article):
    [data] = head(client, "/ar/policy-analysis/khitab").json_ld
    assert data["inLanguage"] == "ar"
    assert data["headline"] == "خطاب خامنئي"
    assert data["author"][0]["name"] == "مايكل هاربر"
    assert data["author"][0]["url"] == "http://testserver/ar/experts/michael-harper"
    assert data["translationOfWork"]["@id"] == "http://testserver/policy-analysis/khameneis-speech"
    assert "workTranslation" not in data


def test_json_ld_cannot_close_its_script_element(client, article):
    html = client.get("/policy-analysis/khameneis-speech").content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "</script>" not in script.group(1)
    assert "\\u003C/script\\u003E" in script.group(1)


def test_article_open_graph_and_twitter_card(client, article):
    parser = head(client, "/policy-analysis/khameneis-speech")
    assert meta(parser, "og:type") == "article"
    assert meta(parser, "og:title") == "Khamenei's Speech </script> Sets Limits"
    assert meta(parser, "og:description") == "The Supreme Leader drew red lines."
    assert meta(parser, "og:url") == "http://testserver/policy-analysis/khameneis-speech"
    assert meta(parser, "og:locale") == "en_US"
    assert meta_values(parser, "og:locale:alternate") == ["ar_AR"]
    assert meta(parser, "og:image").startswith(
        "http://testserver/media/articles/not-stored-hero.jpg"
    )
    assert meta(parser, "og:image:alt") == "Khamenei speaking"
    assert meta(parser, "og:site_name") == "The Institute"
    assert meta(parser, "twitter:card") == "summary_large_image"
    assert meta(parser, "twitter:image") == meta(parser, "og:image")
    assert meta(parser, "article:published_time") == "2025-03-14T12:00:00+00:00"
    assert meta_values(parser, "article:author") == [
        "http://testserver/experts/michael-harper",
        "http://testserver/experts/leila-karimi",
    ]
    assert meta_values(parser, "article:tag") == ["Energy", "Iran"]


def test_without_a_hero_image_the_card_is_a_summary(client):
    ArticleFactory(languages={"en": {"slug": "plain"}})
    parser = head(client, "/policy-analysis/plain")
    assert meta(parser, "twitter:card") == "summary"
    assert not meta_values(parser, "og:image")
    assert "image" not in parser.json_ld[0]


def test_expert_page_carries_a_person(client):
    expert = ExpertFactory(names={"en": "Michael Harper", "ar": "مايكل هاربر"})
    ExpertLink.objects.create(expert=expert, kind="x", url="https://x.com/mharper")
    ExpertLink.objects.create(expert=expert, kind="email", url="mharper@example.org")
    [person] = head(client, "/ar/experts/michael-harper").json_ld
    assert person["@type"] == "Person"
    assert person["name"] == "مايكل هاربر"
    assert person["url"] == person["@id"] == "http://testserver/ar/experts/michael-harper"
    assert person["jobTitle"] == "زميل"
    assert person["sameAs"] == ["https://x.com/mharper"]  # never the email address
    assert person["worksFor"]["@type"] == "Organization"
    parser = head(client, "/ar/experts/michael-harper")
    assert meta(parser, "og:type") == "profile"
    assert meta(parser, "og:title") == "مايكل هاربر"


def test_home_page_describes_the_website(client):
    [site] = head(client, "/fa/").json_ld
    assert site["@type"] == "WebSite"
    assert site["url"] == "http://testserver/fa/"
    assert site["inLanguage"] == "fa"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/ar/",
        "/policy-analysis/",
        "/fa/experts/",
        "/policy-analysis/energy",
        "/experts/michael-harper",
        "/ar/policy-analysis/khitab",
    ],
)
def test_every_public_page_has_a_description_canonical_and_social_tags(client, article, url):
    TopicFactory(names={"en": "Energy"})
    parser = head(client, url)
    html = client.get(url).content.decode()
    assert meta(parser, "og:url") in html  # the canonical link's address
    assert f'<link rel="canonical" href="{meta(parser, "og:url")}">' in html
    assert meta(parser, "og:title")
    assert meta(parser, "twitter:card")
    assert meta(parser, "og:site_name")
    assert meta(parser, "description")


def test_a_term_without_description_gets_one_written_for_it(client):
    TopicFactory(names={"en": "Energy & Economics"})
    parser = head(client, "/policy-analysis/energy-economics")
    expected = "The Institute's pieces under “Energy & Economics”, newest first."
    assert meta(parser, "description") == expected
    assert meta(parser, "og:description") == expected


def test_shared_image_is_the_1200_pixel_rendition_of_the_hero(client):
    import io

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (20, 60, 120)).save(buffer, "JPEG")
    name = default_storage.save("articles/wide-hero.jpg", ContentFile(buffer.getvalue()))
    ArticleFactory(hero_image=name, languages={"en": {"slug": "with-hero"}})
    parser = head(client, "/policy-analysis/with-hero")
    image = meta(parser, "og:image")
    assert image.startswith("http://testserver/media/renditions/")
    assert image.endswith("-1200.webp")
    assert (meta(parser, "og:image:width"), meta(parser, "og:image:height")) == ("1200", "675")
    assert meta(parser, "twitter:image") == image
    assert parser.json_ld[0]["image"] == [image]
