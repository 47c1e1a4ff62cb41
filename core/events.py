"""
One "content changed" event: what changed, sent once per committed transaction.

The content apps record each change with `content_change()`; the changes of one
transaction are merged per object and sent as one `content_changed` signal after the
outermost transaction commits, so a subscriber (the page cache, the search index, the
recommendations) does its work once per save however many rows the save wrote, and
never for a transaction that rolled back. Outside a transaction a change is sent at once.

A savepoint rolled back inside a transaction that commits may leave its changes in the
batch: the event can over-report (a subscriber redoes work for nothing) but never
under-reports.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, transaction
from django.dispatch import Signal

from core.i18n import language_codes

#: Sent with changes=tuple[Change, ...] once the transaction that made them committed.
content_changed = Signal()

#: The kind of a change of everything (a bulk load such as the demo's): id 0, all languages.
SITE = "site"


@dataclass(frozen=True)
class Change:
    """
    One changed object: kind is its model label ("articles.article", "experts.expert",
    "taxonomy.topic"), languages the translations touched (every site language for
    shared fields), public whether anything readers can see changed.
    """

    kind: str
    id: int
    languages: frozenset[str]
    public: bool

    def as_json(self) -> dict:
        """The change as a task argument (JSON)."""
        return {
            "kind": self.kind,
            "id": self.id,
            "languages": sorted(self.languages),
            "public": self.public,
        }

    @classmethod
    def from_json(cls, data: dict) -> "Change":
        return cls(
            kind=data["kind"],
            id=int(data["id"]),
            languages=frozenset(data["languages"]),
            public=bool(data["public"]),
        )

    def merge(self, other: "Change") -> "Change":
        return Change(
            kind=self.kind,
            id=self.id,
            languages=self.languages | other.languages,
            public=self.public or other.public,
        )


class _Batch:
    def __init__(self):
        self.changes: dict[tuple[str, int], Change] = {}

    def add(self, change: Change) -> None:
        key = (change.kind, change.id)
        known = self.changes.get(key)
        self.changes[key] = known.merge(change) if known else change

    def send(self) -> None:
        content_changes_send(self.changes.values())


def content_changes_send(changes) -> None:
    """Send changes now, merged per object (a bulk write may call this directly)."""
    batch = _Batch()
    batch.changes = {}
    for change in changes:
        batch.add(change)
    if batch.changes:
        content_changed.send(sender=Change, changes=tuple(batch.changes.values()))


def everything_changed() -> None:
    """Record a change of all content at once (a bulk write that bypassed the models)."""
    content_change(kind=SITE, id=0, public=True)


#: True while one_change_for_everything() is in force.
_one_for_everything = ContextVar("one_change_for_everything", default=False)


@contextmanager
def one_change_for_everything():
    """
    Record the changes made within as one change of everything, when the block ends (a
    large import): the subscribers then rebuild and reindex once, instead of once for each
    object and again for each object's neighbours.
    """
    token = _one_for_everything.set(True)
    try:
        yield
    finally:
        _one_for_everything.reset(token)
        everything_changed()


def content_change(
    *, kind: str, id: int, languages=(), public: bool, using: str = DEFAULT_DB_ALIAS
) -> None:
    """
    Record that an object changed; languages empty means its shared fields (every
    language). Sent when the current transaction commits, or at once outside one.
    """
    if _one_for_everything.get():
        return
    change = Change(
        kind=kind,
        id=int(id),
        languages=frozenset(languages or language_codes()),
        public=bool(public),
    )
    connection = transaction.get_connection(using)
    if not _in_transaction(connection):
        content_changes_send([change])
        return
    batch = getattr(connection, "_content_changes", None)
    # The batch is pending while its callback waits to run: after a commit the callback
    # has run, after a rollback Django dropped it, and either way a new batch begins.
    if batch is None or not any(entry[1] == batch.send for entry in connection.run_on_commit):
        batch = _Batch()
        connection._content_changes = batch
        transaction.on_commit(batch.send, using=using, robust=True)
    batch.add(change)


def _in_transaction(connection) -> bool:
    # A test case's wrapping transaction never commits and is not one of the code under
    # test: Django's durable check skips it the same way.
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)
