"""Full-text backends: PostgreSQL text search or SQLite FTS5, by the database in use."""

from django.db import connection

from .postgres import PostgresBackend
from .sqlite import SqliteBackend

BACKENDS = {"postgresql": PostgresBackend, "sqlite": SqliteBackend}


def get_backend():
    """Return the backend for the default database."""
    try:
        return BACKENDS[connection.vendor]()
    except KeyError:
        raise NotImplementedError(f"Search has no backend for {connection.vendor}.") from None
