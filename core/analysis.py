"""
The text search indexes and queries: normalised (core.normalize), then stemmed.

Stemming is done here, in Python, the same on every database, so SQLite and
PostgreSQL index and match the same words (PostgreSQL reads Arabic and Farsi with its
`simple` configuration, English with `english`; SQLite's FTS5 table with `porter`,
which leaves Arabic script alone):

- Arabic: Snowball's Arabic stemmer (PyStemmer, the C build of the algorithm that
  PostgreSQL's `arabic` configuration uses), word by word: "الحكومة" and "حكومة" are
  both حكوم.
- Persian: light suffix rules, since no stemmer is well kept for it and Lucene's
  removes too much (ایران → ایر, رئیسی → رئیس):
  - the plural ها / های / هایی, with the possessive endings (هایم … هایشان), joined to
    the word (کتابها, کتابهایش) when at least three letters stay, or standing alone
    after a ZWNJ or a space (کتاب‌ها, کتاب ها): کتاب finds all of them;
  - the ezafe or indefinite ی / ای after a word that ends in ه, standing alone after a
    ZWNJ or a space (خانه‌ی, خانه‌ای, خامنه‌ای): the word before it stays;
  - the ezafe ی joined to a word that ends in ا or و (آمریکای, دانشجوی), when at least
    three letters stay.
- English: nothing here; the databases stem it (`english`, `porter`).

`search_text_with_offsets()` tells, like core.normalize, which original character each
character of the result came from, so matches found in stems are marked in the text.
"""

import re
from functools import lru_cache

import Stemmer

from .normalize import normalize, normalize_with_offsets

PERSIAN_YEH = "\u06cc"
_WORD = re.compile(r"\w+")
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3]")
# Longest first: the first that matches is removed.
PERSIAN_PLURALS = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها")
PERSIAN_AFTER_HEH = ("ی", "ای")
MIN_PERSIAN_STEM = 3


@lru_cache(maxsize=1)
def _arabic_stemmer():
    return Stemmer.Stemmer("arabic")


@lru_cache(maxsize=100_000)
def _stem_arabic(word: str) -> str:
    if not _ARABIC_LETTER.search(word):
        return word
    return _arabic_stemmer().stemWord(word)


@lru_cache(maxsize=100_000)
def _stem_persian(word: str) -> str:
    for suffix in PERSIAN_PLURALS:
        if word.endswith(suffix):
            if len(word) - len(suffix) >= MIN_PERSIAN_STEM:
                return word[: -len(suffix)]
            break
    if word.endswith(PERSIAN_YEH) and len(word) > MIN_PERSIAN_STEM and word[-2] in "او":
        return word[:-1]
    return word


def _persian_drops(word: str, previous: str | None) -> bool:
    """Return True for a suffix written apart from its word (after a ZWNJ or a space)."""
    if word in PERSIAN_PLURALS:
        return True
    return word in PERSIAN_AFTER_HEH and previous is not None and previous.endswith("ه")


def _stemmed(text: str, language: str, offsets: list[int] | None):
    """Stem the words of normalised text; offsets (if given) follow."""
    if language not in ("ar", "fa"):
        return text, offsets
    pieces, new_offsets, position, previous = [], [], 0, None
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        pieces.append(text[position:start])
        if offsets is not None:
            new_offsets.extend(offsets[position:start])
        position = end
        if language == "fa" and _persian_drops(word, previous):
            previous = word
            continue
        previous = word
        stem = _stem_arabic(word) if language == "ar" else _stem_persian(word)
        pieces.append(stem)
        if offsets is None:
            continue
        if stem == word:
            new_offsets.extend(offsets[start:end])
            continue
        at = word.find(stem)
        if at >= 0:  # a prefix or a suffix removed: the stem's own letters
            new_offsets.extend(offsets[start + at : start + at + len(stem)])
        else:  # Snowball also changed a letter: from the start of the word
            new_offsets.extend(offsets[min(start + i, end - 1)] for i in range(len(stem)))
    pieces.append(text[position:])
    if offsets is not None:
        new_offsets.extend(offsets[position:])
    return "".join(pieces), new_offsets


def stem(normalised: str, language: str) -> str:
    """Return normalised text (core.normalize) with its words stemmed for language."""
    return _stemmed(normalised, language, None)[0]


def search_text(text: str, language: str) -> str:
    """Return text as search indexes and matches it in language: normalised, stemmed."""
    return stem(normalize(text, language), language)


def search_text_with_offsets(text: str, language: str) -> tuple[str, list[int]]:
    """Return search_text(text, language) and, per character, its index in text."""
    normalised, offsets = normalize_with_offsets(text, language)
    return _stemmed(normalised, language, offsets)
