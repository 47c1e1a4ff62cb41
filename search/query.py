"""
Read what a reader typed into a search box.

The syntax is the one readers expect: words (all must match), "a quoted phrase",
-word or -"a phrase" to exclude, and the last word matched as a prefix while it is
being typed (no space after it yet). Anything else (operators of some engine,
brackets, SQL, control characters, unbalanced quotes) is read as plain text: the
result is a list of clauses holding normalised text, never a query string to splice.
"""

import re
import unicodedata
from dataclasses import dataclass

from core.normalize import normalize

#: Characters of the query that are read; the rest is ignored.
MAX_QUERY_LENGTH = 200
#: Clauses kept; a longer query is cut.
MAX_CLAUSES = 10
#: The last word is matched as a prefix only from this length: shorter ones would
#: expand to too many words to be useful (or fast).
MIN_PREFIX_LENGTH = 3

QUOTES = '"“”„«»'
_QUOTE_TABLE = str.maketrans(dict.fromkeys(QUOTES, '"'))
_TOKEN = re.compile(r'(?P<minus>-?)(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')
_WORD_CHARS = re.compile(r"[^\W_]", re.UNICODE)
_LETTERS_AND_DIGITS = re.compile(r"^[^\W_]+$", re.UNICODE)


@dataclass(frozen=True)
class Clause:
    """One thing to match: normalised text, read as a phrase (a single word is one too)."""

    text: str
    negated: bool = False
    prefix: bool = False


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
    """Return the clauses of a reader's query, normalised for language."""
    # Split what was typed first, then normalise each piece: a word that normalising
    # splits (a ZWNJ in Persian) stays one clause, matched as a phrase.
    text = raw[:MAX_QUERY_LENGTH].translate(_QUOTE_TABLE)
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    clauses = []
    tokens = list(_TOKEN.finditer(text))
    for index, token in enumerate(tokens):
        phrase, word = token["phrase"], token["word"]
        body = normalize(phrase if phrase is not None else word, language).strip()
        if not _WORD_CHARS.search(body):
            continue  # punctuation or operators alone: nothing to match
        negated = token["minus"] == "-"
        prefix = (
            phrase is None
            and not negated
            and index == len(tokens) - 1
            and token.end() == len(text)  # no space typed after it yet
            and len(body) >= MIN_PREFIX_LENGTH
            and bool(_LETTERS_AND_DIGITS.match(body))
        )
        clause = Clause(" ".join(body.split()), negated=negated, prefix=prefix)
        if clause not in clauses:
            clauses.append(clause)
    return ParsedQuery(tuple(clauses[:MAX_CLAUSES]))
