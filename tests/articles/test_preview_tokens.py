"""Shared preview links whose signature is valid but whose payload is not a preview's."""

import pytest
from django.core import signing

from articles.preview import SALT, preview_link
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOT_A_PREVIEW = [
    {},
    {"a": "abc"},
    [1, 2],
    "a string",
    "",
    None,
    42,
    {"a": 1},
    {"l": "en"},
    {"a": "1", "l": "en"},  # a number as text: not what preview_token makes
    {"a": "1e9999", "l": "en"},
    {"a": 1.0, "l": "en"},
    {"a": True, "l": "en"},
    {"a": [1], "l": "en"},
    {"a": {"a": 1}, "l": "en"},
    {"a": 1, "l": ["en"]},
    {"a": 1, "l": {"en": 1}},
    {"a": 1, "l": "xx"},
    {"a": 1, "l": None},
    {"a": 0, "l": "en"},
    {"a": -1, "l": "en"},
    {"a": 10**400, "l": "en"},
    {"a": 2**63, "l": "en"},
    {"a": [[[[{"a": [1, {"l": "en"}]}]]]], "l": [[[]]]},
]


def signed_link(payload) -> str:
    return f"/preview/{signing.dumps(payload, salt=SALT, compress=True)}/"


@pytest.fixture
def article():
    # Its id is 1 on a fresh database: payloads that would be read as 1 must still fail.
    return ArticleFactory(languages={"en": {"title": "Draft analysis", "state": "draft"}})


@pytest.mark.parametrize("payload", NOT_A_PREVIEW, ids=repr)
def test_a_signed_link_that_is_not_a_preview_is_not_found(client, article, payload):
    response = client.get(signed_link(payload))
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="site-header"' in html and "Page not found" in html
    assert "Draft analysis" not in html


class RawJSON:
    """A signing serializer that signs JSON text as given, however deep its nesting."""

    def dumps(self, text):
        return text.encode()

    def loads(self, data):
        raise NotImplementedError


@pytest.mark.parametrize(
    "signed",
    [
        ".Z2FyYmFnZQ",  # "compressed" (the leading dot), but not zlib data
        "bm90IGpzb24",  # "not json"
        "%%%",  # not base64
        "gA",  # not UTF-8
    ],
)
def test_a_signed_text_that_is_not_compressed_json_is_not_found(client, article, signed):
    token = signing.TimestampSigner(salt=SALT).sign(signed)
    assert client.get(f"/preview/{token}/").status_code == 404


@pytest.mark.parametrize("depth", [50, 100_000])
def test_a_deeply_nested_payload_is_not_found(client, article, depth):
    nested = '{"a": [' * depth + "1" + "]}" * depth
    token = signing.dumps(nested, salt=SALT, compress=True, serializer=RawJSON)
    assert client.get(f"/preview/{token}/").status_code == 404


def test_a_well_formed_link_still_shows_its_translation(client, article):
    response = client.get(preview_link(article.pk, "en"))
    assert response.status_code == 200
    assert "Draft analysis" in response.content.decode()
