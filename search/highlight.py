"""
Show matches in the original text.

Both backends mark matches on the indexed text (normalised and stemmed: ts_headline,
FTS5 snippet) with private-use characters that normalisation removes from content.
`render()` finds each marked passage in the analysed original, maps it back with
`search_text_with_offsets`, and returns the original passage escaped, with the
matches wrapped in <mark>: text is escaped first, markup added after. Matches are
whole words, so a mark spans the whole written word its stem came from (الحكومة for
حكوم, کتاب‌ها for کتاب).
"""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.analysis import search_text_with_offsets
from core.normalize import TATWEEL

START, STOP, ELLIPSIS = "\ue000", "\ue001", "\ue002"
MARKERS = {ord(START): None, ord(STOP): None, ord(ELLIPSIS): None}
JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner
SHOWN_WITHOUT_MATCH = 240  # characters of the original shown when nothing maps back


def _spans(passage: str) -> tuple[str, list[tuple[int, int]]]:
    """Return passage without markers and the [start, end) spans that were marked."""
    text, spans, start = [], [], None
    for char in passage:
        if char == START:
            start = len(text)
        elif char == STOP:
            if start is not None and len(text) > start:
                spans.append((start, len(text)))
            start = None
        else:
            text.append(char)
    return "".join(text), spans


def _in_word(char: str) -> bool:
    return (
        char.isalnum()
        or char in JOINERS
        or char == TATWEEL
        or unicodedata.category(char) in ("Mn", "Mc")
    )


def _extend(original: str, end: int) -> int:
    """Extend a mark to the end of its written word (diacritics, ZWNJ-joined suffixes)."""
    while end < len(original) and _in_word(original[end]):
        end += 1
    return end


def _word_start(original: str, start: int) -> int:
    """Move the start of a mark back to the start of its written word (ال of الحكومة)."""
    while start > 0 and _in_word(original[start - 1]):
        start -= 1
    return start


def render(original: str, language: str, marked: str, *, whole: bool = False) -> SafeString:
    """
    Return the passages of original that marked shows, escaped, matches in <mark>.

    `marked` is normalised text from the backend: passages separated by ELLIPSIS,
    matches between START and STOP. With `whole`, the entire original is shown.
    """
    normalised, offsets = search_text_with_offsets(original, language)
    pieces, cursor = [], 0  # cursor: where the next passage is looked for
    for passage in marked.split(ELLIPSIS):
        text, spans = _spans(passage)
        text_start = len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            continue
        at = normalised.find(text, cursor)
        if at < 0:
            at = normalised.find(text)
        if at < 0:
            continue
        shift = at - text_start
        pieces.append((at, at + len(text), [(a + shift, b + shift) for a, b in spans]))
        cursor = at + len(text)
    if not pieces:
        shown = original if whole else original[:SHOWN_WITHOUT_MATCH]
        more = "" if whole or len(original) <= SHOWN_WITHOUT_MATCH else " …"
        return mark_safe(escape(shown) + more)
    if whole:
        pieces = [(0, len(normalised), [s for _a, _b, spans in pieces for s in spans])]
    html = []
    for number, (start, end, spans) in enumerate(pieces):
        first = _word_start(original, offsets[start])
        last = _extend(original, offsets[end - 1] + 1)
        if number == 0 and first > 0:
            html.append("… ")
        elif number:
            html.append(" … ")
        marks: list[list[int]] = []  # [start, end) in original
        for a, b in spans:
            a, b = max(a, start), min(b, end)
            if a >= b:
                continue
            mark_start = max(_word_start(original, offsets[a]), first)
            mark_end = _extend(original, offsets[b - 1] + 1)
            if marks and mark_start < marks[-1][1]:
                continue
            between = "".join(original[marks[-1][1] : mark_start].split()) if marks else "x"
            if not between.strip(JOINERS):
                # Words next to each other (a phrase, a name, one word written with a ZWNJ):
                # one mark, as SQLite marks a phrase and PostgreSQL each of its words.
                marks[-1][1] = mark_end
            else:
                marks.append([mark_start, mark_end])
        position = first
        for mark_start, mark_end in marks:
            html.append(escape(original[position:mark_start]))
            html.append(f"<mark>{escape(original[mark_start:mark_end])}</mark>")
            position = mark_end
        html.append(escape(original[position:last]))
        if number == len(pieces) - 1 and last < len(original.rstrip()):
            html.append(" …")
    return mark_safe("".join(html))
