"""Turn engine scores into stored lists: pins first, then in-language, then fallback."""

from collections.abc import Iterator

import numpy as np
from django.conf import settings

from . import engine, weights
from .catalogue import LANGS, Catalogue

FIELDS = [
    "score",
    "topic_points",
    "region_points",
    "author_points",
    "type_points",
    "recency_points",
    "text_points",
    "path_points",
    "neighbourhood_points",
    "went_on",
    "shared_topics",
    "shared_regions",
    "shared_authors",
    "age_days",
]


def stored_count() -> int:
    """How many scored candidates to keep per article and language."""
    return settings.RECOMMENDATIONS_COUNT + weights.OVERFETCH


class Lister:
    """Compute the lists of one language for blocks of articles, reusing prepared candidates."""

    def __init__(self, cat: Catalogue, language: str, pins: dict[int, list[int]]):
        self.cat, self.language, self.pins = cat, language, pins
        self.k = stored_count()
        self.prepared: dict[str, engine.Candidates] = {}

    def candidates(self, language: str) -> engine.Candidates:
        """In-language candidates, or fallback candidates shown in language."""
        if language not in self.prepared:
            mask = self.cat.eligible(language)
            if language != self.language:
                mask &= ~self.cat.published_in[self.language]
            self.prepared[language] = engine.Candidates.prepare(
                self.cat, np.nonzero(mask)[0], language
            )
        return self.prepared[language]

    def best(self, queries: np.ndarray, language: str, k: int, near=None):
        """The best k of queries in language; near: their neighbourhoods (else from this)."""
        cands = self.candidates(language)
        block = engine.scores(self.cat, queries, cands, language)
        if near is None:
            near = engine.around(self.cat, block, cands)
        engine.expand(block, near, cands)
        for row, q in enumerate(queries):
            for target in self.pins.get(int(q), ()):
                col = np.searchsorted(cands.positions, target)
                if col < len(cands.positions) and cands.positions[col] == target:
                    block[row, col] = engine.EXCLUDED * 2
        rows, cols, _values = engine.top(block, k)
        return queries[rows], cands.positions[cols], near

    def lists(self, queries: np.ndarray) -> dict[str, np.ndarray]:
        """Return the rows (as arrays) of the lists of queries in this language."""
        cat, lang = self.cat, self.language
        # The neighbourhood is the closest pieces in the page's language, for the fallback too.
        a, c, near = self.best(queries, lang, self.k)
        shown = [np.full(len(a), lang, dtype=object)]
        parts_a, parts_c = [a], [c]
        found = np.bincount(np.searchsorted(queries, a), minlength=len(queries))
        sources = np.array([cat.source[q] for q in queries], dtype=object)
        for source in LANGS:
            need = queries[(sources == source) & (found < self.k)]
            if source == lang or not len(need):
                continue
            fa, fc, _near = self.best(need, source, self.k, near[np.searchsorted(queries, need)])
            room = self.k - found[np.searchsorted(queries, fa)]
            start = np.searchsorted(fa, need)
            order = np.arange(len(fa)) - start[np.searchsorted(need, fa)]
            keep = order < room
            parts_a.append(fa[keep])
            parts_c.append(fc[keep])
            shown.append(np.full(keep.sum(), source, dtype=object))
        a, c, shown = np.concatenate(parts_a), np.concatenate(parts_c), np.concatenate(shown)
        # Scored rows: in-language first, then fallback, each best first (already in order).
        fallback = shown != lang
        order = np.lexsort((np.arange(len(a)), fallback, a))
        a, c, shown = a[order], c[order], shown[order]
        start = np.searchsorted(a, a)
        rank = np.arange(len(a)) - start
        pinned = np.zeros(len(a), dtype=bool)
        pin_rows = self.pin_rows(queries)
        if pin_rows:
            pa, pc, ps, pr = (np.array(x) for x in zip(*pin_rows, strict=True))
            a, c = np.concatenate([a, pa]), np.concatenate([c, pc])
            shown = np.concatenate([shown, ps.astype(object)])
            rank = np.concatenate([rank, pr])
            pinned = np.concatenate([pinned, np.ones(len(pa), dtype=bool)])
        result = engine.components(cat, a, c, shown, near[np.searchsorted(queries, a)])
        result.update(article=a, candidate=c, candidate_language=shown, rank=rank)
        result["is_pinned"] = pinned
        return result

    def pin_rows(self, queries):
        """Pinned candidates in pin order, shown in the page's language or the source's."""
        cat, lang = self.cat, self.language
        rows = []
        for q in queries:
            rank = 0
            for target in self.pins.get(int(q), ()):
                if cat.eligible(lang)[target]:
                    shown = lang
                elif cat.source[q] != lang and cat.eligible(cat.source[q])[target]:
                    shown = cat.source[q]
                else:
                    continue
                rows.append((q, target, shown, rank))
                rank += 1
        return rows


def compute(
    cat: Catalogue, queries_by_language: dict[str, np.ndarray], pins, block=engine.BLOCK
) -> Iterator[tuple[str, np.ndarray, dict]]:
    """Yield (language, query positions, rows) for blocks of the queries of each language."""
    for language, queries in queries_by_language.items():
        lister = Lister(cat, language, pins)
        for start in range(0, len(queries), block):
            chunk = queries[start : start + block]
            yield language, chunk, lister.lists(chunk)


def queries_for(cat: Catalogue, positions=None) -> dict[str, np.ndarray]:
    """The articles (positions) that need a list in each language: those public there."""
    result = {}
    for language in LANGS:
        mask = cat.eligible(language)
        if positions is not None:
            only = np.zeros(len(cat), dtype=bool)
            only[positions] = True
            mask &= only
        result[language] = np.nonzero(mask)[0]
    return result
