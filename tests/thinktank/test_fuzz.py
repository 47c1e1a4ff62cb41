"""
Property-based fuzzing of every public URL that reads what a client sends (issue 12).

Whatever arrives in the path, the query string or the headers (any Unicode, NUL, lone
surrogates, percent-escapes that are not UTF-8, huge and negative numbers, repeated and
overlong parameters), the site answers without a server error, and an error is the
site's own page (HTML in the site's layout).

Requests are built as raw WSGI environs, as a real server passes them: the path already
unquoted and every value as bytes read as latin-1. Django's test client would refuse
some of these (a lone surrogate cannot be encoded), so the app would never see them.

The corpus is made once for the module; the examples only read it. CI runs the same
examples every time (derandomize), so a red build points at a reproducible failure;
elsewhere each run explores new ones (FUZZ_SCALE=30 for a long hunt).

Over 300 lines on purpose: one behaviour (no server error, whatever arrives), and most of
the module is the corpus and the request strategies that every example shares.
"""

import logging
import os
import re
from html import unescape
from urllib.parse import quote_from_bytes, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.preview import preview_token
from core.pagination import Position
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory
from thinktank.sitemaps import SITEMAPS

pytestmark = pytest.mark.django_db

# FUZZ_SCALE multiplies every budget, e.g. FUZZ_SCALE=30 for a long hunt on a workstation;
# at 1 the module stays well within CI's time.
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))


def fuzz(examples: int):
    return settings(
        max_examples=max(1, round(examples * SCALE)),
        deadline=None,
        database=None,
        derandomize=bool(os.environ.get("CI")),
        suppress_health_check=[HealthCheck.too_slow],
    )


# --- What a hostile client sends ----------------------------------------------------------

# Any code point, lone surrogates included (Hypothesis leaves those out by default).
any_character = st.one_of(st.characters(), st.characters(categories=["Cs"]))
any_text = st.text(any_character, max_size=40)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 1, 2**31, 2**63, -(2**63) - 1, 10**18, 10**19]),
).map(str)
# A fuzzing dictionary: text known to trip parsers, which random generation seldom hits.
NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "abc\x00def",
    "\r\n",
    "9" * 5000,  # past Python's limit for int() of a string
    "1e9999",
    "NaN",
    "-0",
    "0x10",
    "١٢٣",  # Arabic-Indic digits: isdigit() is true, int() works
    "²",  # isdigit() is true, int() fails
    "1.5",
    "1.",
    ".1",
    "-1.-1",
    "9" * 30 + "." + "9" * 30,
    "%",
    "%zz",
    "../../etc/passwd",
    "//evil.example/",
    "<script>alert(1)</script>",
    "'; DROP TABLE articles_article; --",
    "\ud800",
    "a\udfffb",
    "x" * 20000,
]
overlong = st.builds(
    lambda text, times: text * times,
    st.text(any_character, min_size=1, max_size=4),
    st.integers(1, 3000),
)
value_text = st.one_of(any_text, numbers, st.sampled_from(NASTY_TEXT), overlong)


def as_bytes(text: str) -> bytes:
    """UTF-8, lone surrogates kept as the (invalid) bytes a careless client would send."""
    return text.encode("utf-8", "surrogatepass")


def escaped(text: str) -> bytes:
    return quote_from_bytes(as_bytes(text), safe="").encode()


# The dictionary as it travels in a query string, with escapes that are not UTF-8 or are
# cut short, and raw bytes.
nasty = st.sampled_from(
    [escaped(text) for text in NASTY_TEXT]
    + [b"%", b"%f", b"%ff", b"%c3", b"%ed%a0%80", b"%c0%af", b"\x00", b"\xff", b"+", b"=="]
)
# NUL gets a branch of its own: Django's text fields refuse it, so it reaches code that a
# random character rarely does.
nul = st.sampled_from([b"%00", b"abc%00def", b"\x00", b"%00%00", b"1%00"])
query_value = st.one_of(
    nasty,
    nul,
    value_text.map(escaped),
    value_text.map(as_bytes),
    st.binary(max_size=30).map(lambda raw: quote_from_bytes(raw).encode()),
    st.binary(max_size=30),
)


def with_hostile(real: dict[bytes, bytes], name: bytes, hostile: bytes) -> bytes:
    return b"&".join([n + b"=" + v for n, v in real.items()] + [name + b"=" + hostile])


def repeated(name: bytes, value: bytes) -> bytes:
    return b"&".join([name + b"=" + value] * 1001)


def query_string(names: list[bytes], values: list[bytes]):
    """
    Query strings of the page's own parameters and others, repeated at will, with values
    from the dictionary, generated ones and real ones (ids, slugs, positions).
    """
    name = st.one_of(st.sampled_from(names), st.sampled_from(names), query_value)
    value = st.one_of(nasty, nul, query_value, st.sampled_from(values))
    pair = st.tuples(name, value).map(b"=".join)
    few = st.lists(st.one_of(pair, pair, query_value), max_size=8).map(b"&".join)
    # One hostile value among real ones, so that it reaches the code that reads it.
    one_hostile = st.builds(
        with_hostile,
        st.fixed_dictionaries({}, optional=dict.fromkeys(names, st.sampled_from(values))),
        st.sampled_from(names),
        st.one_of(nul, nasty, query_value),
    )
    # Past DATA_UPLOAD_MAX_NUMBER_FIELDS: Django refuses it, and so must we, politely.
    many = st.builds(repeated, st.sampled_from(names), st.sampled_from([b"1", b"", b"%00"]))
    return st.one_of(few, one_hostile, one_hostile, many)


# --- The site's public URLs, on a small corpus --------------------------------------------

POSITION = [b"after", b"before"]
# What each kind of page reads from the query string. Pages that read nothing still get
# some names: the page cache, the canonical link and the language switcher read them all.
FAMILIES = {
    "home": POSITION,
    "all analysis": [b"type", b"topic", b"region", b"expert", b"date_from", b"date_to", b"sort"]
    + POSITION,
    "term listings": POSITION,
    "articles": [b"utm_source", b"after"],
    "citations": [b"format"],
    "experts": [b"page"],
    "expert pages": POSITION,
    "search": [b"q", b"type", b"topic", b"region", b"expert", b"year", b"sort", b"page"],
    "feeds": [b"page"],
    "sitemaps": [b"p"],
    "robots.txt": [b"p"],
    "short links": [b"utm_source"],
    "previews": [b"a", b"l"],
}
OUTSIDE_LINKS = ["example.org"]  # the expert's website


class Site:
    def __init__(self, urls: dict[str, list[str]], values: list[bytes]):
        self.urls = urls  # family: its paths
        self.values = values  # real ids, slugs and positions, so that filters find something

    def __repr__(self):  # Hypothesis prints it with every failing example
        return f"<site of {sum(map(len, self.urls.values()))} URLs>"


@pytest.fixture(autouse=True)
def _quiet_refusals():
    """Django logs every refused request, some with a traceback: thousands slow the run."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """
    A small corpus in three languages, and the URLs to fuzz on it: made once for the module
    in a transaction rolled back at its end (as TestCase.setUpTestData does); each test's
    own transaction nests inside it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_site()
        transaction.set_rollback(True)


def make_site() -> Site:
    topic = TopicFactory(names={"en": "Energy", "ar": "الطاقة", "fa": "انرژی"})
    region = RegionFactory(names={"en": "Gulf", "ar": "الخليج", "fa": "خلیج"})
    country = RegionFactory(parent=region, names={"en": "Qatar", "ar": "قطر", "fa": "قطر"})
    kind = ArticleTypeFactory(names={"en": "Brief", "ar": "موجز", "fa": "کوتاه"})
    expert = ExpertFactory(names={"en": "Dana Reed", "ar": "دانا ريد", "fa": "دانا رید"})
    expert.links.create(url="https://example.org/dana")
    shared = {"authors": [expert], "topics": [topic], "regions": [country], "article_type": kind}
    slugs = {"en": "iran-and-the-deal", "ar": "iran-ar", "fa": "iran-fa"}
    titles = {"en": "Iran and the deal", "ar": "إيران والاتفاق", "fa": "ایران و توافق"}
    article = ArticleFactory(
        languages={code: {"title": titles[code], "slug": slugs[code]} for code in slugs},
        **shared,
    )
    for n in range(3):
        ArticleFactory(languages={"en": {"title": f"Oil talks {n}"}}, **shared)
    draft = ArticleFactory(languages={"en": "draft", "fa": "review"})

    urls = {family: [] for family in FAMILIES}
    for code, prefix in (("en", ""), ("ar", "/ar"), ("fa", "/fa")):
        slug = slugs[code]
        terms = {
            kind_name: term.translations.get(language_code=code).slug
            for kind_name, term in (("topic", topic), ("region", region), ("type", kind))
        }
        urls["home"].append(f"{prefix}/")
        urls["all analysis"].append(f"{prefix}/policy-analysis/")
        urls["term listings"] += [f"{prefix}/policy-analysis/{s}" for s in terms.values()]
        urls["term listings"].append(
            f"{prefix}/policy-analysis/{country.translations.get(language_code=code).slug}"
        )
        urls["term listings"].append(f"{prefix}/corrections/")  # a listing by position too
        urls["articles"] += [
            f"{prefix}/policy-analysis/{slug}",
            f"{prefix}/policy-analysis/{slug}/",
        ]
        urls["citations"] += [f"{prefix}/policy-analysis/{slug}/cite.{f}" for f in ("bib", "ris")]
        urls["experts"].append(f"{prefix}/experts/")
        urls["expert pages"].append(f"{prefix}/experts/{expert.slug}")
        urls["search"].append(f"{prefix}/search/")
        for fmt in ("rss", "atom"):
            urls["feeds"].append(f"{prefix}/feeds/{fmt}")
            urls["feeds"] += [f"{prefix}/feeds/{k}/{s}/{fmt}" for k, s in terms.items()]
            urls["feeds"].append(f"{prefix}/feeds/expert/{expert.slug}/{fmt}")
        urls["short links"].append(f"{prefix}/p/{article.pk}")
    urls["sitemaps"] = ["/sitemap.xml"] + [f"/sitemap-{section}.xml" for section in SITEMAPS]
    urls["robots.txt"] = ["/robots.txt"]
    urls["previews"] = [f"/preview/{preview_token(draft.pk, code)}/" for code in ("en", "fa")]

    ids = (topic.pk, region.pk, country.pk, kind.pk, expert.pk, article.pk, draft.pk)
    values = [str(value).encode() for value in ids] + [
        expert.slug.encode(),
        Position.of(article).encode().encode(),
        b"2020-01-01",
        b"newest",
        b"oldest",
        b"relevance",
        b"date",
        b"iran",
        b"2",
    ]
    return Site(urls, values)


# --- Sending a request and judging the answer ---------------------------------------------


def send(path: bytes, query: bytes = b"", headers: dict[str, bytes] | None = None):
    """
    GET path?query through the whole stack with the environ a WSGI server would make (the
    test client's handler is Django's WSGI handler, re-raising what would be a 500).
    """
    cache.clear()  # each example reaches the view, not a page cached by an earlier one
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path.decode("latin-1"),
        "QUERY_STRING": query.decode("latin-1"),
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value.decode("latin-1")
    return Client().request(**environ)


def assert_answered_well(response):
    """No server error; an error is the site's page; nothing leads off the site."""
    status = response.status_code
    assert status < 500, f"server error {status}"
    content_type = response.get("Content-Type", "")
    if status >= 400:
        assert content_type.startswith("text/html"), content_type
        html = response.content.decode()
        assert '<html lang="' in html and 'class="site-header"' in html, html[:300]
    if 300 <= status < 400 and status != 304:
        host = urlsplit(response["Location"]).hostname
        assert host in (None, *django_settings.ALLOWED_HOSTS), response["Location"]
    if content_type.startswith("text/html"):
        # A path such as //evil.example/ must become no link (nor canonical) to that host.
        for href in re.findall(r'href="([^"]*)"', response.content.decode()):
            host = urlsplit(unescape(href)).hostname
            assert host in (None, *django_settings.ALLOWED_HOSTS, *OUTSIDE_LINKS), href


# --- The properties -------------------------------------------------------------------------


@pytest.mark.parametrize("family", FAMILIES)
@fuzz(30)
@given(data=st.data())
def test_no_query_string_causes_a_server_error(site, family, data):
    path = data.draw(st.sampled_from(site.urls[family]), label="path")
    query = data.draw(query_string(FAMILIES[family], site.values), label="query")
    assert_answered_well(send(path.encode(), query))


# Every parameter of every kind of page gets each of these, whatever chance would pick.
SWEEP = [
    b"%00",
    b"abc%00def",
    b"%ff",
    b"%ed%a0%80",  # a lone surrogate, as UTF-8 would have it
    b"-1",
    b"9" * 30,
    b"9" * 5000,
    b"x" * 5000,
]


@pytest.mark.parametrize("family", FAMILIES)
def test_each_parameter_with_each_hostile_value(site, family):
    failures = []
    for name in FAMILIES[family]:
        for value in SWEEP:
            query = name + b"=" + value
            try:
                assert_answered_well(send(site.urls[family][0].encode(), query))
            except Exception as error:  # collect them all: one run shows every failure
                failures.append(f"{query[:40]!r}: {type(error).__name__}: {error}"[:300])
    assert not failures, "\n".join(failures)


PATH_PREFIXES = [
    "/",
    "/ar/",
    "/fa/",
    "/xx/",
    "/policy-analysis/",
    "/ar/policy-analysis/",
    "/policy-analysis/iran-and-the-deal/",
    "/experts/",
    "/corrections/",
    "/fa/experts/",
    "/search/",
    "/feeds/",
    "/feeds/topic/",
    "/feeds/expert/",
    "/ar/feeds/region/",
    "/p/",
    "/ar/p/",
    "/preview/",
    "/readership/",
    "/sitemap-",
    "/static/",
    "/media/",
    "//",
    "/admin/",
]
PATH_SUFFIXES = ["", "/", "/rss", "/atom", "/cite.bib", "/cite.ris", ".xml", "/feeds/rss"]
# A path as the server hands it on: already unquoted, so any byte may be in it.
segment = st.one_of(
    value_text.map(as_bytes),
    st.binary(max_size=40),
    value_text.map(lambda text: quote_from_bytes(as_bytes(text)).encode()),
)


@fuzz(150)
@given(
    prefix=st.sampled_from(PATH_PREFIXES),
    middle=segment,
    suffix=st.sampled_from(PATH_SUFFIXES),
    query=st.one_of(st.just(b""), query_value),
)
def test_no_path_causes_a_server_error(site, prefix, middle, suffix, query):
    assert_answered_well(send(prefix.encode() + middle + suffix.encode(), query))


header_value = st.one_of(
    value_text.map(as_bytes),
    st.binary(max_size=60),
    st.sampled_from(
        [
            b"ar",
            b"fa-IR,fa;q=0.9,en;q=0.8",
            b"*",
            b"en;q=1e9999",
            b"ar;q=-1",
            b"Thu, 01 Jan 1970 00:00:00 GMT",
            b"Sat, 31 Dec 9999 23:59:59 GMT",
            b"Mon, 32 Foo 0000 99:99:99 GMT",
            b'"abc"',
            b'W/"abc", "def"',
            b"testserver",
            b"localhost:99999999999",
            b"[::1",
            b"evil.example",
            b"sessionid=\x00\x00\x00\x00\x00\x00\x00\x00",
            b"sessionid=abcdefghijklmnopqrstuvwxyz012345",
            b"django_language=xx; csrftoken=\xff\xfe",
            b"csrftoken=" + b"a" * 64,
            b"=; ; ==;a=b=c",
            b"bytes=0-1,5-3",
        ]
    ),
)
HEADERS = [
    "Accept-Language",
    "If-None-Match",
    "If-Modified-Since",
    "Host",
    "Cookie",
    "Referer",
    "User-Agent",
    "Accept",
    "Accept-Encoding",
    "Range",
    "X-Forwarded-For",
    "X-Forwarded-Proto",
    "X-Forwarded-Host",
    "Authorization",
]


@fuzz(100)
@given(data=st.data())
def test_no_header_causes_a_server_error(site, data):
    family = data.draw(st.sampled_from(list(FAMILIES)), label="family")
    path = data.draw(st.sampled_from(site.urls[family]), label="path")
    headers = data.draw(
        st.dictionaries(st.sampled_from(HEADERS), header_value, min_size=1, max_size=4),
        label="headers",
    )
    assert_answered_well(send(path.encode(), headers=headers))
