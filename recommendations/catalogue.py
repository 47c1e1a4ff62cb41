"""
The catalogue in arrays: what the engine needs about every article, loaded in bulk.

Positions 0..n-1 index the articles (sorted by id). Topics, regions and authors are the
columns of one sparse feature matrix; each language has a TF-IDF matrix of title and summary;
the reading paths are an n × n matrix (recommendations.paths).
"""

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from django.db.models import Count
from django.utils import timezone

from articles.models import Article, ArticleTranslation, Authorship, RelatedArticle, State
from core import i18n
from taxonomy.models import Region

from . import paths, text, weights
from .models import TextStatistic

LANGS = i18n.language_codes()
TOPIC, REGION, AUTHOR = 0, 1, 2
CHUNK = 5000


def idf(n: int, df: int) -> float:
    return 1.0 + math.log((n + 1) / (df + 1))


@dataclass
class Catalogue:
    ids: np.ndarray
    type_ids: np.ndarray
    published: np.ndarray  # seconds since the epoch; NaN when unset
    withdrawn: np.ndarray
    source: list[str]
    features: sp.csr_matrix  # n × columns: topics, regions, authors
    kinds: np.ndarray  # per column: TOPIC, REGION or AUTHOR
    column_weights: np.ndarray
    authors: list[list[int]]  # expert ids in byline order
    published_in: dict[str, np.ndarray] = field(default_factory=dict)
    translation_ids: dict[str, np.ndarray] = field(default_factory=dict)
    texts: dict[str, sp.csr_matrix] = field(default_factory=dict)
    document_frequency: dict[str, Counter] = field(default_factory=dict)
    now: float = 0.0
    #: Reading paths, article read before × article read next (recommendations.paths):
    #: the readers who went on, and their share as weights.PATHS takes it.
    path_counts: sp.csr_matrix | None = None
    paths: sp.csr_matrix | None = None

    def __len__(self):
        return len(self.ids)

    def positions(self, ids) -> np.ndarray:
        """Return the positions of article ids (which must be in the catalogue)."""
        return np.searchsorted(self.ids, np.asarray(list(ids), dtype=np.int64))

    def eligible(self, language: str) -> np.ndarray:
        """Articles that may be recommended in language now or once their time comes."""
        return self.published_in[language] & ~self.withdrawn & ~np.isnan(self.published)

    def recency_points(self) -> np.ndarray:
        age = np.maximum(self.now - np.nan_to_num(self.published, nan=self.now), 0) / 86400
        return (weights.RECENCY * (np.exp2(-age / weights.HALF_LIFE_DAYS) - 1)).astype(np.float32)


def _rows(queryset, ids, *fields):
    """values_list rows of queryset, for the articles in ids (None: all), in chunks."""
    if ids is None:
        yield from queryset.values_list(*fields).iterator(chunk_size=CHUNK)
        return
    ids = sorted(ids)
    lookup = "pk__in" if queryset.model is Article else f"{fields[0]}__in"
    for start in range(0, len(ids), CHUNK):
        yield from queryset.filter(**{lookup: ids[start : start + CHUNK]}).values_list(*fields)


def load(ids=None, *, now=None) -> Catalogue:
    """Load the articles in ids (None: every article) with global term statistics."""
    now = now or timezone.now()
    articles = list(
        _rows(
            Article.objects.order_by(),
            ids,
            "id",
            "article_type_id",
            "published_at",
            "is_withdrawn",
            "source_language",
        )
    )
    articles.sort()
    n = len(articles)
    cat = Catalogue(
        ids=np.array([a[0] for a in articles], dtype=np.int64),
        type_ids=np.array([a[1] for a in articles], dtype=np.int64),
        published=np.array(
            [a[2].timestamp() if a[2] else np.nan for a in articles], dtype=np.float64
        ),
        withdrawn=np.array([a[3] for a in articles], dtype=bool),
        source=[a[4] for a in articles],
        features=sp.csr_matrix((n, 0), dtype=np.float32),
        kinds=np.zeros(0, dtype=np.int8),
        column_weights=np.zeros(0, dtype=np.float32),
        authors=[[] for _ in range(n)],
        now=now.timestamp(),
    )
    _load_features(cat, ids)
    _load_texts(cat, ids, full=ids is None)
    paths.load(cat, ids)
    return cat


def pins(cat: Catalogue, only=None) -> dict[int, list[int]]:
    """{article position: [pinned target positions in order]} for articles in the catalogue."""
    pins = RelatedArticle.objects.order_by("article_id", "position", "id")
    if only is not None:
        pins = pins.filter(article_id__in=only)
    known = set(cat.ids.tolist())
    result: dict[int, list[int]] = {}
    for article_id, target_id in pins.values_list("article_id", "target_id"):
        if article_id in known and target_id in known:
            a, t = cat.positions([article_id, target_id])
            result.setdefault(int(a), []).append(int(t))
    return result


def _load_features(cat: Catalogue, ids) -> None:
    total = Article.objects.count()
    topic_through = Article.topics.through.objects.order_by()
    region_through = Article.regions.through.objects.order_by()
    topic_df = dict(topic_through.values_list("topic_id").annotate(n=Count("id")))
    region_df = dict(region_through.values_list("region_id").annotate(n=Count("id")))
    parents = dict(Region.objects.values_list("id", "parent_id"))
    columns: dict[tuple[int, int], int] = {}
    column_weights: list[float] = []
    kinds: list[int] = []

    def column(kind, key, weight):
        if (kind, key) not in columns:
            columns[kind, key] = len(kinds)
            kinds.append(kind)
            column_weights.append(weight)
        return columns[kind, key]

    rows, cols, values = [], [], []

    def add(article_id, col, value):
        rows.append(article_id)
        cols.append(col)
        values.append(value)

    for article_id, topic_id in _rows(topic_through, ids, "article_id", "topic_id"):
        add(article_id, column(TOPIC, topic_id, weights.TOPIC * idf(total, topic_df[topic_id])), 1)
    explicit: dict[int, set[int]] = {}
    for article_id, region_id in _rows(region_through, ids, "article_id", "region_id"):
        explicit.setdefault(article_id, set()).add(region_id)
    for article_id, regions in explicit.items():
        implied = {parents[r] for r in regions if parents[r]} - regions
        for region_id in regions | implied:
            w = weights.REGION * idf(total, region_df.get(region_id, 0))
            add(article_id, column(REGION, region_id, w), 1 if region_id in regions else -1)
    position = {int(a): p for p, a in enumerate(cat.ids)}
    for article_id, expert_id in _rows(
        Authorship.objects.order_by("article_id", "position", "id"),
        ids,
        "article_id",
        "expert_id",
    ):
        cat.authors[position[article_id]].append(expert_id)
        add(article_id, column(AUTHOR, expert_id, weights.AUTHOR), 1)
    values = np.array(values, dtype=np.float32)
    values[values < 0] = weights.PARENT_REGION
    cat.features = sp.csr_matrix(
        (values, ([position[a] for a in rows], cols)), shape=(len(cat), len(kinds))
    )
    cat.kinds = np.array(kinds, dtype=np.int8)
    cat.column_weights = np.array(column_weights, dtype=np.float32)


def _load_texts(cat: Catalogue, ids, *, full: bool) -> None:
    n = len(cat)
    position = {int(a): p for p, a in enumerate(cat.ids)}
    docs: dict[str, list[tuple[int, list[str]]]] = {lang: [] for lang in LANGS}
    for lang in LANGS:
        cat.published_in[lang] = np.zeros(n, dtype=bool)
        cat.translation_ids[lang] = np.zeros(n, dtype=np.int64)
    translations = ArticleTranslation.objects.filter(state=State.PUBLISHED).order_by()
    for master_id, lang, pk, title, summary in _rows(
        translations, ids, "master_id", "language_code", "id", "title", "summary"
    ):
        p = position[master_id]
        cat.published_in[lang][p] = True
        cat.translation_ids[lang][p] = pk
        docs[lang].append((p, text.words(f"{title} {summary}", lang)))
    for lang in LANGS:
        if full:
            df = Counter(w for _p, ws in docs[lang] for w in set(ws))
        else:
            df = Counter(
                dict(TextStatistic.objects.filter(language=lang).values_list("word", "documents"))
            )
        cat.document_frequency[lang] = df
        total = translations.filter(language_code=lang).count() if not full else len(docs[lang])
        cat.texts[lang] = _tfidf(docs[lang], df, total, n)


def _tfidf(docs, df: Counter, total: int, n: int) -> sp.csr_matrix:
    """Rows of L2-normalised TF-IDF; words on one document or too many are left out."""
    most = max(2, weights.TEXT_MAX_SHARE * total)
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for p, ws in docs:
        counts = Counter(w for w in ws if 2 <= df.get(w, 1) <= most)
        if not counts:
            continue
        vector = {w: c * idf(total, df[w]) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values()))
        for w, v in vector.items():
            rows.append(p)
            cols.append(vocabulary.setdefault(w, len(vocabulary)))
            values.append(v / norm)
    return sp.csr_matrix(
        (np.array(values, dtype=np.float32), (rows, cols)), shape=(n, len(vocabulary))
    )
