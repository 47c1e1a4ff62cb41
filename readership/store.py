"""
Adding counts to rows, never overwriting them: the one way readership writes counts
(the flush from the cache, the roll-up of old days into months).
"""

from collections.abc import Iterable, Iterator

from django.db.models import Case, F, Value, When

BATCH = 500


def batched(items: Iterable, size: int = BATCH) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def add_counts(model, counts: dict[tuple, int], fields: tuple[str, ...], total: str) -> None:
    """
    Add each count to the row with its key, creating the row (at 0) if there is none.

    fields name the key's parts in the order of the tuples, a selective one first and the
    date last, as in the model's unique constraint. Rows are created with
    ignore_conflicts (another writer may have made one) and then incremented in the
    database (`total = total + n`), so concurrent writers add up and none overwrites.
    """
    if not counts:
        return
    model.objects.bulk_create(
        [model(**dict(zip(fields, key, strict=True))) for key in counts],
        ignore_conflicts=True,
        batch_size=BATCH,
    )
    first, date = fields[0], fields[-1]
    by_date: dict = {}
    for key in counts:
        by_date.setdefault(key[-1], set()).add(key[0])
    ids = {}
    for day, values in by_date.items():
        for chunk in batched(sorted(values)):
            rows = model.objects.filter(**{date: day, f"{first}__in": chunk})
            for pk, *key in rows.values_list("pk", *fields):
                ids[tuple(key)] = pk
    for chunk in batched(counts.items()):
        amount = Case(*(When(pk=ids[key], then=Value(n)) for key, n in chunk))
        model.objects.filter(pk__in=[ids[key] for key, _n in chunk]).update(
            **{total: F(total) + amount}
        )
