"""
Scoring in bulk: blocks of articles against every candidate, with numpy and scipy.

The score of candidate c for article a is  Σ shared terms (weighted) + same type + recency(c)
+ text cosine + readers who went on from a to c, then + the terms c shares with a's closest
pieces (its neighbourhood); see weights.py. A block of queries is scored against all
candidates with two matrix products (terms, text) and the paths added, the neighbourhood
taken from that block and added with a third product, then the best k per row are kept.
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import weights
from .catalogue import AUTHOR, REGION, TOPIC, Catalogue

BLOCK = 1000
# Pairs that share no term get this far below any real score, so they never rank.
EXCLUDED = np.float32(-1e4)
DENSE_COLUMNS = 1024


@dataclass
class Candidates:
    """The candidates of one scoring pass, prepared once for all its blocks."""

    positions: np.ndarray
    features_t: object  # columns × candidates, dense or sparse
    types_t: np.ndarray  # one-hot type × candidates, scaled by SAME_TYPE
    recency: np.ndarray
    text_t: sp.csr_matrix
    paths: sp.csr_matrix  # every article × candidates: the share of readers who went on

    def buffers(self, shape):
        """Return two float32 arrays of shape, reused from one block to the next."""
        cached = getattr(self, "_buffers", None)
        if cached is None or cached[0].shape[0] < shape[0]:
            cached = tuple(np.empty(shape, np.float32) for _ in "ab")
            self._buffers = cached
        return cached[0][: shape[0]], cached[1][: shape[0]]

    @classmethod
    def prepare(cls, cat: Catalogue, positions: np.ndarray, language: str):
        features = cat.features[positions]
        dense = cat.features.shape[1] <= DENSE_COLUMNS
        features_t = np.ascontiguousarray(features.T.toarray()) if dense else features.T.tocsr()
        return cls(
            positions=positions,
            features_t=features_t,
            types_t=np.ascontiguousarray(_types(cat, positions).T) * weights.SAME_TYPE,
            recency=cat.recency_points()[positions],
            text_t=cat.texts[language][positions].T.tocsr(),
            paths=cat.paths[:, positions].tocsr(),
        )


def _types(cat: Catalogue, positions) -> np.ndarray:
    kinds, index = np.unique(cat.type_ids, return_inverse=True)
    onehot = np.zeros((len(positions), len(kinds)), dtype=np.float32)
    onehot[np.arange(len(positions)), index[positions]] = 1
    return onehot


def scores(cat: Catalogue, queries: np.ndarray, cands: Candidates, language: str) -> np.ndarray:
    """Return the dense score block queries × candidates; EXCLUDED where nothing is shared."""
    q = cat.features[queries].multiply(cat.column_weights).tocsr()
    # Blocks are large (1000 × the catalogue): reuse two buffers instead of allocating
    # a new array for every step.
    shape = (len(queries), len(cands.positions))
    block, extra = cands.buffers(shape)
    if isinstance(cands.features_t, np.ndarray):
        np.matmul(q.toarray(), cands.features_t, out=block)
    else:
        block[...] = (q @ cands.features_t).toarray()
    np.copyto(block, EXCLUDED, where=block <= 0)
    # Readers went on to it: that makes a piece related too.
    went = cands.paths[queries]
    if went.nnz:
        rows = np.repeat(np.arange(len(queries)), np.diff(went.indptr))
        block[rows, went.indices] = (
            np.maximum(block[rows, went.indices], 0) + weights.PATHS * went.data
        )
    np.matmul(_types(cat, queries), cands.types_t, out=extra)
    block += extra
    block += cands.recency
    text = cat.texts[language][queries] @ cands.text_t
    rows = np.repeat(np.arange(len(queries)), np.diff(text.indptr))
    block[rows, text.indices] += weights.TEXT * text.data
    # Never the article itself.
    if not len(cands.positions):
        return block
    cols = np.minimum(np.searchsorted(cands.positions, queries), len(cands.positions) - 1)
    rows = np.nonzero(cands.positions[cols] == queries)[0]
    block[rows, cols[rows]] = EXCLUDED * 2
    return block


def nearest(block: np.ndarray, cands: Candidates) -> tuple[np.ndarray, np.ndarray]:
    """(rows, catalogue positions) of each row's weights.NEIGHBOURS best qualifying candidates."""
    n, m = block.shape[0], min(weights.NEIGHBOURS, block.shape[1])
    if not n or not m or not weights.NEIGHBOURHOOD:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    best = np.argpartition(block, -m, axis=1)[:, -m:]
    good = (np.take_along_axis(block, best, axis=1) > EXCLUDED / 2).ravel()
    return np.repeat(np.arange(n), m)[good], cands.positions[best.ravel()[good]]


def around(cat: Catalogue, block: np.ndarray, cands: Candidates) -> np.ndarray:
    """
    Return, per row of a scored block, the mean weighted terms of its nearest() candidates
    (queries × term columns): what the article's closest pieces share.
    """
    n = block.shape[0]
    rows, positions = nearest(block, cands)
    if not len(rows):
        return np.zeros((n, cat.features.shape[1]), dtype=np.float32)
    share = (1.0 / np.bincount(rows, minlength=n)[rows]).astype(np.float32)
    mean = sp.csr_matrix((share, (rows, positions)), shape=(n, len(cat)))
    # Topics and regions only: authors are the byline's, and a prolific author's pieces,
    # alike in that alone, would otherwise push each other up.
    places = np.where(cat.kinds == AUTHOR, 0, cat.column_weights).astype(np.float32)
    weighted = cat.features.multiply(places).tocsr()
    return np.asarray((mean @ weighted).toarray(), dtype=np.float32)


def expand(block: np.ndarray, near: np.ndarray, cands: Candidates) -> None:
    """Add NEIGHBOURHOOD × the terms each candidate shares with the rows' neighbourhoods."""
    if not weights.NEIGHBOURHOOD or not block.size:
        return
    _unused, extra = cands.buffers(block.shape)
    if isinstance(cands.features_t, np.ndarray):
        np.matmul(near, cands.features_t, out=extra)
    else:
        extra[...] = (sp.csr_matrix(near) @ cands.features_t).toarray()
    extra *= np.float32(weights.NEIGHBOURHOOD)
    # Only related pieces: the neighbourhood ranks them, it does not make a piece related.
    np.add(block, extra, out=block, where=block > EXCLUDED / 2)


def neighbourhood_points(cat: Catalogue, near: np.ndarray, c: np.ndarray) -> np.ndarray:
    """NEIGHBOURHOOD × the terms candidate c[i] shares with neighbourhood near[i]."""
    if not len(c):
        return np.zeros(0, dtype=np.float32)
    shared = cat.features[c].multiply(near).sum(axis=1)
    return (np.float32(weights.NEIGHBOURHOOD) * np.asarray(shared).ravel()).astype(np.float32)


def top(block: np.ndarray, k: int):
    """Return (rows, columns, values) of the best k qualifying entries per row, best first."""
    if block.size == 0 or k <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    if block.shape[1] > 4 * k:
        # The k-th best of a sample is a lower bound of the k-th best of the row.
        sample = block[:, : max(k, min(block.shape[1], 4096))]
        threshold = np.maximum(np.partition(sample, -k, axis=1)[:, -k], EXCLUDED / 2)
        rows, cols = np.nonzero(block >= threshold[:, None])
    else:
        rows, cols = np.nonzero(np.ones(block.shape, dtype=bool))
    values = block[rows, cols]
    order = np.lexsort((cols, -values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    start = np.searchsorted(rows, np.arange(block.shape[0]))
    keep = (np.arange(len(rows)) - start[rows] < k) & (values > EXCLUDED / 2)
    return rows[keep], cols[keep], values[keep]


def components(cat: Catalogue, a: np.ndarray, c: np.ndarray, languages, near=None) -> dict:
    """
    Return each score component, and the counts behind it, for the pairs (a[i], c[i]);
    near[i] is a[i]'s neighbourhood (around()), none if None.
    """
    shared = cat.features[a].multiply(cat.features[c]).tocsr()
    by_kind = np.zeros((len(cat.kinds), 3), dtype=np.float32)
    by_kind[np.arange(len(cat.kinds)), cat.kinds] = 1
    points = np.asarray(shared.multiply(cat.column_weights) @ by_kind)
    counts = np.asarray((shared > 0).astype(np.float32) @ by_kind).astype(np.int64)
    text = np.zeros(len(a), dtype=np.float32)
    languages = np.broadcast_to(np.asarray(languages, dtype=object), (len(a),))
    for language in set(languages):
        sel = np.nonzero(languages == language)[0]
        matrix = cat.texts[language]
        text[sel] = np.asarray(matrix[a[sel]].multiply(matrix[c[sel]]).sum(axis=1)).ravel()
    age = np.maximum(cat.now - np.nan_to_num(cat.published[c], nan=cat.now), 0) / 86400
    parts = {
        "topic_points": points[:, TOPIC],
        "region_points": points[:, REGION],
        "author_points": points[:, AUTHOR],
        "type_points": (cat.type_ids[a] == cat.type_ids[c]) * np.float32(weights.SAME_TYPE),
        "recency_points": cat.recency_points()[c],
        "text_points": weights.TEXT * text,
        "path_points": weights.PATHS * _pairs(cat.paths, a, c).astype(np.float32),
        "neighbourhood_points": (
            np.zeros(len(a), dtype=np.float32)
            if near is None
            else neighbourhood_points(cat, near, c)
        ),
    }
    parts["score"] = sum(parts.values())
    parts["went_on"] = _pairs(cat.path_counts, a, c).astype(np.int64)
    parts["shared_topics"] = counts[:, TOPIC]
    parts["shared_regions"] = counts[:, REGION]
    parts["shared_authors"] = counts[:, AUTHOR]
    parts["age_days"] = age.astype(np.int64)
    return parts


def _pairs(matrix: sp.csr_matrix, a: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The entries (a[i], c[i]) of a sparse matrix."""
    if not len(a) or not matrix.nnz:
        return np.zeros(len(a))
    return np.asarray(matrix[a, c]).ravel()
