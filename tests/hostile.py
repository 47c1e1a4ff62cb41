"""
Hostile text for the tests of every output: what a translator or editor could type into
a name, title, summary, bio, caption or alt text, and helpers to read it back.

Each value aims at one way out of its field: HTML and script elements, attribute quotes,
XML's CDATA and comment ends, JSON-LD's closing </script>, BibTeX braces and entry
starts, RIS tag lines, and control characters that XML cannot hold.
"""

import re
from html.parser import HTMLParser

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "script-break": "</script><script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "link": '<a href="javascript:alert(1)">x</a>',
    "markup": "<b>bold</b> & <i>it</i>",
    "entities": "Tom & Jerry &amp; &lt;co&gt; &#60;",
    "cdata": "]]><evil/>",
    "comment": "--><!-- x",
    "lines": "one\nTY  - JOUR\r\nER  - \n",
    "bibtex-entry": "@misc{evil, title={x}}",
    "bibtex-field": "}, note = {pwned",
    "brace": "{lone",
    "quotes": 'it\'s "quoted" `back`',
    "control": "bell\x07 tab\x0b unit\x1f",
}
HOSTILE_IDS = list(HOSTILE)
HOSTILE_VALUES = list(HOSTILE.values())

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def without_xml_controls(text: str) -> str:
    """Return text as a feed can carry it: XML 1.0 cannot hold most control characters."""
    return _NOT_XML.sub("", text)


def one_line(text: str) -> str:
    """Return text as a one-line field carries it: controls and white space runs as a space."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.markup, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.markup.append(f"<{tag}>")

    def handle_endtag(self, tag):
        self.markup.append(f"</{tag}>")

    def handle_comment(self, data):
        self.markup.append("<!--")

    def handle_decl(self, decl):
        self.markup.append("<!")

    def unknown_decl(self, data):
        self.markup.append("<![")

    def handle_pi(self, data):
        self.markup.append("<?")

    def handle_data(self, data):
        self.text.append(data)


def html_as_text(fragment: str) -> str:
    """
    Return what a browser shows for an HTML fragment that must hold text only; fail if
    the fragment holds any element, comment or declaration (markup that would be live).
    """
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    assert not parser.markup, f"live markup {parser.markup} in {fragment!r}"
    return "".join(parser.text)


def browser_scheme(url: str) -> str | None:
    """
    Return the scheme a browser reads in url (WHATWG URL: leading and trailing C0 controls
    and spaces, and tabs and newlines anywhere, are ignored), lower-cased; None if relative.
    """
    cleaned = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    found = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return found.group(1).lower() if found else None
