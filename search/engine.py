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

from articles.models import Article
from core.html import html_to_text

from .backends import get_backend
from .highlight import render
from .models import LIST_FACETS, SearchDocument, facet_key, facet_of_key
from .query import ParsedQuery
from .synonyms import expand

PER_PAGE = 20
MAX_PAGE = 500
#: The facets read from a column of the match: content type and year (of the language's
#: calendar, core.calendars).
SCALAR_FACETS = {"type": "m.type", "year": "m.year"}
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
        "facet_keys",
        "published_at",
        "year",  # in the language's calendar: Solar Hijri years on Farsi pages
        type=F("article_type_id"),
        rank=rank,
    )


def _where(filters: dict[str, list[int]], skip: str | None, backend) -> tuple[str, list]:
    """Return a WHERE clause on m for the filters of every facet but skip."""
    conditions, params = ["1 = 1"], []
    for facet, values in filters.items():
        if facet == skip:
            continue
        if facet in SCALAR_FACETS:
            placeholders = ", ".join(["%s"] * len(values))
            conditions.append(f"{SCALAR_FACETS[facet]} IN ({placeholders})")
            params += values
        else:
            conditions.append(backend.keys_in("m.facet_keys", len(values)))
            params += [facet_key(facet, pk) for pk in values]
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
    query = expand(query, language)  # the editors' synonym sets, as they are now
    filters = {f: sorted(set(v)) for f, v in (filters or {}).items() if f in FACETS and v}
    page = min(max(1, page), MAX_PAGE)
    match_sql, match_params = _matches(query, language, backend).query.sql_with_params()
    match_sql, match_params = backend.ranked(match_sql, list(match_params), query)
    where, where_params = _where(filters, None, backend)
    order = "m.published_at DESC, m.translation_id DESC"
    if sort == "relevance" and query.positive:
        order = f"m.rank DESC, {order}"
    # The hits come first: their columns give the typeless NULLs below their types.
    parts = [
        f"SELECT * FROM (SELECT 'hit' AS facet, m.translation_id AS value, 0 AS n, m.rank, "
        f"m.published_at FROM m WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s) hits",
        f"SELECT 'total', 0, COUNT(*), NULL, NULL FROM m WHERE {where}",
    ]
    params = [*match_params, *where_params, per_page, (page - 1) * per_page, *where_params]
    for facet, column in SCALAR_FACETS.items():
        facet_where, facet_params = _where(filters, facet, backend)
        parts.append(
            f"SELECT '{facet}', {column}, COUNT(*), NULL, NULL "
            f"FROM m WHERE {facet_where} GROUP BY {column}"
        )
        params += facet_params
    # Topics, regions and experts are counted in one pass over the facet keys for
    # every group of them that shares its filters (all of them, unless one is filtered).
    groups: dict[tuple, list[str]] = {}
    for facet in LIST_FACETS:
        groups.setdefault(tuple(f for f in filters if f != facet), []).append(facet)
    for number, others in enumerate(groups):
        facet_where, facet_params = _where({f: filters[f] for f in others}, None, backend)
        parts.append(backend.key_counts(f"keys{number}", facet_where))
        params += facet_params
    sql = f"WITH m AS MATERIALIZED ({match_sql}) " + " UNION ALL ".join(parts)
    with connection.cursor() as cursor, backend.planned(cursor):
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    group_facets = {f"keys{n}": facets for n, facets in enumerate(groups.values())}
    counts: dict[str, dict[int, int]] = {facet: {} for facet in FACETS}
    total, hits = 0, []
    for label, value, n, rank, published_at in rows:
        if label == "total":
            total = n
        elif label == "hit":
            hits.append((rank, published_at, value))
        elif label in group_facets:
            facet, pk = facet_of_key(int(value))
            if facet in group_facets[label]:
                counts[facet][pk] = n
        elif value is not None:
            counts[label][int(value)] = n
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
    if not query.positive:
        # Nothing to mark: the cards show titles and summaries as listings do.
        return [Hit(by_translation[pk], "", "") for pk in ids if pk in by_translation]
    marked = backend.highlights(query, language, list(by_translation))
    hits = []
    for pk in ids:
        article = by_translation.get(pk)
        if article is None:
            continue  # no longer public since the index said so
        translation = article.get_translation(language)
        title, snippet = marked.get(pk, ("", ""))
        text = f"{translation.summary}\n{html_to_text(translation.body)}"
        hits.append(
            Hit(
                article=article,
                title_html=render(translation.title, language, title, whole=True),
                snippet_html=render(text, language, snippet),
            )
        )
    return hits
