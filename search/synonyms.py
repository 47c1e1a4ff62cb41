"""
Synonym sets at query time: a clause that is one spelling of a set matches any of them.

The sets are read when searching (one small query), so an editor's change applies to
the next search with no reindexing; the search pages in the page cache go stale through
the "content changed" event (thinktank.invalidation: the `search-<lang>` tags). Each
spelling is analysed as the query is (core.analysis), in the language of the search, so
حزب‌الله and حزب الله are one key, and an English spelling matches in Arabic search.
"""

from functools import lru_cache

from core.analysis import search_text

from .models import SynonymSet
from .query import Clause, ParsedQuery

#: The longest run of typed words looked up as one spelling.
MAX_WORDS = 6


@lru_cache(maxsize=32)
def _index(language: str, sets: tuple[tuple[str, ...], ...]) -> dict[str, tuple[str, ...]]:
    """Return {analysed spelling: every analysed spelling of its sets}."""
    index: dict[str, list[str]] = {}
    for spellings in sets:
        keys = []
        for spelling in spellings:
            key = " ".join(search_text(spelling, language).split())
            if key and key not in keys:
                keys.append(key)
        for key in keys:
            known = index.setdefault(key, [])
            known += [k for k in keys if k not in known]
    return {key: tuple(values) for key, values in index.items()}


def synonym_index(language: str) -> dict[str, tuple[str, ...]]:
    """Return the synonym index of language, as the sets are now."""
    sets = tuple(tuple(synonym_set.spellings) for synonym_set in SynonymSet.objects.order_by("pk"))
    return _index(language, sets) if sets else {}


def expand(query: ParsedQuery, language: str, index=None) -> ParsedQuery:
    """
    Return query with each run of clauses that spells a synonym set as one clause that
    matches any spelling (longest run first, words of the same sign only).
    """
    if not query:
        return query
    index = synonym_index(language) if index is None else index
    if not index:
        return query
    clauses, out, i = query.clauses, [], 0
    while i < len(clauses):
        for size in range(min(MAX_WORDS, len(clauses) - i), 0, -1):
            run = clauses[i : i + size]
            if size > 1 and any(c.negated != run[0].negated or " " in c.text for c in run):
                continue
            key = " ".join(c.text for c in run)
            if key in index:
                others = tuple(k for k in index[key] if k != key)
                out.append(
                    Clause(key, negated=run[0].negated, prefix=run[-1].prefix and size == 1,
                           alternatives=others)
                )  # fmt: skip
                i += size
                break
        else:
            out.append(clauses[i])
            i += 1
    return ParsedQuery(tuple(out))
