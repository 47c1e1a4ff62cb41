"""
Querysets compiled once per process: for the few queries every public page runs.

Django builds and compiles a queryset's SQL on every use; for a `with_translation` join
(a filtered relation and an annotation per translated field) that costs several times
what running the query does. A `CompiledQuery` builds its queryset once per language and
database with stand-in values, keeps the SQL and the compiler's column map, and on each
call runs that SQL with the real values and builds the objects as the queryset would
(Django's ModelIterable, the select_related objects included), with their translations
attached as `with_translation` attaches them.

    authors = CompiledQuery(
        lambda language, article: Expert.objects.with_translation(language)
        .filter(authorships__article=article)
        .order_by("authorships__position")
    )
    authors("en", article=12)  # -> [Expert, ...]

Values are integers (ids), datetimes or strings, each standing in one place of the
query as a parameter; a shape with a varying number of parameters (`__in` a list) is
not for this.
"""

import datetime
import functools
import sys

from django.conf import settings
from django.db import connections
from django.db.models.query import get_related_populators

from translations.models import attach_inline_translations

# Stand-ins no real value equals: negative ids, a datetime no row has, a string no slug is.
_STAND_INS = {
    int: lambda n: -(7_919_000 + n),
    datetime.datetime: lambda n: datetime.datetime(1901, 2, 3, 4, 5, 6, 7 + n, tzinfo=datetime.UTC),
    str: lambda n: f"\ufffe compiled-query stand-in {n} \ufffe",
}


class CompiledQuery:
    def __init__(self, build):
        """build(language, **values) returns the queryset; values are named in each call."""
        self.build = build
        self._compiled: dict[tuple, _Compiled] = {}

    def __call__(self, language: str, **values) -> list:
        """Return the objects of the queryset built for language with these values."""
        kinds = tuple((name, _kind(value)) for name, value in sorted(values.items()))
        compiled = self._compiled.get((language, kinds))
        if compiled is None:
            compiled = self._compiled[(language, kinds)] = _Compiled(self.build, language, kinds)
        return compiled.run(values)

    def forget(self) -> None:
        """Compile again on the next call (the database or its settings changed)."""
        self._compiled.clear()


def _kind(value) -> type:
    for kind in _STAND_INS:
        if isinstance(value, kind) and not isinstance(value, bool):
            return kind
    raise TypeError(f"A compiled query takes ids, datetimes and strings, not {value!r}.")


class _Compiled:
    def __init__(self, build, language, kinds):
        stand_ins = {name: _STAND_INS[kind](n) for n, (name, kind) in enumerate(kinds)}
        queryset = build(language, **stand_ins)
        db = queryset.db  # the site has one database; a compiled query keeps the first's
        connection = connections[db]
        compiler = queryset.query.get_compiler(using=db)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        # Where each value goes among the parameters, in the form the database is sent.
        self.slots = {}
        for name, kind in kinds:
            sent = self.adapt(connection, kind, stand_ins[name])
            places = [i for i, param in enumerate(self.params) if param == sent]
            if len(places) != 1:
                raise ValueError(f"{name!r} is not one parameter of the compiled query.")
            self.slots[name] = (places[0], kind)
        self.db, self.compiler = db, compiler
        self.inline = getattr(queryset, "_inline_translation", None)
        self.model = queryset.model
        info = compiler.klass_info
        fields = info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [f[0].target.attname for f in compiler.select[self.start : self.end]]
        self.populators = get_related_populators(info, compiler.select, db)
        self.annotations = compiler.annotation_col_map or {}

    @staticmethod
    def adapt(connection, kind, value):
        if kind is datetime.datetime:
            return connection.ops.adapt_datetimefield_value(value)
        return value

    def run(self, values: dict) -> list:
        connection = connections[self.db]
        params = list(self.params)
        for name, (place, kind) in self.slots.items():
            params[place] = self.adapt(connection, kind, values[name])
        with _cursor(connection) as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        objects = []
        for row in self.compiler.results_iter(results=[rows]):
            obj = self.model.from_db(self.db, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, column in self.annotations.items():
                setattr(obj, name, row[column])
            objects.append(obj)
        if self.inline:
            attach_inline_translations(objects, self.model, self.db, self.inline)
        return objects


def _cursor(connection):
    """
    A cursor for a compiled query: on PostgreSQL one that prepares its statement on the
    server, so that the planner, which costs several times what running the query does
    (1.0 ms against 0.1 ms for an article page's versions), runs once per
    connection, not per request. Django's own cursors bind on the client and never prepare
    (for connection poolers: DATABASE_PREPARED_QUERIES=0 behind a transaction-pooling
    PgBouncer older than 1.21). Queries are logged and counted as Django's are.
    """
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_QUERIES:
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django turns psycopg's preparing off (None), which refuses even an explicit
        # prepare; a threshold never reached prepares only what asks, as this cursor does.
        raw.prepare_threshold = sys.maxsize
    with connection.wrap_database_errors:
        return connection._prepare_cursor(_prepared_cursor()(raw))


@functools.cache
def _prepared_cursor():
    """Django's server-binding cursor for psycopg, preparing every statement it runs."""
    from django.db.backends.postgresql.base import ServerBindingCursor  # needs psycopg

    class PreparedCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparedCursor
