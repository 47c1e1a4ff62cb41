"""
Mixed-direction text: runs of the other direction isolated, so they stay where they belong.

An English name in an Arabic title, or an Arabic one in an English title, is laid out by
the Unicode bidirectional algorithm, which lets the digits and brackets beside such a run
join it: in "On خامنئي (2020)" the opening bracket lands before the name, in the Arabic
"تقرير IAEA 2020" the year follows "IAEA" to its right instead of coming after it in
reading order. Each run of the other direction's letters (with the spaces, digits and
marks between them) is put in <bdi>, which lays it out on its own and shows it to the text
around as one neutral character.
"""

import unicodedata

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

RTL_CLASSES = {"R", "AL"}


def _strong(char: str) -> str | None:
    """Return "rtl" or "ltr" for a strong character, None for anything else."""
    kind = unicodedata.bidirectional(char)
    if kind in RTL_CLASSES:
        return "rtl"
    return "ltr" if kind == "L" else None


def other_direction_runs(text: str, direction: str) -> list[tuple[int, int]]:
    """
    Return (start, end) of each run of text in the direction other than direction: from its
    first to its last strong character, with no strong character of direction inside.
    """
    runs, start, end = [], None, None
    for index, char in enumerate(text):
        strong = _strong(char)
        if strong is None:
            continue
        if strong != direction:
            if start is None:
                start = index
            end = index + 1
        elif start is not None:
            runs.append((start, end))
            start = None
    if start is not None:
        runs.append((start, end))
    return runs


def isolate(text, direction: str) -> SafeString:
    """Return text as HTML (escaped) with each run of the other direction in <bdi>."""
    text = "" if text is None else str(text)
    html, position = [], 0
    for start, end in other_direction_runs(text, direction):
        html += [conditional_escape(text[position:start]), "<bdi>"]
        html += [conditional_escape(text[start:end]), "</bdi>"]
        position = end
    html.append(conditional_escape(text[position:]))
    return mark_safe("".join(html))
