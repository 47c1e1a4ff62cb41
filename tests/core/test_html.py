"""Rich text: XSS payloads never reach a reader, on save or on render."""

import pytest
from django.template import Context, Template

from core.forms import RichTextField
from core.html import render_rich_text, sanitize_html

PAYLOADS = [
    '<p>Hello<script>alert("x")</script></p>',
    '<p><img src="x" onerror="alert(1)">Picture</p>',
    '<p><a href="javascript:alert(1)">click</a></p>',
    '<p><a href="JaVaScRiPt:alert(1)">click</a></p>',
    '<p><a href="&#106;avascript:alert(1)">click</a></p>',
    '<svg><script>alert(1)</script></svg><svg onload="alert(1)"></svg>',
    '<p style="position:fixed;top:0">styled</p>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p onclick="alert(1)" onmouseover="alert(1)">events</p>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "<object data=x></object><embed src=x><form action=x><input></form>",
]
FORBIDDEN = ["<script", "onerror", "onclick", "onmouseover", "onload", "javascript:", "style=",
             "<iframe", "<svg", "data:text", "<object", "<embed", "<form", "<img"]  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_removed_on_save_and_on_render(payload):
    saved = RichTextField().clean(payload)
    rendered = Template("{% load rich_text %}{{ body|sanitize }}").render(
        Context({"body": payload})
    )
    for html in (saved, rendered, sanitize_html(payload)):
        lowered = html.lower()
        assert not [bad for bad in FORBIDDEN if bad in lowered], html


def test_the_editors_formatting_survives():
    html = (
        "<h2>Subhead</h2><p><strong>Bold</strong>, <em>italic</em> and a "
        '<a href="/policy-analysis/other">link</a>.</p><ul><li>one</li></ul>'
        "<ol><li>two</li></ol><blockquote><p>Quote</p></blockquote>"
    )
    cleaned = sanitize_html(html)
    for part in ("<h2>", "<strong>", "<em>", '<a href="/policy-analysis/other"', "<ul>",
                 "<ol>", "<blockquote>"):  # fmt: skip
        assert part in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_an_empty_editor_saves_an_empty_string():
    assert RichTextField(required=False).clean("<p></p>") == ""


def test_plain_text_is_rendered_as_escaped_paragraphs():
    assert render_rich_text("Oil & gas\n\nSecond") == "<p>Oil &amp; gas</p>\n\n<p>Second</p>"
