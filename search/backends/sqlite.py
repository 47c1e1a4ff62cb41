"""SQLite: an FTS5 query built from parsed clauses, bm25 with column weights, snippet()."""

from contextlib import contextmanager

from django.db import connection
from django.db.models import BooleanField, FloatField, Value
from django.db.models.expressions import RawSQL

from ..highlight import ELLIPSIS, START, STOP
from ..models import SearchDocument
from ..query import Clause, ParsedQuery

TABLE = SearchDocument._meta.db_table
FTS = "search_fts"
# bm25 weights of the FTS columns: title, summary, body, people, terms.
WEIGHTS = "10.0, 4.0, 1.0, 2.0, 2.0"
SNIPPET_TOKENS = 30
# The columns of the matches (search.engine._matches) other than their rank.
MATCH_COLUMNS = ["translation_id", "facet_keys", "published_at", "type", "year"]


def _quoted(text: str) -> str:
    # A double-quoted FTS5 string is one phrase of plain tokens: no operator inside
    # it is read as one.
    return '"' + text.replace('"', '""') + '"'


def _phrase(clause: Clause) -> str:
    quoted = _quoted(clause.text)
    if clause.prefix:
        quoted += " *"
    if not clause.alternatives:
        return quoted
    # A synonym set: any of its spellings.
    return "(" + " OR ".join([quoted, *map(_quoted, clause.alternatives)]) + ")"


def fts_query(clauses) -> str:
    """Return the FTS5 query: every positive clause, none of the negative ones."""
    positive = [_phrase(c) for c in clauses if not c.negated]
    negative = [_phrase(c) for c in clauses if c.negated]
    return " AND ".join(positive) + "".join(f" NOT {n}" for n in negative)


class SqliteBackend:
    vendor = "sqlite"

    @contextmanager
    def planned(self, cursor):
        """Run the search statement (SQLite plans it well as it is)."""
        yield

    def match(self, query: ParsedQuery, language: str):
        if query.positive:
            # Matched by the join in ranked(), which also reads the rank.
            return RawSQL("1 = 1", [], output_field=BooleanField())
        # FTS5 cannot match "everything but": exclude the matches of the negatives.
        excluded = " OR ".join(_phrase(c) for c in query.negative)
        sql = f'"{TABLE}"."translation_id" NOT IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)'
        return RawSQL(sql, [excluded], output_field=BooleanField())

    def rank(self, query: ParsedQuery, language: str):
        return Value(0.0, output_field=FloatField())

    def ranked(self, sql: str, params: list, query: ParsedQuery) -> tuple[str, list]:
        """
        Return the matches' SQL joined to the FTS5 table, ranked by bm25.

        bm25() is only available in a query that matches the FTS table itself, so the
        documents (with the visibility rule) are joined to the FTS matches.
        """
        if not query.positive:
            return sql, params
        columns = ", ".join(f"d.{c}" for c in MATCH_COLUMNS)
        return (
            f"SELECT {columns}, -bm25({FTS}, {WEIGHTS}) AS rank FROM ({sql}) d "
            f"JOIN {FTS} ON {FTS}.rowid = d.translation_id WHERE {FTS} MATCH %s",
            [*params, fts_query(query.clauses)],
        )

    def keys_in(self, column: str, count: int) -> str:
        """Return SQL: the list column holds one of `count` keys (parameters)."""
        placeholders = ", ".join(["%s"] * count)
        return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE value IN ({placeholders}))"

    def key_counts(self, label: str, where: str) -> str:
        """Return SQL counting the matches per facet key, as UNION ALL rows."""
        return (
            f"SELECT '{label}', e.value, COUNT(*), NULL, NULL "
            f"FROM m, json_each(m.facet_keys) e WHERE {where} GROUP BY e.value"
        )

    def highlights(self, query: ParsedQuery, language: str, ids) -> dict[int, tuple[str, str]]:
        """Return {translation id: (marked title, marked snippet)}, on normalised text."""
        if not ids or not query.positive:
            return {}
        placeholders = ", ".join(["%s"] * len(ids))
        snippet = f"snippet({FTS}, %s, '{START}', '{STOP}', '{ELLIPSIS}', {SNIPPET_TOKENS})"
        sql = (
            f"SELECT rowid, highlight({FTS}, 0, '{START}', '{STOP}'), "
            f"{snippet.replace('%s', '1')}, {snippet.replace('%s', '2')} "
            f"FROM {FTS} WHERE {FTS} MATCH %s AND rowid IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts_query(ParsedQuery(query.positive).clauses), *ids])
            rows = cursor.fetchall()
        found = {}
        for pk, title, summary_snippet, body_snippet in rows:
            # The summary when it holds a match, else the body's best passage.
            found[pk] = (title, summary_snippet if START in summary_snippet else body_snippet)
        return found
