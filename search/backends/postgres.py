"""PostgreSQL: tsquery built from parsed clauses, ts_rank on a small vector, ts_headline."""

from contextlib import contextmanager

from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from ..highlight import ELLIPSIS, START, STOP
from ..models import DEFAULT_TEXT_SEARCH_CONFIG, TEXT_SEARCH_CONFIGS, SearchDocument
from ..query import ParsedQuery

TABLE = SearchDocument._meta.db_table
# ts_rank weights for D, C, B, A: title first, then summary, then names and terms.
# Only the title, summary, names and terms are ranked (the `rank_vector`); a match in
# the body alone ranks below them, newest first.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
SNIPPET_OPTIONS = (
    f"MaxFragments=2, MaxWords=30, MinWords=15, ShortWord=2, "
    f"StartSel={START}, StopSel={STOP}, FragmentDelimiter={ELLIPSIS}"
)
TITLE_OPTIONS = f"HighlightAll=true, StartSel={START}, StopSel={STOP}"


class PostgresBackend:
    vendor = "postgresql"

    @contextmanager
    def planned(self, cursor):
        """
        Run the search statement with sequential scans discouraged and room to sort.

        The planner costs `vector @@ query` as cheap on every row, but `vector` is
        stored out of line, so a sequential scan reads and decompresses every
        document: for a common word it picks that over the GIN index and takes
        ten times as long. (With no query there is no other way, and it still scans.)
        That scan is then costed at 10^10, far past jit_above_cost, and compiling the
        statement took ten times as long as running it: JIT is off for it.
        """
        # The matches of a common word are tens of thousands of rows: keep them in memory.
        cursor.execute("SET enable_seqscan = off; SET work_mem = '32MB'; SET jit = off")
        try:
            yield
        finally:
            cursor.execute("RESET enable_seqscan; RESET work_mem; RESET jit")

    def tsquery(self, query: ParsedQuery, language: str) -> tuple[str, list]:
        """Return SQL for the tsquery of the clauses, and its parameters."""
        config = TEXT_SEARCH_CONFIGS.get(language, DEFAULT_TEXT_SEARCH_CONFIG)
        parts, params = [], []
        for clause in query.clauses:
            if clause.prefix:
                # Only letters and digits reach here (see query.parse), so the text
                # cannot carry tsquery syntax.
                sql, values = "to_tsquery(%s::regconfig, %s)", [config, f"{clause.text}:*"]
            else:
                # phraseto_tsquery reads any text as words: operators are ignored.
                sql, values = "phraseto_tsquery(%s::regconfig, %s)", [config, clause.text]
            for alternative in clause.alternatives:  # a synonym set: any spelling
                sql += " || phraseto_tsquery(%s::regconfig, %s)"
                values += [config, alternative]
            if clause.alternatives:
                sql = f"({sql})"
            parts.append(f"!!{sql}" if clause.negated else sql)
            params += values
        return "(" + " && ".join(parts) + ")", params

    def ranked(self, sql: str, params: list, query: ParsedQuery) -> tuple[str, list]:
        """Return the matches' SQL with their rank (here already in it: see rank())."""
        return sql, params

    def match(self, query: ParsedQuery, language: str):
        sql, params = self.tsquery(query, language)
        return RawSQL(f'"{TABLE}"."vector" @@ {sql}', params, output_field=BooleanField())

    def rank(self, query: ParsedQuery, language: str):
        sql, params = self.tsquery(query, language)
        return RawSQL(
            f'ts_rank(%s, "{TABLE}"."rank_vector", {sql})',
            [WEIGHTS, *params],
            output_field=FloatField(),
        )

    def keys_in(self, column: str, count: int) -> str:
        """Return SQL: the list column holds one of `count` keys (parameters)."""
        return f"{column} && ARRAY[{', '.join(['%s'] * count)}]::bigint[]"

    def key_counts(self, label: str, where: str) -> str:
        """Return SQL counting the matches per facet key, as UNION ALL rows."""
        return (
            f"SELECT '{label}', k, COUNT(*), NULL, NULL "
            f"FROM (SELECT unnest(m.facet_keys) AS k FROM m WHERE {where}) keys GROUP BY k"
        )

    def highlights(self, query: ParsedQuery, language: str, ids) -> dict[int, tuple[str, str]]:
        """Return {translation id: (marked title, marked snippet)}, on normalised text."""
        if not ids:
            return {}
        config = TEXT_SEARCH_CONFIGS.get(language, DEFAULT_TEXT_SEARCH_CONFIG)
        if query.positive:
            sql, params = self.tsquery(ParsedQuery(query.positive), language)
        else:
            sql, params = "''::tsquery", []
        rows = (
            SearchDocument.objects.filter(pk__in=ids)
            .annotate(
                marked_title=RawSQL(
                    f'ts_headline(%s::regconfig, "{TABLE}"."title", {sql}, %s)',
                    [config, *params, TITLE_OPTIONS],
                ),
                marked_snippet=RawSQL(
                    f"ts_headline(%s::regconfig, "
                    f'"{TABLE}"."summary" || E\'\\n\' || "{TABLE}"."body", {sql}, %s)',
                    [config, *params, SNIPPET_OPTIONS],
                ),
            )
            .values_list("pk", "marked_title", "marked_snippet")
        )
        return {pk: (title, snippet) for pk, title, snippet in rows}
