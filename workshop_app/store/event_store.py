"""One open event: typed records in, typed records out, every save durable on return."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from workshop_app.core.models import Event, Record
from workshop_app.store.durable import (
    DEFAULT_CHECKPOINT_BYTES,
    DurableStorage,
    EventDatabase,
    JournaledTable,
    journal_path_for,
)
from workshop_app.store.errors import LockOwner, RecordError, StoreError
from workshop_app.store.locking import lock_owner
from workshop_app.store.records import from_document, table_name, to_document

R = TypeVar("R", bound=Record)


class EventStore:
    """The database of one event.

    Records are found by their UUID (`Record.id`), never by TinyDB's doc_id, which
    TinyDB reuses after deletes. Use as a context manager, or call `close()`, so the
    journal is folded into the file.
    """

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        create: bool = False,
        checkpoint_bytes: int = DEFAULT_CHECKPOINT_BYTES,
    ) -> None:
        self.path = Path(path)
        self._mutex = threading.RLock()
        self._db = EventDatabase(
            self.path,
            storage=DurableStorage,
            read_only=read_only,
            create=create,
            checkpoint_bytes=checkpoint_bytes,
        )
        self._storage: DurableStorage = self._db.storage  # type: ignore[assignment]
        self._doc_ids: dict[str, dict[str, int]] = {}
        self._closed = False

    @classmethod
    def create(cls, path: Path, event: Event) -> EventStore:
        """Start a new event database at `path` holding `event`."""
        if path.exists() or journal_path_for(path).exists():
            # A journal without its file is a lost event's newest saves, never a new one's.
            raise StoreError(f"{path.name} already exists.")
        store = cls(path, create=True)
        store.save(event)
        # Fold at once: from its first moment the file names its event (store/peek.py).
        store._storage.checkpoint()
        return store

    @property
    def read_only(self) -> bool:
        return self._storage.read_only

    @property
    def warnings(self) -> list[str]:
        """Things recovered on open (a torn last save) that the user should hear about."""
        return self._storage.warnings

    @property
    def event(self) -> Event:
        events = self.all(Event)
        if not events:
            raise StoreError(f"{self.path.name} holds no event record.")
        return events[0]

    def all(self, kind: type[R]) -> list[R]:
        with self._mutex:
            return [from_document(kind, doc) for doc in self._table(kind).all()]

    def get(self, kind: type[R], record_id: str) -> R | None:
        with self._mutex:
            doc_id = self._ids(kind).get(record_id)
            if doc_id is None:
                return None
            document = self._table(kind).get(doc_id=doc_id)
            return from_document(kind, document) if document is not None else None

    def documents(self) -> dict[str, list[dict[str, Any]]]:
        """Every table's documents, copied: for exports that must leave nothing out,
        whichever feature added the table."""
        with self._mutex:
            return {
                name: [dict(document) for document in table.values()]
                for name, table in self._storage.read().items()
            }

    def count(self, kind: type[Record]) -> int:
        with self._mutex:
            return len(self._table(kind))

    def save(self, record: R) -> R:
        """Insert or replace `record`; durable when this returns."""
        self.save_many([record])
        return record

    def save_many(self, records: Iterable[Record]) -> None:
        """Save several records as one change: after a crash, all of them or none."""
        self.apply(records)

    def apply(
        self, saves: Iterable[Record] = (), deletes: Iterable[tuple[type[Record], str]] = ()
    ) -> int:
        """Save some records and delete others (by kind and id) as one change: after a
        crash, all of it or none. Returns how many of `deletes` existed."""
        by_kind: dict[type[Record], list[Record]] = {}
        for record in saves:
            by_kind.setdefault(type(record), []).append(record)
        with self._mutex:
            latest = {
                kind: {record.id: record for record in batch} for kind, batch in by_kind.items()
            }
            gone: dict[type[Record], dict[str, int]] = {}
            for kind, record_id in deletes:
                doc_id = self._ids(kind).get(record_id)
                if doc_id is not None and record_id not in latest.get(kind, {}):
                    gone.setdefault(kind, {})[record_id] = doc_id
            if not latest and not gone:
                return 0
            batches = {
                table_name(kind): [
                    (self._ids(kind).get(record_id), to_document(record))
                    for record_id, record in records_by_id.items()
                ]
                for kind, records_by_id in latest.items()
            }
            removals = {table_name(kind): list(ids.values()) for kind, ids in gone.items()}
            assigned = self._db.put_documents(batches, removals)
            for kind, ids in gone.items():
                for record_id in ids:
                    del self._ids(kind)[record_id]
            for kind, records_by_id in latest.items():
                self._ids(kind).update(zip(records_by_id, assigned[table_name(kind)], strict=True))
            return sum(len(ids) for ids in gone.values())

    def delete(self, kind: type[Record], record_id: str) -> bool:
        """Remove a record; False when there was none with that id."""
        with self._mutex:
            ids = self._ids(kind)
            doc_id = ids.get(record_id)
            if doc_id is None:
                return False
            self._table(kind).remove(doc_ids=[doc_id])
            del ids[record_id]
            return True

    def refresh(self) -> bool:
        """Read-only: take in what the writer saved since the last look; True when anything.

        Cheap when nothing changed (two stats), so a window can call it every second.
        """
        with self._mutex:
            if not self.read_only or self._closed or not self._storage.refresh():
                return False
            self._doc_ids.clear()
            for table in self._db._tables.values():  # TinyDB caches query results per table
                table.clear_cache()
            return True

    @property
    def holder(self) -> LockOwner | None:
        """Who has this event open for writing, as they noted it; None when nobody does."""
        return lock_owner(self.path)

    def read_only_reason(self) -> str:
        """What a key that would write says in a read-only window."""
        if not self.read_only:
            return ""
        holder = self.holder
        if holder is None or holder.pid == os.getpid():
            return (
                "This event is open read-only here; nothing was changed. No other window has "
                "it open now: close it and open it again to edit."
            )
        return f"This event is open read-only here; {holder.describe()} has it open."

    def close(self, move_to: Path | None = None) -> None:
        """Fold the journal into the file and unlock; `move_to` moves the file first."""
        with self._mutex:
            if not self._closed:
                self._closed = True
                self._storage.close(move_to=move_to)

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _table(self, kind: type[Record]) -> JournaledTable:
        return self._db.table(table_name(kind))  # type: ignore[return-value]

    def _ids(self, kind: type[Record]) -> dict[str, int]:
        name = table_name(kind)
        ids = self._doc_ids.get(name)
        if ids is None:
            raw = self._storage.read().get(name, {})
            try:
                ids = {doc["id"]: int(key) for key, doc in raw.items() if "id" in doc}
            except (ValueError, TypeError) as error:
                raise RecordError(
                    f"The {name} table of {self.path.name} is damaged: {error}"
                ) from None
            self._doc_ids[name] = ids
        return ids
