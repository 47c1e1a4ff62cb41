"""
Keyset ("seek") pagination for public listings.

A page is asked for by the position of an article next to it, not by its number, so
the database seeks straight to it in the (published_at, id) index: page 1,000 costs
what page 1 costs, and no query counts the whole listing. Another time column can stand
in for published_at (the corrections page goes by created_at).
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q

AFTER, BEFORE = "after", "before"


@dataclass(frozen=True)
class Position:
    published_at: datetime
    pk: int

    def encode(self) -> str:
        micros = round(self.published_at.timestamp() * 1_000_000)
        return f"{micros}.{self.pk}"

    @classmethod
    def decode(cls, value: str | None) -> "Position | None":
        """Return the position in a query-string value, or None if it is not one."""
        if not value or len(value) > 40:
            return None
        micros, _, pk = value.partition(".")
        if not (micros.lstrip("-").isdigit() and pk.isdigit()):
            return None
        try:
            moment = datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return cls(moment, int(pk))

    @classmethod
    def of(cls, row, field: str = "published_at") -> "Position":
        return cls(getattr(row, field), row.pk)


@dataclass
class KeysetPage:
    object_list: list
    next_query: dict | None  # query-string changes for the following page, if any
    previous_query: dict | None

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_query or self.previous_query)


def paginate(
    queryset, params, *, size: int, newest_first: bool = True, field: str = "published_at"
) -> KeysetPage:
    """
    Return one page of queryset ordered by field, publication time unless told (then id),
    starting after params["after"] or ending before params["before"] in that order.
    Malformed positions are ignored: the reader gets the first page.
    """
    after = Position.decode(params.get(AFTER))
    before = None if after else Position.decode(params.get(BEFORE))
    order = (f"-{field}", "-pk") if newest_first else (field, "pk")
    reverse = (field, "pk") if newest_first else (f"-{field}", "-pk")
    if before:
        rows = list(
            queryset.filter(_beyond(before, not newest_first, field)).order_by(*reverse)[: size + 1]
        )
        more_before = len(rows) > size
        rows = rows[:size][::-1]
        more_after = True
    else:
        if after:
            queryset = queryset.filter(_beyond(after, newest_first, field))
        rows = list(queryset.order_by(*order)[: size + 1])
        more_after = len(rows) > size
        rows = rows[:size]
        more_before = after is not None
    return KeysetPage(
        object_list=rows,
        next_query={AFTER: Position.of(rows[-1], field).encode()} if rows and more_after else None,
        previous_query={BEFORE: Position.of(rows[0], field).encode()}
        if rows and more_before
        else None,
    )


def _beyond(position: Position, older: bool, field: str) -> Q:
    """Rows strictly older (or newer) than position in (field, pk) order."""
    at = position.published_at
    if older:
        return Q(**{f"{field}__lte": at}) & (Q(**{f"{field}__lt": at}) | Q(pk__lt=position.pk))
    return Q(**{f"{field}__gte": at}) & (Q(**{f"{field}__gt": at}) | Q(pk__gt=position.pk))
