"""
Read what a reader typed into a search box.

The syntax is the one readers expect: words (all must match), "a quoted phrase",
-word or -"a phrase" to exclude, and the last word matched as a prefix while it is
being typed (no space after it yet). Anything else (operators of some engine,
brackets, SQL, control characters, unbalanced quotes) is read as plain text: the
result is a list of clauses holding analysed text (normalised and stemmed, as the index
holds it: core.analysis), never a query string to splice. Synonyms are added by the
search itself (search.synonyms), which reads the editors' sets.
"""

import re
import unicodedata
from dataclasses import dataclass

from core.analysis import PERSIAN_AFTER_HEH, search_text
from core.normalize import normalize

#: Characters of the query that are read; the rest is ignored.
MAX_QUERY_LENGTH = 200
#: Clauses kept; a longer query is cut.
MAX_CLAUSES = 10
#: The last word is matched as a prefix only from this length: shorter ones would
#: expand to too many words to be useful (or fast).
MIN_PREFIX_LENGTH = 3

#: Words that normalisation joins to the next one (core.normalize: عبد الله, ابو ظبی).
NAME_PREFIXES = {"عبد", "ابو"}
QUOTES = '"“”„«»'
_QUOTE_TABLE = str.maketrans(dict.fromkeys(QUOTES, '"'))
_TOKEN = re.compile(r'(?P<minus>-?)(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')
_WORD_CHARS = re.compile(r"[^\W_]", re.UNICODE)
_LETTERS_AND_DIGITS = re.compile(r"^[^\W_]+$", re.UNICODE)


@dataclass(frozen=True)
class Clause:
    """
    One thing to match: analysed text, read as a phrase (a single word is one too), or
    any of its alternatives (the other spellings of a synonym set, as phrases).
    """

    text: str
    negated: bool = False
    prefix: bool = False
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = ()

    def __bool__(self):
        return bool(self.clauses)

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.negated)


def parse(raw: str, language: str) -> ParsedQuery:
    """Return the clauses of a reader's query, analysed for language."""
    # Split what was typed first, then normalise each piece: a word that normalising
    # splits (a ZWNJ in Persian) stays one clause, matched as a phrase.
    text = raw[:MAX_QUERY_LENGTH].translate(_QUOTE_TABLE)
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    clauses = []
    tokens = _pieces(text, language)
    for index, (minus, phrase, word, end) in enumerate(tokens):
        body = search_text(phrase if phrase is not None else word, language).strip()
        if not _WORD_CHARS.search(body):
            continue  # punctuation or operators alone: nothing to match
        negated = minus == "-"
        prefix = (
            phrase is None
            and not negated
            and index == len(tokens) - 1
            and end == len(text)  # no space typed after it yet
            and len(body) >= MIN_PREFIX_LENGTH
            and bool(_LETTERS_AND_DIGITS.match(body))
        )
        clause = Clause(" ".join(body.split()), negated=negated, prefix=prefix)
        if clause not in clauses:
            clauses.append(clause)
    return ParsedQuery(tuple(clauses[:MAX_CLAUSES]))


def _pieces(text: str, language: str) -> list[tuple[str, str | None, str | None, int]]:
    """
    Return (minus, phrase, word, end) per token of text. A word that the analysis joins
    to the one before is one word with it: a name and its prefix typed apart (عبد الله,
    أبو ظبي), a Farsi ezafe or ای after a word ending in ه (خامنه ای).
    """
    pieces = [(t["minus"], t["phrase"], t["word"], t.end()) for t in _TOKEN.finditer(text)]
    joined = []
    for piece in pieces:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous[2] is not None
            and piece[2] is not None
            and not piece[0]
            and _joins(previous[2], piece[2], language)
        ):
            joined[-1] = (previous[0], None, f"{previous[2]} {piece[2]}", piece[3])
            continue
        joined.append(piece)
    return joined


def _joins(before: str, word: str, language: str) -> bool:
    first = normalize(before, language)
    if first in NAME_PREFIXES:
        return " " not in normalize(f"{before} {word}", language)
    return (
        language == "fa"
        and first.endswith("\u0647")  # heh
        and normalize(word, language) in PERSIAN_AFTER_HEH
    )
