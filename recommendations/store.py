"""Write computed lists to the Recommendation table: COPY on PostgreSQL, bulk inserts elsewhere."""

import json

from django.db import connection

from experts.models import Expert, ExpertTranslation
from taxonomy.models import ArticleTypeTranslation
from translations.models import fallback_order

from .build import FIELDS
from .catalogue import Catalogue
from .models import Recommendation

COLUMNS = [
    "article_id",
    "language",
    "is_pinned",
    "rank",
    "candidate_id",
    "candidate_translation_id",
    "candidate_language",
    *FIELDS,
    "type_name",
    "authors",
    "computed_at",
]


class Names:
    """Expert and content-type names in every language, for the copied display fields."""

    def __init__(self):
        self.experts: dict[int, dict[str, str]] = {}
        for pk, lang, name in ExpertTranslation.objects.values_list(
            "master_id", "language_code", "name"
        ):
            self.experts.setdefault(pk, {})[lang] = name
        self.slugs = dict(Expert.objects.values_list("id", "slug"))
        self.types: dict[tuple[int, str], str] = {}
        for pk, lang, name in ArticleTypeTranslation.objects.values_list(
            "master_id", "language_code", "name"
        ):
            self.types[pk, lang] = name
            self.types.setdefault((pk, None), name)

    def authors(self, expert_ids, language: str) -> list[list[str]]:
        """[[name, slug, language of the name], ...]: in language, else in a fallback."""
        named = []
        for e in expert_ids:
            names = self.experts.get(e, {})
            lang = next((c for c in fallback_order(language) if c in names), language)
            named.append([names.get(lang, ""), self.slugs.get(e, ""), lang])
        return named

    def type_name(self, type_id: int, language: str) -> str:
        return self.types.get((type_id, language)) or self.types.get((type_id, None), "")


def tuples(cat: Catalogue, language: str, rows: dict, names: Names, computed_at, as_json=False):
    """Yield one tuple per row, in COLUMNS order (authors as JSON text if as_json)."""
    display = {}
    lists = {key: rows[key].tolist() for key in ["article", "candidate", "rank", "is_pinned"]}
    values = {f: rows[f].tolist() for f in FIELDS}
    ids = cat.ids.tolist()
    for i, (a, c) in enumerate(zip(lists["article"], lists["candidate"], strict=True)):
        shown = rows["candidate_language"][i]
        if (c, shown) not in display:
            authors = names.authors(cat.authors[c], shown)
            display[c, shown] = (
                names.type_name(int(cat.type_ids[c]), shown),
                json.dumps(authors, ensure_ascii=False) if as_json else authors,
            )
        yield (
            ids[a],
            language,
            lists["is_pinned"][i],
            lists["rank"][i],
            ids[c],
            int(cat.translation_ids[shown][c]),
            shown,
            *(values[f][i] for f in FIELDS),
            *display[c, shown],
            computed_at,
        )


def write(cat: Catalogue, language: str, rows: dict, names: Names, computed_at) -> int:
    """Insert the rows; return how many."""
    postgresql = connection.vendor == "postgresql"
    items = tuples(cat, language, rows, names, computed_at, as_json=postgresql)
    if postgresql:
        table = Recommendation._meta.db_table
        count = 0
        with connection.cursor() as cursor:
            sql = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for item in items:
                    copy.write_row(item)
                    count += 1
        return count
    objects = [Recommendation(**dict(zip(COLUMNS, item, strict=True))) for item in items]
    Recommendation.objects.bulk_create(objects, batch_size=1000)
    return len(objects)
