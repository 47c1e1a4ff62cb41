"""
Arabic and Farsi documents hold stemmed text (core.analysis), the same on every database.

PostgreSQL's generated vectors now read Arabic with `simple` (the text is stemmed in
Python by Snowball's Arabic, as `arabic` did); and the stored text of every document,
normalised by the older rules, is analysed again: normalising normalised text gives what
normalising the original would (the new rules only add folds on top of the old ones), so
no article has to be read. The vectors are dropped first and made again last, so each
row is computed once. Run `rebuild_search_index` instead at any time for the same result.
"""

from django.db import migrations

from core.analysis import search_text

# Frozen copy of search.models.TEXT_SEARCH_CONFIGS: changing it needs a new migration.
CONFIGS = {"en": "english", "ar": "simple", "fa": "simple"}
OLD_CONFIGS = {"en": "english", "ar": "arabic", "fa": "simple"}
TEXT = ["title", "summary", "body", "people", "terms"]
BATCH = 500


def vectors_sql(configs):
    cases = " ".join(f"WHEN '{lang}' THEN '{cfg}'::regconfig" for lang, cfg in configs.items())
    cfg = f"(CASE language_code {cases} ELSE 'simple'::regconfig END)"

    def vector(columns):
        return " || ".join(
            f"setweight(to_tsvector({cfg}, {column}), '{weight}')" for column, weight in columns
        )

    head = [("title", "A"), ("summary", "B")]
    return [
        # As in 0002: `vector` out of line with a GIN index, `rank_vector` in the row.
        f"ALTER TABLE search_searchdocument "
        f"ADD COLUMN vector tsvector GENERATED ALWAYS AS "
        f"({vector([*head, ('people', 'C'), ('terms', 'C'), ('body', 'D')])}) STORED, "
        f"ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS ({vector(head)}) STORED",
        "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE EXTERNAL, "
        "ALTER COLUMN rank_vector SET STORAGE MAIN",
        "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (vector)",
    ]


DROP_VECTORS = [
    "DROP INDEX IF EXISTS search_doc_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector, "
    "DROP COLUMN IF EXISTS rank_vector",
]


def _postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


def analyse(apps, schema_editor):
    """Analyse the stored text again (SQLite's FTS triggers follow the updates)."""
    document = apps.get_model("search", "SearchDocument")
    rows = document.objects.order_by("pk")
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        for row in batch:
            for field in TEXT:
                setattr(row, field, search_text(getattr(row, field), row.language_code))
        document.objects.bulk_update(batch, TEXT)
        last = batch[-1].pk


class Migration(migrations.Migration):
    # Batches of a large index are written in one transaction each by rebuild_search_index;
    # here the whole rewrite is one, so a failure leaves the old index as it was.
    dependencies = [("search", "0002_full_text_index")]

    operations = [
        migrations.RunPython(_postgres(DROP_VECTORS), _postgres(DROP_VECTORS), elidable=False),
        # Backwards, the text stays stemmed: `rebuild_search_index` on the older code
        # restores it.
        migrations.RunPython(analyse, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(
            _postgres(vectors_sql(CONFIGS)), _postgres(vectors_sql(OLD_CONFIGS)), elidable=False
        ),
    ]
