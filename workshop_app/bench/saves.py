"""Durable save latency: our store against TinyDB's own storage, SQLite and a bare fsync.

Every backend holds the same N attendee documents and saves one edited record per
sample, which is what the app does on every edit. The backends take turns save by save,
so drift on a shared machine (this disk's fsync swings between ~0.3 and ~4 ms as other
work comes and goes) hits them all alike.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tinydb import TinyDB

from workshop_app.bench.fixtures import STAMP, fictional_attendees
from workshop_app.bench.rows import Row, summarise
from workshop_app.bench.sections import BenchContext
from workshop_app.core.models import Attendee, Event
from workshop_app.store.durable import DEFAULT_CHECKPOINT_BYTES, DurableStorage
from workshop_app.store.event_store import EventStore
from workshop_app.store.journal import encode_entry
from workshop_app.store.records import table_name, to_document

SECTION = "Durable save"
SIZES = (200, 2_000, 20_000)

OURS = "our store: EventStore.save (journal + fdatasync)"
FOLD = "our store: journal fold (checkpoint)"
TINYDB = "TinyDB JSONStorage: table.update"
SQLITE = "SQLite WAL, synchronous=FULL: INSERT OR REPLACE + commit"
FLOOR = "fsync floor: append 300 B + fdatasync"

# Our targets for the store, by number of records: (p50 limit in ms, strict, text).
TARGETS: dict[int, tuple[float, bool, str]] = {
    2_000: (2.0, False, "p50 ≤ 2 ms"),
    20_000: (10.0, True, "p50 < 10 ms"),
}

CHUNK = 1  # saves a backend makes before the next one takes its turn: strict alternation
WARMUP = 2


def run(ctx: BenchContext) -> list[Row]:
    if ctx.quick:
        return measure_saves(ctx.work_dir, SIZES, samples=30, tinydb_budget_s=0.4, fold_samples=1)
    return measure_saves(ctx.work_dir, SIZES, samples=300, tinydb_budget_s=6.0, fold_samples=5)


def measure_saves(
    work_dir: Path,
    sizes: Sequence[int],
    *,
    samples: int,
    tinydb_budget_s: float,
    fold_samples: int = 1,
) -> list[Row]:
    """Rows for every size: our store, its fold, TinyDB, SQLite and the fsync floor.

    Args:
        samples: saves timed per backend (TinyDB stops earlier when its budget is spent).
        tinydb_budget_s: wall time TinyDB may spend on timed saves at one size.
        fold_samples: times our journal fold (a whole-file rewrite) is timed.
    """
    rows: list[Row] = []
    for size in sizes:
        rows.extend(
            _measure_size(work_dir / f"saves-{size}", size, samples, tinydb_budget_s, fold_samples)
        )
    return rows


def _measure_size(
    folder: Path, size: int, samples: int, tinydb_budget_s: float, fold_samples: int
) -> list[Row]:
    folder.mkdir(parents=True, exist_ok=True)
    attendees = fictional_attendees(size)
    makers: list[Callable[[], _Backend]] = [
        lambda: _OurStore(folder / "ours.json", attendees),
        lambda: _TinyJSON(folder / "tinydb.json", attendees),
        lambda: _SQLite(folder / "sqlite.db", attendees),
        lambda: _FsyncFloor(folder / "floor.log"),
    ]
    backends: list[_Backend] = []
    try:
        for make in makers:
            backends.append(make())
        timings = _interleave(backends, attendees, samples, {TINYDB: tinydb_budget_s})
    finally:
        for backend in backends:
            backend.close()
    fold = _measure_fold(folder / "ours.json", fold_samples)
    floor = summarise(timings[FLOOR])
    rows = []
    for backend in backends:
        stats = summarise(timings[backend.name])
        target, met = "", None
        if backend.name == OURS and size in TARGETS:
            limit, strict, target = TARGETS[size]
            met = stats.median_ms < limit if strict else stats.median_ms <= limit
        rows.append(
            Row(
                section=SECTION,
                name=backend.name,
                size=size,
                median_ms=stats.median_ms,
                p99_ms=stats.p99_ms,
                max_ms=stats.max_ms,
                samples=stats.samples,
                ratio=stats.median_ms / floor.median_ms if backend.name != FLOOR else None,
                baseline="fsync floor" if backend.name != FLOOR else "",
                target=target,
                met=met,
                note=_note(backend),
            )
        )
        if backend.name == OURS:
            rows.append(_fold_row(size, fold, attendees[0], folder / "ours.json"))
    return rows


def _interleave(
    backends: list[_Backend],
    attendees: list[Attendee],
    samples: int,
    budgets: dict[str, float],
) -> dict[str, list[float]]:
    """Time `samples` saves per backend, `CHUNK` at a time in turn; each edits its own copy."""
    edits = {b.name: _Edits(attendees, seed=7) for b in backends}
    for backend in backends:
        for n in range(WARMUP):
            record = edits[backend.name].next()
            start = time.perf_counter()
            backend.save(record)
            if n == 0:
                backend.first_save_s = time.perf_counter() - start
    timings: dict[str, list[float]] = {b.name: [] for b in backends}
    spent = dict.fromkeys(timings, 0.0)
    active = list(backends)
    while active:
        for backend in list(active):
            name = backend.name
            for _ in range(CHUNK):
                record = edits[name].next()  # made outside the timer
                start = time.perf_counter()
                backend.save(record)
                elapsed = time.perf_counter() - start
                timings[name].append(elapsed)
                spent[name] += elapsed
                if len(timings[name]) >= samples or spent[name] >= budgets.get(name, 1e9):
                    active.remove(backend)
                    break
    return timings


def _note(backend: _Backend) -> str:
    if backend.name != OURS:
        return backend.note
    first = backend.first_save_s * 1000
    return f"{backend.note}; first save after opening: {first:.1f} ms (not in p50/p99)"


class _Edits:
    """An endless run of edits: a random existing attendee with a changed note."""

    def __init__(self, attendees: list[Attendee], seed: int) -> None:
        self._current = list(attendees)
        self._rng = random.Random(seed)
        self._count = 0

    def next(self) -> Attendee:
        self._count += 1
        index = self._rng.randrange(len(self._current))
        edited = self._current[index].edited(notes=f"Bench edit {self._count}")
        self._current[index] = edited
        return edited


class _Backend:
    name = ""
    note = ""
    first_save_s = 0.0  # the first save after opening, kept out of the samples

    def save(self, attendee: Attendee) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _OurStore(_Backend):
    name = OURS
    note = "crash-safe"

    def __init__(self, path: Path, attendees: list[Attendee]) -> None:
        event = Event(id="bench-event", created=STAMP, updated=STAMP, name="Bench")
        with EventStore.create(path, event) as store:
            store.save_many(attendees)
        self._store = EventStore(path)  # reopened, as the app finds an event

    def save(self, attendee: Attendee) -> None:
        self._store.save(attendee)

    def close(self) -> None:
        self._store.close()


class _TinyJSON(_Backend):
    name = TINYDB
    note = (
        "fsyncs, but rewrites the whole file in place: a crash mid-save leaves a torn "
        "file, so NOT crash-safe; reads and parses the whole file on every save"
    )

    def __init__(self, path: Path, attendees: list[Attendee]) -> None:
        self._db = TinyDB(path)  # the default JSONStorage
        self._table = self._db.table(table_name(Attendee))
        doc_ids = self._table.insert_multiple(to_document(a) for a in attendees)
        self._doc_ids = dict(zip((a.id for a in attendees), doc_ids, strict=True))

    def save(self, attendee: Attendee) -> None:
        self._table.update(
            {"notes": attendee.notes, "updated": attendee.updated},
            doc_ids=[self._doc_ids[attendee.id]],
        )

    def close(self) -> None:
        self._db.close()


class _SQLite(_Backend):
    name = SQLITE
    note = f"one row per record (id TEXT PRIMARY KEY, doc TEXT); SQLite {sqlite3.sqlite_version}"

    def __init__(self, path: Path, attendees: list[Attendee]) -> None:
        self._db = sqlite3.connect(path)
        mode = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode != "wal":
            raise RuntimeError(f"SQLite would not use WAL here (got {mode})")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("CREATE TABLE attendees (id TEXT PRIMARY KEY, doc TEXT NOT NULL)")
        self._db.executemany(
            "INSERT INTO attendees VALUES (?, ?)",
            ((a.id, json.dumps(to_document(a))) for a in attendees),
        )
        self._db.commit()

    def save(self, attendee: Attendee) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO attendees VALUES (?, ?)",
            (attendee.id, json.dumps(to_document(attendee))),
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()


class _FsyncFloor(_Backend):
    name = FLOOR
    note = "the least any durable save can cost on this disk"

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_TRUNC, 0o600)
        self._line = b"x" * 299 + b"\n"

    def save(self, attendee: Attendee) -> None:
        os.write(self._fd, self._line)
        _fdatasync(self._fd)

    def close(self) -> None:
        os.close(self._fd)


_fdatasync: Callable[[int], None] = getattr(os, "fdatasync", os.fsync)


def _measure_fold(path: Path, fold_samples: int) -> list[float]:
    """Time DurableStorage.checkpoint(): the whole-file rewrite a save triggers now and then."""
    storage = DurableStorage(path, create=False)
    try:
        timings = []
        for _ in range(fold_samples):
            start = time.perf_counter()
            storage.checkpoint()
            timings.append(time.perf_counter() - start)
    finally:
        storage.close()
    return timings


def _fold_row(size: int, fold: list[float], attendee: Attendee, path: Path) -> Row:
    stats = summarise(fold)
    entry = len(encode_entry({table_name(Attendee): {"1": to_document(attendee)}}))
    every = max(DEFAULT_CHECKPOINT_BYTES, path.stat().st_size) // entry
    return Row(
        section=SECTION,
        name=FOLD,
        size=size,
        median_ms=stats.median_ms,
        max_ms=stats.max_ms,
        samples=stats.samples,
        note=(
            f"runs inside 1 save in ~{every:,} (journal > max(1 MiB, file)); "
            f"+{stats.median_ms / every:.3f} ms/save amortised"
        ),
    )
