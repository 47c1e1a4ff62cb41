"""
"Readers went on to": the same-site reading paths (readership.DailyPath) as a matrix of
the catalogue, from the article read before to the article read next.
"""

import numpy as np
import scipy.sparse as sp
from django.db.models import Sum

from readership.models import DailyPath

from . import weights

CHUNK = 5000
#: How many pieces readers went on to (or came from) an incremental refresh considers.
NEIGHBOURS = 1000


def _totals(queryset, group: str):
    return queryset.order_by().values_list(group, "to_article_id").annotate(n=Sum("count"))


def counts(ids=None) -> dict[tuple[int, int], int]:
    """{(from article id, to article id): readers}, summed over languages and days kept."""
    rows = DailyPath.objects.all()
    if ids is None:
        return {(a, b): n for a, b, n in _totals(rows, "from_article_id")}
    ids = sorted(ids)
    found = {}
    for start in range(0, len(ids), CHUNK):
        chunk = rows.filter(from_article_id__in=ids[start : start + CHUNK])
        found.update({(a, b): n for a, b, n in _totals(chunk, "from_article_id")})
    return found


def outgoing(ids) -> dict[int, int]:
    """{article id: readers who went on from it to any piece}."""
    ids = sorted(ids)
    found = {}
    for start in range(0, len(ids), CHUNK):
        rows = DailyPath.objects.filter(from_article_id__in=ids[start : start + CHUNK])
        found.update(
            rows.order_by()
            .values_list("from_article_id")
            .annotate(n=Sum("count"))
            .values_list("from_article_id", "n")
        )
    return found


def neighbours(ids, limit: int = NEIGHBOURS) -> set[int]:
    """
    The articles readers went on to from ids, or came to ids from: the limit most travelled
    each way (a much-read piece may have thousands).
    """
    ids = sorted(ids)
    found = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for near, far in (
            ("from_article_id", "to_article_id"),
            ("to_article_id", "from_article_id"),
        ):
            rows = (
                DailyPath.objects.filter(**{f"{near}__in": chunk})
                .order_by()
                .values(far)
                .annotate(n=Sum("count"))
                .order_by("-n", far)
                .values_list(far, flat=True)[:limit]
            )
            found.update(rows)
    return found


def load(cat, ids=None) -> None:
    """Set cat.path_counts (readers, n × n) and cat.paths (the share, see weights.PATHS)."""
    n = len(cat)
    pairs = counts(ids)
    position = {int(a): p for p, a in enumerate(cat.ids)}
    # N counts every piece readers went on to, in the catalogue loaded or not.
    totals = outgoing({a for a, _b in pairs}) if ids is not None else {}
    if ids is None:
        for (a, _b), k in pairs.items():
            totals[a] = totals.get(a, 0) + k
    kept = [
        (position[a], position[b], k)
        for (a, b), k in pairs.items()
        if a in position and b in position
    ]
    rows = np.array([a for a, _b, _k in kept], dtype=np.int64)
    cols = np.array([b for _a, b, _k in kept], dtype=np.int64)
    values = np.array([k for _a, _b, k in kept], dtype=np.float64)
    cat.path_counts = sp.csr_matrix((values, (rows, cols)), shape=(n, n))
    denominators = np.array(
        [totals[int(cat.ids[a])] + weights.PATH_SMOOTHING for a in rows], dtype=np.float64
    )
    share = values / denominators if len(values) else values
    cat.paths = sp.csr_matrix((share.astype(np.float32), (rows, cols)), shape=(n, n))


def empty(n: int) -> sp.csr_matrix:
    return sp.csr_matrix((n, n), dtype=np.float32)
