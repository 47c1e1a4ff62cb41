"""
Tune the recommendation weights on a training corpus of story clusters (demo.evaluation),
so that they can be measured on clusters they never saw.

The weights are tried in memory: the catalogue is loaded once per trial (term weights are
part of it) and scored by the engine itself (recommendations.engine), the block's choice
(pins aside, the same author diversity as recommendations.selectors.pick) emulated in
Python, without writing a list. A coordinate search moves one weight at a time over a grid
of factors and keeps what raises the mean precision@k over the languages.
"""

import contextlib
import random
from dataclasses import dataclass

import numpy as np

from recommendations import engine, weights
from recommendations.catalogue import LANGS, load

#: The weights tuned, and the values each may take.
GRID = {
    "TOPIC": (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0),
    "REGION": (0.25, 0.5, 0.8, 1.2, 1.6, 2.4),
    "PARENT_REGION": (0.0, 0.25, 0.5, 0.75),
    "AUTHOR": (0.5, 1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0),
    "SAME_TYPE": (0.0, 0.25, 0.5),
    "RECENCY": (0.0, 0.5, 1.0, 1.5),
    "TEXT": (1.0, 2.0, 3.0, 4.5, 6.0, 7.0, 8.0, 10.0, 12.0),
    "TEXT_MAX_SHARE": (0.03, 0.05, 0.1, 0.2),
    "DIVERSITY": (0.0, 0.25, 0.5, 1.0),
    "NEIGHBOURS": (3, 5, 8, 12),
    "NEIGHBOURHOOD": (0.0, 0.5, 1.0, 1.5, 2.0, 3.0),
}
#: Kept within these whatever the corpus says: the evaluation's clusters have no notion of
#: content type or age, and a cluster's pieces share its few authors, so a search would drop
#: type, recency and author diversity, which readers of a real site would miss; and they are
#: filed under countries only, never a region, so it would drop a country's region too.
FLOORS = {"SAME_TYPE": 0.25, "RECENCY": 0.5, "DIVERSITY": 0.5, "PARENT_REGION": 0.25}


@contextlib.contextmanager
def weighted(values: dict):
    """Set the weights (module attributes of recommendations.weights) for a while."""
    before = {name: getattr(weights, name) for name in values}
    for name, value in values.items():
        setattr(weights, name, value)
    try:
        yield
    finally:
        for name, value in before.items():
            setattr(weights, name, value)


def current() -> dict:
    return {name: getattr(weights, name) for name in GRID}


def precision(cluster_of: dict[int, int], k: int, values: dict | None = None) -> dict:
    """{language: precision@k} of the engine with the weights values, in memory."""
    with weighted(values or {}):
        cat = load()
        result = {}
        for lang in LANGS:
            queries = np.nonzero(cat.eligible(lang))[0]
            cands = engine.Candidates.prepare(cat, queries, lang)
            clusters = np.array([cluster_of[int(i)] for i in cat.ids])
            total = 0.0
            for start in range(0, len(queries), engine.BLOCK):
                chunk = queries[start : start + engine.BLOCK]
                block = engine.scores(cat, chunk, cands, lang)
                engine.expand(block, engine.around(cat, block, cands), cands)
                rows, cols, values_ = engine.top(block, k + weights.OVERFETCH)
                for row in range(len(chunk)):
                    mine = rows == row
                    chosen = _pick(cat, cands.positions[cols[mine]], values_[mine], k)
                    total += sum(clusters[c] == clusters[chunk[row]] for c in chosen) / k
            result[lang] = total / max(1, len(queries))
        return result


def _pick(cat, positions, scores, k: int) -> list[int]:
    """The block's choice among scored candidates (recommendations.selectors.pick)."""
    chosen: list[int] = []
    pool = list(zip(positions.tolist(), scores.tolist(), strict=True))
    while len(chosen) < k and pool:

        def effective(item):
            overlap = sum(1 for c in chosen if set(cat.authors[c]) & set(cat.authors[item[0]]))
            return item[1] - weights.DIVERSITY * overlap

        best = max(pool, key=effective)
        chosen.append(best[0])
        pool.remove(best)
    return chosen


@dataclass
class Trial:
    values: dict
    scores: dict

    @property
    def mean(self) -> float:
        return sum(self.scores.values()) / len(self.scores)


def tune(cluster_of: dict[int, int], k: int, rounds: int = 3, log=print) -> Trial:
    """Coordinate search from the current weights; return the best trial on this corpus."""
    best = Trial(current(), precision(cluster_of, k))
    log(f"start {best.mean:.3f} {best.values}")
    for _round in range(rounds):
        moved = False
        for name, grid in GRID.items():
            for value in grid:
                if value == best.values[name] or value < FLOORS.get(name, -1):
                    continue
                values = {**best.values, name: value}
                trial = Trial(values, precision(cluster_of, k, values))
                if trial.mean > best.mean + 1e-4:
                    best, moved = trial, True
                    log(f"{name}={value}: {best.mean:.3f}")
        if not moved:
            break
    return best


#: The weights a joint search moves together, and the other weights' fixed points.
JOINT = ("TOPIC", "REGION", "PARENT_REGION", "AUTHOR", "TEXT")


def refine(cluster_of, k: int, start: "Trial", trials: int = 60, seed: int = 3, log=print):
    """Move the JOINT weights together at random around the best so far; keep what wins."""
    rng = random.Random(seed)
    best = start
    for _ in range(trials):
        values = dict(best.values)
        for name in JOINT:
            moved = round(values[name] * rng.lognormvariate(0, 0.2), 3)
            values[name] = max(moved, FLOORS.get(name, moved))
        trial = Trial(values, precision(cluster_of, k, values))
        if trial.mean > best.mean + 1e-4:
            best = trial
            log(f"joint: {best.mean:.3f} {values}")
    return best


def clear() -> None:
    """Delete what demo.evaluation.generate made, so that another corpus can be generated."""
    from articles.models import Article
    from experts.models import Expert
    from taxonomy.models import ArticleType, Region, Topic

    Article.objects.all().delete()
    Expert.objects.all().delete()
    Region.objects.filter(parent__isnull=False).delete()
    for model in (Region, Topic, ArticleType):
        model.objects.all().delete()
