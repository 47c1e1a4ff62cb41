"""
An incremental refresh: the lists of changed articles recomputed, and the changed articles
merged into, or out of, the lists of the others.

A change to article X (published, unpublished, edited, re-filed) recomputes X's own lists
against the articles it could be related to (those sharing a topic, a region family or an
author), then merges X into, or out of, the lists of other articles where it now belongs or
no longer does: a list is the exact top of its candidates, so adding or removing one candidate
needs no recomputation of the rest.
"""

import numpy as np
from django.conf import settings
from django.db.models import F

from articles.models import Article, Authorship, RelatedArticle
from taxonomy.models import Region

from . import engine, paths
from .build import FIELDS, compute, queries_for, stored_count
from .catalogue import CHUNK, LANGS, Catalogue, load, pins
from .models import Recommendation
from .store import Names, write

#: How many related articles an incremental refresh considers: the most recent ones. With
#: a dense catalogue (a topic on a third of 100,000 pieces) scoring every related article
#: took 16 s per save; the nightly full rebuild still weighs every piece.
INCREMENTAL_POOL = 3000


def pool(ids: set[int]) -> set[int]:
    """
    The articles that may be related to any of ids (sharing a topic, a region family or
    an author), the most recent INCREMENTAL_POOL of them, plus those that list or are
    pinned by ids and those readers went on to from ids or came to ids from.
    """
    topic_through = Article.topics.through.objects
    region_through = Article.regions.through.objects
    regions = set(region_through.filter(article_id__in=ids).values_list("region_id", flat=True))
    families = regions | set(
        Region.objects.filter(pk__in=regions, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
    )
    members = families | set(
        Region.objects.filter(parent_id__in=families).values_list("id", flat=True)
    )
    topics = topic_through.filter(article_id__in=ids).values("topic_id")
    experts = Authorship.objects.filter(article_id__in=ids).values("expert_id")
    related = (
        topic_through.filter(topic_id__in=topics)
        .order_by()
        .values("article_id")
        .union(
            region_through.filter(region_id__in=members).order_by().values("article_id"),
            Authorship.objects.filter(expert_id__in=experts).order_by().values("article_id"),
        )
    )
    recent = (
        Article.objects.filter(pk__in=related)
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
        .values_list("pk", flat=True)[:INCREMENTAL_POOL]
    )
    pool = set(ids) | set(recent)
    pool.update(
        Recommendation.objects.filter(candidate_id__in=ids).values_list("article_id", flat=True)
    )
    pool.update(
        RelatedArticle.objects.filter(article_id__in=ids).values_list("target_id", flat=True)
    )
    # Readers went on from them, or came to them: related by reading, whatever their terms.
    pool.update(paths.neighbours(ids))
    return pool


def recompute_own(ids: set[int], now) -> Catalogue:
    """Recompute the lists of the articles ids themselves; return the catalogue used."""
    cat = load(pool(ids), now=now)
    Recommendation.objects.filter(article_id__in=ids).delete()
    present = [i for i in ids if i in set(cat.ids.tolist())]
    names = Names()
    for language, _chunk, rows in compute(
        cat, queries_for(cat, cat.positions(present)), pins(cat, only=ids)
    ):
        write(cat, language, rows, names, now)
    return cat


def merge(cat: Catalogue, ids: set[int], now, rewritten: set[int]) -> set[int]:
    """
    Merge ids into or out of other articles' lists, adding the articles whose lists it
    rewrote to rewritten; return articles to recompute fully.
    """
    k = stored_count()
    known = set(cat.ids.tolist())
    xs = cat.positions(sorted(ids & known))
    refill = set(
        RelatedArticle.objects.filter(target_id__in=ids).values_list("article_id", flat=True)
    )
    names = Names()
    for language in LANGS:
        holders = set(
            Recommendation.objects.filter(
                language=language, candidate_id__in=ids, is_pinned=False
            ).values_list("article_id", flat=True)
        )
        new, near, moved = _entries(cat, language, xs, exclude=ids | refill)
        # A list held ids, or ids are now among the article's closest pieces: its
        # neighbourhood moved, and with it every score of the list; recompute it whole.
        refill |= (holders | moved) - ids
        affected = _beats_cutoff(language, new, k) - refill - ids
        rewritten |= affected
        refill |= _rewrite(cat, language, sorted(affected), ids, (new, near), k, names, now)
    return refill


def _around(cat: Catalogue, language: str, queries: np.ndarray, xs: np.ndarray):
    """
    (the neighbourhoods of queries (engine.around) among the pieces public in language,
    the ids of the queries with one of xs among their closest pieces).
    """
    everyone = engine.Candidates.prepare(cat, np.nonzero(cat.eligible(language))[0], language)
    parts = [np.zeros((0, cat.features.shape[1]), dtype=np.float32)]
    near_xs: set[int] = set()
    for start in range(0, len(queries), engine.BLOCK):
        block_q = queries[start : start + engine.BLOCK]
        block = engine.scores(cat, block_q, everyone, language)
        rows, positions = engine.nearest(block, everyone)
        near_xs.update(cat.ids[block_q[rows[np.isin(positions, xs)]]].tolist())
        parts.append(engine.around(cat, block, everyone))
    return np.concatenate(parts), near_xs


def _entries(cat: Catalogue, language: str, xs: np.ndarray, exclude: set[int]):
    """
    ({article id: [(is_fallback, score, x position, shown language)]} where x qualifies,
    {article id: its neighbourhood}, ids of the articles with one of xs among its closest).
    """
    others = np.array([i not in exclude for i in cat.ids.tolist()], dtype=bool)
    queries = np.nonzero(cat.eligible(language) & others)[0]
    result: dict[int, list] = {}
    if not len(xs) or not len(queries):
        return result, {}, set()
    near, moved = _around(cat, language, queries, xs)
    groups = [(language, xs[cat.eligible(language)[xs]], queries)]
    for source in LANGS:
        if source != language:
            unpublished = xs[~cat.published_in[language][xs] & cat.eligible(source)[xs]]
            from_source = queries[np.array([cat.source[q] == source for q in queries], bool)]
            groups.append((source, unpublished, from_source))
    for shown, cands, qs in groups:
        if not len(cands) or not len(qs):
            continue
        prepared = engine.Candidates.prepare(cat, cands, shown)
        for start in range(0, len(qs), engine.BLOCK):
            block_q = qs[start : start + engine.BLOCK]
            block = engine.scores(cat, block_q, prepared, shown)
            engine.expand(block, near[np.searchsorted(queries, block_q)], prepared)
            for row, col in zip(*np.nonzero(block > engine.EXCLUDED / 2), strict=True):
                entry = (shown != language, float(block[row, col]), int(cands[col]), shown)
                result.setdefault(int(cat.ids[block_q[row]]), []).append(entry)
    at = np.searchsorted(queries, cat.positions(result))
    return result, {a: near[i] for a, i in zip(result, at, strict=True)}, moved


def _beats_cutoff(language: str, new: dict, k: int) -> set[int]:
    """Articles whose list is not full, or whose last stored row ranks below a new entry."""
    cutoffs = {}
    candidates = sorted(new)
    for start in range(0, len(candidates), CHUNK):
        cutoffs.update(
            (a, (shown != language, -score))
            for a, shown, score in Recommendation.objects.filter(
                language=language,
                is_pinned=False,
                rank=k - 1,
                article_id__in=candidates[start : start + CHUNK],
            ).values_list("article_id", "candidate_language", "score")
        )
    return {
        a
        for a, entries in new.items()
        if a not in cutoffs or any((fb, -s) < cutoffs[a] for fb, s, _x, _l in entries)
    }


def _rewrite(cat, language, affected, ids, entries, k, names, now) -> set[int]:
    """
    Rewrite the scored lists of affected articles with ids merged in (entries: what
    _entries returned); return short ones.
    """
    if not affected:
        return set()
    new, near = entries
    kept: dict[int, list] = {a: [] for a in affected}
    before: dict[int, list] = {a: [] for a in affected}
    for start in range(0, len(affected), CHUNK):
        rows = Recommendation.objects.filter(
            language=language, is_pinned=False, article_id__in=affected[start : start + CHUNK]
        ).order_by("rank")
        for row in rows:
            before[row.article_id].append((row.candidate_id, round(row.score, 4)))
            if row.candidate_id not in ids:
                kept[row.article_id].append(row)
    pairs = [(a, x, shown) for a in affected for _fb, _s, x, shown in new.get(a, [])]
    added: dict[int, list] = {}
    if pairs:
        a_pos = cat.positions([a for a, _x, _l in pairs])
        parts = engine.components(
            cat,
            a_pos,
            np.array([x for _a, x, _l in pairs]),
            [s for _a, _x, s in pairs],
            np.array([near[a] for a, _x, _l in pairs]),
        )
        for i, (a, x, shown) in enumerate(pairs):
            values = {f: parts[f][i].item() for f in FIELDS}
            added.setdefault(a, []).append(
                Recommendation(
                    article_id=a,
                    language=language,
                    candidate_id=int(cat.ids[x]),
                    candidate_translation_id=int(cat.translation_ids[shown][x]),
                    candidate_language=shown,
                    type_name=names.type_name(int(cat.type_ids[x]), shown),
                    authors=names.authors(cat.authors[x], shown),
                    computed_at=now,
                    **values,
                )
            )
    short, objects, changed = set(), [], []
    for a in affected:
        merged = sorted(
            kept[a] + added.get(a, []),
            key=lambda r: (r.candidate_language != language, -r.score, r.candidate_id),
        )[:k]
        if [(r.candidate_id, round(r.score, 4)) for r in merged] == before[a]:
            continue  # nothing moved: leave the stored list alone
        changed.append(a)
        for rank, row in enumerate(merged):
            row.pk, row.rank = None, rank
            objects.append(row)
        if len(merged) <= settings.RECOMMENDATIONS_COUNT:
            short.add(a)
    for start in range(0, len(changed), CHUNK):
        Recommendation.objects.filter(
            language=language, is_pinned=False, article_id__in=changed[start : start + CHUNK]
        ).delete()
    Recommendation.objects.bulk_create(objects, batch_size=1000)
    return short
