"""
Rich text: the one allowlist of HTML that editors may write and readers may receive,
and the one allowlist of URL schemes a link may have.

The rich-text editor offers exactly these elements; nh3 (the Ammonia sanitizer) removes
everything else on save and again on render, so scripts, event handlers, style
attributes, iframes and javascript: links never reach a reader. Links stored outside
rich text (an expert's website) are held to the same schemes by `url_scheme`.
"""

import re
from html import unescape

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "hr",
}  # fmt: skip
# A numbered list's first number and its kind of numbering, both set in the editor's
# "List properties" dialog.
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start", "type"}}
LIST_TYPES = {"1", "a", "A", "i", "I"}
URL_SCHEMES = {"http", "https", "mailto"}
# Headings in the body start at h2: the page title is the h1.
EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    # static/js/editor-extensions.js replaces the package's Link: text typed after a link
    # does not continue it, and an empty title is not written as title="".
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
    "HardBreak": True,
    "HorizontalRule": True,
    # Headings as labelled buttons rather than the package's unlabelled dropdown (whose
    # arrow glyph most admin fonts lack, an empty box), and no empty groups.
    "Menu": {
        "groups": [
            {"group": "blockType -lists"},
            {"group": "lists"},
            {"group": "nodes -blockType -lists"},
            {"group": "marks"},
            {"group": "link"},
            {"group": "history"},
        ]
    },
}


def _drop_empty_attributes(tag: str, attribute: str, value: str) -> str | None:
    """Keep an attribute only when it says something: no title="" on links. An empty alt
    does say something (a decorative image), and an empty href is the checks' business.
    A list's type is one of HTML's five numberings or nothing."""
    if attribute == "type":
        return value if value in LIST_TYPES else None
    return value if value.strip() or attribute in ("href", "alt") else None


_cleaner = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
    attribute_filter=_drop_empty_attributes,
)
_inline_cleaner = nh3.Cleaner(
    tags={"strong", "em", "b", "i", "u", "s", "sub", "sup", "a"},
    attributes={"a": {"href", "title"}},
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
    attribute_filter=_drop_empty_attributes,
)
_TAG = re.compile(r"<[a-zA-Z/!]")
# What a browser's URL parser ignores before it reads a scheme (WHATWG URL: leading and
# trailing C0 controls and spaces, and tabs and newlines anywhere), so "\x01java\tscript:"
# is a javascript: URL to it and must be to us.
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def sanitize_html(html: str | None) -> str:
    """Return html with everything outside the allowlist removed."""
    if not html:
        return ""
    cleaned = _cleaner.clean(html).strip()
    # The editor saves an empty document as one empty paragraph.
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


def render_rich_text(value: str | None) -> SafeString:
    """Return value safe to put in a page; text without markup becomes paragraphs."""
    if not value:
        return mark_safe("")
    if not _TAG.search(value):
        return mark_safe(sanitize_html(linebreaks(value, autoescape=True)))
    return mark_safe(sanitize_html(value))


def render_inline_text(value: str | None) -> SafeString:
    """Return value safe inside a paragraph: block elements dropped, their text kept."""
    if not value:
        return mark_safe("")
    # Paragraph breaks become spaces rather than running words together.
    spaced = re.sub(r"</(p|h[2-4]|li|blockquote)>", " ", value, flags=re.IGNORECASE)
    return mark_safe(_inline_cleaner.clean(spaced).strip())


def url_scheme(url: str) -> str | None:
    """Return the scheme a browser would read in url, lower-cased; None for a relative URL."""
    found = _SCHEME.match(_TAB_OR_NEWLINE.sub("", (url or "").strip(_C0_AND_SPACE)))
    return found.group(1).lower() if found else None


def safe_url(url: str | None, schemes=URL_SCHEMES, *, relative: bool = True) -> str:
    """
    Return url if it is safe in an href: a scheme from `schemes`, or (when `relative`)
    none at all, and no control characters. Else return "" (render no link).

    Rows written before validation existed, or past it, go through this when rendered.
    """
    if not url or _CONTROL.search(url):
        return ""
    scheme = url_scheme(url)
    if scheme is None:
        return url if relative else ""
    return url if scheme in schemes else ""


_TEXT_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
# Tags that break a line: their text is a separate block, never glued to its neighbour.
_TEXT_BLOCK = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|tr|td|th|table|section|article|figure"
    r"|figcaption|pre|br|hr|dd|dt|dl)\b[^>]*>",
    re.IGNORECASE,
)
_TEXT_TAG = re.compile(r"<[^>]*>")
_TEXT_SPACES = re.compile(r"[ \t\f\v\r\xa0]+")
_TEXT_BLANK_LINES = re.compile(r" ?\n[\s]*")


def html_to_text(html: str | None) -> str:
    """
    Return the text of html: tags removed, entities decoded, each block (paragraph,
    heading, list item, ...) on a line of its own. The one HTML-to-text of the site: search
    indexes it, diffs compare it.
    """
    text = _TEXT_HIDDEN.sub(" ", html or "")
    text = _TEXT_BLOCK.sub("\n", text)
    text = unescape(_TEXT_TAG.sub("", text))
    text = _TEXT_SPACES.sub(" ", text)
    return _TEXT_BLANK_LINES.sub("\n", text).strip()
