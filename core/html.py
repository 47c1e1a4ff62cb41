"""
Rich text: the one allowlist of HTML that editors may write and readers may receive.

The rich-text editor offers exactly these elements; nh3 (the Ammonia sanitizer) removes
everything else on save and again on render, so scripts, event handlers, style
attributes, iframes and javascript: links never reach a reader.
"""

import re

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "hr",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
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
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
    "HardBreak": True,
    "HorizontalRule": True,
}

_cleaner = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)
_inline_cleaner = nh3.Cleaner(
    tags={"strong", "em", "b", "i", "u", "s", "sub", "sup", "a"},
    attributes={"a": {"href", "title"}},
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)
_TAG = re.compile(r"<[a-zA-Z/!]")


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
