"""
Run a search: matching, visibility, facet counts and one page of hits.

One SQL statement does the heavy part on either database. A common table
expression holds the documents that match the query and are public now (the
visibility rule applied through `SearchDocument.objects.public()`); from it the
same statement counts every facet (each with the other facets' filters applied,
so a count says what a click would give) and picks the page of hits. The hits are
then loaded as articles through `Article.objects.public()`, so what is shown
passes the visibility rule on the articles themselves as well.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, FloatField, Value
from django.db.models.functions import ExtractYear

from articles.models import Article

from .backends import get_backend
from .highlight import render
from .models import SearchDocument
from .query import ParsedQuery
from .text import plain_text

PER_PAGE = 20
MAX_PAGE = 500
#: Facets: name → how the statement reads a document's values for it.
SCALAR_FACETS = {"type": "m.type", "year": "m.year"}
LIST_FACETS = {"topic": "m.topic_ids", "region": "m.region_ids", "expert": "m.expert_ids"}
FACETS = [*SCALAR_FACETS, *LIST_FACETS]
SORTS = ("relevance", "date")


@dataclass
class Hit:
    article: Article
    title_html: str
    snippet_html: str


@dataclass
class Results:
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    #: facet → {value: count}, each counted with the other facets' filters applied.
    counts: dict[str, dict[int, int]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _matches(query: ParsedQuery, language: str, backend):
    documents = SearchDocument.objects.public(language)
    rank = Value(0.0, output_field=FloatField())
    if query:
        documents = documents.filter(backend.match(query, language))
        if query.positive:
            rank = backend.rank(query, language)
    return documents.values(
        "translation_id",
        "article_id",
        "topic_ids",
        "region_ids",
        "expert_ids",
        "published_at",
        type=F("article_type_id"),
        year=ExtractYear("published_at"),
        rank=rank,
    )


def _filter_sql(filters: dict[str, list[int]], skip: str | None, backend) -> tuple[str, list]:
    """Return a WHERE clause for the filters of every facet but skip."""
    conditions, params = ["1 = 1"], []
    for facet, values in filters.items():
        if facet == skip or not values:
            continue
        placeholders = ", ".join(["%s"] * len(values))
        if facet in SCALAR_FACETS:
            conditions.append(f"{SCALAR_FACETS[facet]} IN ({placeholders})")
        else:
            elements, value = backend.list_elements(LIST_FACETS[facet])
            conditions.append(
                f"EXISTS (SELECT 1 FROM {elements} WHERE {value} IN ({placeholders}))"
            )
        params += values
    return " AND ".join(conditions), params


def search(
    *,
    language: str,
    query: ParsedQuery,
    filters: dict[str, list[int]] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Results:
    """Return one page of the public pieces in language that match query and filters."""
    backend = get_backend()
    filters = {f: sorted(set(v)) for f, v in (filters or {}).items() if f in FACETS and v}
    page = min(max(1, page), MAX_PAGE)
    match_sql, params = _matches(query, language, backend).query.sql_with_params()
    parts, facet_params = [], []
    for facet in FACETS:
        where, where_params = _filter_sql(filters, facet, backend)
        if facet in SCALAR_FACETS:
            value, source = SCALAR_FACETS[facet], "m"
        else:
            elements, value = backend.list_elements(LIST_FACETS[facet])
            source = f"m, {elements}"
        parts.append(
            f"SELECT '{facet}', {value}, COUNT(*), "
            f"NULL, NULL "
            f"FROM {source} WHERE {where} GROUP BY {value}"
        )
        facet_params += where_params
    where, where_params = _filter_sql(filters, None, backend)
    order = "m.published_at DESC, m.translation_id DESC"
    if sort == "relevance" and query.positive:
        order = f"m.rank DESC, {order}"
    parts.append(f"SELECT 'total', 0, COUNT(*), NULL, NULL FROM m WHERE {where}")
    # The hits come first: their columns give the typeless NULLs below their types.
    hits = (
        f"SELECT * FROM (SELECT 'hit' AS facet, m.translation_id AS value, 0 AS n, m.rank, "
        f"m.published_at FROM m WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s) hits"
    )
    params = [*params, *where_params, per_page, (page - 1) * per_page, *facet_params, *where_params]
    sql = f"WITH m AS MATERIALIZED ({match_sql}) " + " UNION ALL ".join([hits, *parts])
    with connection.cursor() as cursor, backend.planned(cursor):
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    counts: dict[str, dict[int, int]] = {facet: {} for facet in FACETS}
    total, hits = 0, []
    for facet, value, n, rank, published_at in rows:
        if facet == "total":
            total = n
        elif facet == "hit":
            hits.append((rank, published_at, value))
        elif value is not None:
            counts[facet][int(value)] = n
    # UNION ALL keeps no order: sort the page again, as the statement did.
    by_date = sorted(hits, key=lambda h: (h[1], h[2]), reverse=True)
    if sort == "relevance" and query.positive:
        by_date.sort(key=lambda h: h[0], reverse=True)
    ids = [pk for _rank, _published_at, pk in by_date]
    return Results(
        hits=_hits(ids, query, language, backend),
        total=total,
        page=page,
        per_page=per_page,
        counts=counts,
    )


def _hits(ids: list[int], query: ParsedQuery, language: str, backend) -> list[Hit]:
    """Load the articles of these translations, in order, with matches marked."""
    if not ids:
        return []
    articles = Article.objects.public(language).filter(_tr__id__in=ids).for_cards(language)
    by_translation = {}
    for article in articles:
        translation = article.get_translation(language)
        by_translation[translation.pk] = article
    marked = backend.highlights(query, language, list(by_translation))
    hits = []
    for pk in ids:
        article = by_translation.get(pk)
        if article is None:
            continue  # no longer public since the index said so
        translation = article.get_translation(language)
        title, snippet = marked.get(pk, ("", ""))
        text = f"{translation.summary}\n{plain_text(translation.body)}"
        hits.append(
            Hit(
                article=article,
                title_html=render(translation.title, language, title, whole=True),
                snippet_html=render(text, language, snippet),
            )
        )
    return hits
