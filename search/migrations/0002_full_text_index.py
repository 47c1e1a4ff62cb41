"""
The full-text index itself, which differs by database.

PostgreSQL: stored, generated `tsvector` columns (weighted: title A, summary B,
author and term names C, body D; the configuration chosen by language), one with a
GIN index. SQLite: an FTS5 table over the document rows, kept in step by triggers.
Each is created only on its own database; the other database gets nothing.
"""

from django.db import migrations

# Frozen copy of search.models.TEXT_SEARCH_CONFIGS: changing it needs a new migration.
CONFIGS = {"en": "english", "ar": "arabic", "fa": "simple"}
COLUMNS = ["title", "summary", "body", "people", "terms"]


def postgres_sql():
    cases = " ".join(f"WHEN '{lang}' THEN '{cfg}'::regconfig" for lang, cfg in CONFIGS.items())
    cfg = f"(CASE language_code {cases} ELSE 'simple'::regconfig END)"

    def vector(columns):
        return " || ".join(
            f"setweight(to_tsvector({cfg}, {column}), '{weight}')" for column, weight in columns
        )

    head = [("title", "A"), ("summary", "B")]
    return [
        # `vector` (everything) is what the GIN index matches; it is large, so it is
        # kept out of line and read only to check phrases. `rank_vector` (title and
        # summary) is small and kept in the row: ranking reads it for every match.
        f"ALTER TABLE search_searchdocument "
        f"ADD COLUMN vector tsvector GENERATED ALWAYS AS "
        f"({vector([*head, ('people', 'C'), ('terms', 'C'), ('body', 'D')])}) "
        f"STORED, "
        f"ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS ({vector(head)}) STORED",
        "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE EXTERNAL, "
        + ", ".join(
            f"ALTER COLUMN {column} SET STORAGE MAIN"
            for column in ["rank_vector", "facet_keys"]
        ),
        # Move the text and `vector` out of the row, so the rows a search visits are
        # narrow; what every match reads (MAIN above) stays in it.
        "ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)",
        "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (vector)",
    ]


def sqlite_sql():
    columns = ", ".join(COLUMNS)
    new = ", ".join(f"new.{c}" for c in COLUMNS)
    old = ", ".join(f"old.{c}" for c in COLUMNS)
    delete = (
        f"INSERT INTO search_fts(search_fts, rowid, {columns}) "
        f"VALUES ('delete', old.translation_id, {old});"
    )
    insert = f"INSERT INTO search_fts(rowid, {columns}) VALUES (new.translation_id, {new});"
    return [
        # The porter stemmer stems English words and leaves Arabic-script words as they
        # are; text arrives already normalised, so no diacritic handling is wanted here.
        f"CREATE VIRTUAL TABLE search_fts USING fts5({columns}, "
        "content='search_searchdocument', content_rowid='translation_id', "
        "tokenize='porter unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN {insert} END",
        f"CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN {delete} END",
        f"CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument "
        f"BEGIN {delete} {insert} END",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": postgres_sql, "sqlite": sqlite_sql}.get(vendor, list)()
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_doc_vector")
        schema_editor.execute(
            "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector, "
            "DROP COLUMN IF EXISTS rank_vector"
        )
    elif vendor == "sqlite":
        for trigger in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS search_fts_{trigger}")
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
