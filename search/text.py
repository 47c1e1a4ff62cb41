"""Plain text from article HTML, the same at indexing and at display time."""

import re
from html import unescape

_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
# Tags that break a line: their text is a separate block, never glued to its neighbour.
_BLOCK = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|tr|td|th|table|section|article|figure"
    r"|figcaption|pre|br|hr|dd|dt|dl)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\f\v\r\xa0]+")
_BLANK_LINES = re.compile(r" ?\n[\s]*")


def plain_text(html: str) -> str:
    """Return the text of html: tags removed, entities decoded, blocks on their own lines."""
    text = _HIDDEN.sub(" ", html)
    text = _BLOCK.sub("\n", text)
    text = unescape(_TAG.sub("", text))
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n", text).strip()
