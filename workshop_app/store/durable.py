"""A crash-safe TinyDB storage: journal each save, fold the journal into the file later.

TinyDB's JSONStorage rewrites the whole file in place on every save, so a crash can
leave it half-written, and the cost of a save grows with the event. Here:

- a save appends one checksummed line to a journal and fsyncs it before returning;
- now and then (and on close) the whole database is written to a temporary file,
  fsynced and renamed over the database file, then the journal is emptied;
- on open, a journal left by a crash is replayed; a torn last line is dropped.

`JournaledTable` (installed through TinyDB's documented `table_class` hook) makes
each save cost what it changes: TinyDB's own Table copies the whole table twice per
write (7 ms at 20,000 records), ours records the changed documents and journals them.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator, MutableMapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from workshop_app.store import backups
from workshop_app.store.errors import CorruptEventError, ReadOnlyEventError, StoreWriteError
from workshop_app.store.fsutil import atomic_write, flush_to_disk, fsync_dir
from workshop_app.store.journal import Changes, apply_entry, encode_entry, read_entries
from workshop_app.store.locking import EventLock

Tables = dict[str, dict[str, Any]]

# The journal is folded into the file once it is larger than this or than the file,
# so folding costs at most as much as the saves that filled the journal.
DEFAULT_CHECKPOINT_BYTES = 1 << 20


def journal_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


class DurableStorage(Storage):
    """A TinyDB storage whose every returned save survives kill -9 and power loss.

    Args:
        path: the database file (plain TinyDB JSON once closed).
        read_only: read without taking the lock; any save raises ReadOnlyEventError.
        create: start an empty database when there is no file yet.
        checkpoint_bytes: journal size that triggers folding it into the file.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        create: bool = True,
        checkpoint_bytes: int = DEFAULT_CHECKPOINT_BYTES,
    ) -> None:
        self.path = Path(path)
        self.journal_path = journal_path_for(self.path)
        self.read_only = read_only
        self.checkpoint_bytes = checkpoint_bytes
        self.warnings: list[str] = []
        self._mutex = threading.RLock()
        self._journal_fd: int | None = None
        self._journal_bytes = 0
        self._snapshot_bytes = 0
        self._broken: str | None = None
        self._lock = None if read_only else EventLock(self.path)
        if self._lock:
            self._lock.acquire()
        try:
            self._tables, replayed = self._load(create)
            if not read_only:
                self._remove_stale_temporary_files()
                if replayed or not self.path.exists():
                    self._write_snapshot()
                self._open_journal()
        except BaseException:
            self._release()
            raise

    # -- TinyDB's Storage interface ------------------------------------------------

    def read(self) -> Tables:
        # A shallow copy: TinyDB's drop_table deletes from what it reads before writing.
        return dict(self._tables)

    def write(self, data: Tables) -> None:
        """Replace the whole database (TinyDB's drop_table and plain Tables use this)."""
        self._check_writable()
        with self._mutex:
            previous = self._tables
            self._tables = data
            try:
                self.checkpoint()
            except OSError as error:
                self._tables = previous
                raise StoreWriteError(f"Could not save {self.path.name}: {error}") from error

    def close(self) -> None:
        """Fold the journal into the file, so it is plain TinyDB JSON, and unlock."""
        with self._mutex:
            try:
                if not self.read_only and self._journal_fd is not None:
                    self.checkpoint()
                    os.close(self._journal_fd)
                    self._journal_fd = None
                    self.journal_path.unlink(missing_ok=True)
                    fsync_dir(self.path.parent)
                    backups.take_backup(self.path)
            finally:
                self._release()

    # -- the fast path used by JournaledTable -------------------------------------

    def update_table(self, name: str, updater: Callable[[MutableMapping], None], id_class: type) -> None:
        """Run TinyDB's `updater` on a table in place and journal what it changed.

        If the updater raises or the save cannot be made durable, the table is
        restored, so memory never shows a change that the disk does not have.
        """
        self._check_writable()
        with self._mutex:
            table = self._tables.get(name)
            is_new_table = table is None
            if table is None:
                table = {}
            recorder = _RecordingTable(table, id_class)
            try:
                updater(recorder)
                changes = recorder.changes()
                if not changes and not is_new_table:
                    return
                if is_new_table:
                    self._tables[name] = table
                self._append({name: changes})
            except BaseException:
                recorder.rollback()
                if is_new_table:
                    self._tables.pop(name, None)
                raise

    def checkpoint(self) -> None:
        """Write the whole database to its file atomically and empty the journal."""
        with self._mutex:
            self._write_snapshot()
            if self._journal_fd is not None and self._journal_bytes:
                os.ftruncate(self._journal_fd, 0)
                flush_to_disk(self._journal_fd)
                self._journal_bytes = 0

    # -- internals -------------------------------------------------------------------

    def _append(self, changes: Changes) -> None:
        if self._broken:
            raise StoreWriteError(self._broken)
        entry = encode_entry(changes)
        assert self._journal_fd is not None
        try:
            os.write(self._journal_fd, entry)
            flush_to_disk(self._journal_fd)
        except OSError as error:
            self._cut_torn_tail(error)
            raise StoreWriteError(
                f"Could not save to {self.path.name}: {error.strerror or error}. "
                "Nothing was changed."
            ) from error
        self._journal_bytes += len(entry)
        if self._journal_bytes > max(self.checkpoint_bytes, self._snapshot_bytes):
            try:
                self.checkpoint()
            except OSError as error:
                # The save itself is durable in the journal; folding is retried later.
                self.warnings.append(f"Could not fold the journal into {self.path.name}: {error}")

    def _cut_torn_tail(self, error: OSError) -> None:
        """Remove a partly written entry, or later good entries would be unreachable."""
        assert self._journal_fd is not None
        try:
            os.ftruncate(self._journal_fd, self._journal_bytes)
            flush_to_disk(self._journal_fd)
        except OSError:
            self._broken = (
                f"Saving to {self.path.name} failed ({error}) and the journal could not be "
                "repaired; close and reopen the event."
            )

    def _write_snapshot(self) -> None:
        data = json.dumps(self._tables).encode()
        atomic_write(self.path, data)
        self._snapshot_bytes = len(data)

    def _open_journal(self) -> None:
        self._journal_fd = os.open(
            self.journal_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_TRUNC, 0o600
        )
        fsync_dir(self.path.parent)
        self._journal_bytes = 0

    def _load(self, create: bool) -> tuple[Tables, bool]:
        """Read the file and replay the journal; True when the journal held saves.

        A read-only reader can race a writer's checkpoint (old file, emptied journal),
        so it retries until the file it read is still the file in place.
        """
        for _ in range(5):
            before = _inode(self.path)
            tables = self._read_database(create)
            journal = self._read_journal()
            if _inode(self.path) == before:
                break
        result = read_entries(journal)
        if result.dropped_tail:
            self.warnings.append(
                f"The last save before a crash in {self.path.name} was incomplete and was "
                "dropped; every earlier save was recovered."
            )
        for entry in result.entries:
            apply_entry(tables, entry)
        return tables, bool(result.entries) or result.dropped_tail

    def _read_database(self, create: bool) -> Tables:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            if create or self.journal_path.exists():
                return {}
            raise
        tables, problem = _parse_database(raw)
        if tables is not None:
            return tables
        if self.read_only:
            raise CorruptEventError(self.path, self.path, problem, backups.good_backups(self.path))
        quarantined = self._quarantine()
        raise CorruptEventError(self.path, quarantined, problem, backups.good_backups(self.path))

    def _read_journal(self) -> bytes:
        try:
            return self.journal_path.read_bytes()
        except FileNotFoundError:
            return b""

    def _quarantine(self) -> Path:
        """Move a damaged file (and its journal) aside, never overwriting either."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        os.replace(self.path, target)
        if self.journal_path.exists():
            os.replace(self.journal_path, target.with_name(target.name + ".journal"))
        fsync_dir(self.path.parent)
        return target

    def _remove_stale_temporary_files(self) -> None:
        """Half-written snapshots of a killed process; the real file was never touched."""
        for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            leftover.unlink(missing_ok=True)

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyEventError(
                f"{self.path.name} is open read-only; this change was not saved."
            )

    def _release(self) -> None:
        if self._journal_fd is not None:
            os.close(self._journal_fd)
            self._journal_fd = None
        if self._lock:
            self._lock.release()


def _inode(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns)


def _parse_database(raw: bytes) -> tuple[Tables | None, str]:
    """The tables in `raw`, or None and why it is not a TinyDB database."""
    if not raw.strip():
        return None, "the file is empty"
    try:
        data = json.loads(raw)
    except ValueError as error:
        return None, f"not valid JSON: {error}"
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        return None, "not a TinyDB database"
    return data, ""


_MISSING = object()


class _RecordingTable(MutableMapping):
    """TinyDB's view of one table during an update: int ids over the stored str keys.

    It notes every key whose document is added, removed or changed, and keeps the
    original so the update can be rolled back.
    """

    def __init__(self, table: dict[str, Any], id_class: type) -> None:
        self._table = table
        self._id_class = id_class
        self._originals: dict[str, Any] = {}

    def touch(self, key: str) -> None:
        if key not in self._originals:
            document = self._table.get(key, _MISSING)
            self._originals[key] = dict(document) if isinstance(document, dict) else document

    def changes(self) -> dict[str, Any]:
        return {key: self._table.get(key) for key in self._originals}

    def rollback(self) -> None:
        for key, original in self._originals.items():
            if original is _MISSING:
                self._table.pop(key, None)
            else:
                self._table[key] = original

    def __getitem__(self, doc_id: Any) -> MutableMapping:
        key = str(doc_id)
        return _RecordingDocument(self, key, self._table[key])

    def __setitem__(self, doc_id: Any, document: Any) -> None:
        key = str(doc_id)
        self.touch(key)
        self._table[key] = dict(document)

    def __delitem__(self, doc_id: Any) -> None:
        key = str(doc_id)
        if key not in self._table:
            raise KeyError(doc_id)
        self.touch(key)
        del self._table[key]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._table

    def __iter__(self) -> Iterator[Any]:
        return (self._id_class(key) for key in list(self._table))

    def __len__(self) -> int:
        return len(self._table)

    def clear(self) -> None:
        for key in self._table:
            self.touch(key)
        self._table.clear()


class _RecordingDocument(MutableMapping):
    """A stored document as TinyDB's updaters see it: writes are noted before they land."""

    def __init__(self, table: _RecordingTable, key: str, document: dict[str, Any]) -> None:
        self._recorder = table
        self._key = key
        self._document = document

    def __getitem__(self, field: str) -> Any:
        return self._document[field]

    def __setitem__(self, field: str, value: Any) -> None:
        self._recorder.touch(self._key)
        self._document[field] = value

    def __delitem__(self, field: str) -> None:
        self._recorder.touch(self._key)
        del self._document[field]

    def __iter__(self) -> Iterator[str]:
        return iter(self._document)

    def __len__(self) -> int:
        return len(self._document)


class JournaledTable(Table):
    """A TinyDB Table whose writes journal only the documents they change."""

    def put_documents(self, documents: list[tuple[int | None, dict[str, Any]]]) -> list[int]:
        """Insert (doc id None) or replace whole documents in one save: all or none."""
        assigned: list[int] = []

        def updater(table: MutableMapping) -> None:
            for doc_id, document in documents:
                if doc_id is None:
                    doc_id = self._get_next_id()
                table[doc_id] = document
                assigned.append(doc_id)

        self._update_table(updater)
        return assigned

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage = self._storage
        if not isinstance(storage, DurableStorage):
            super()._update_table(updater)
            return
        storage.update_table(self.name, updater, self.document_id_class)  # type: ignore[arg-type]
        self.clear_cache()


class EventDatabase(TinyDB):
    """TinyDB with journaled tables; open with `storage=DurableStorage`."""

    table_class = JournaledTable
