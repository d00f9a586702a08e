"""DurableStorage: TinyDB storage that survives kill -9, full disks and damaged files.

"Crash" below means copying the files while the store is still open, which is what a
killed process leaves on disk (every save is written and fsynced before it returns).
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import shutil
import stat
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from tinydb import TinyDB, where
from tinydb.operations import add, decrement, delete, increment
from tinydb.operations import set as set_field
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from workshop_app.core.clock import new_id
from workshop_app.core.models import Attendee, Event
from workshop_app.store import backups, durable, fsutil
from workshop_app.store.durable import DurableStorage, EventDatabase, journal_path_for
from workshop_app.store.errors import (
    CorruptEventError,
    EventLockedError,
    ReadOnlyEventError,
    StoreWriteError,
)
from workshop_app.store.event_store import EventStore
from workshop_app.store.fsutil import atomic_write
from workshop_app.store.journal import read_entries
from workshop_app.store.records import to_document

from .files import crash_copy, is_journal

ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def open_db(path: Path, **options) -> EventDatabase:
    return EventDatabase(path, storage=DurableStorage, **options)


def contents(path: Path) -> dict:
    """What a fresh opener of `path` sees (read-only: it changes nothing)."""
    with open_db(path, read_only=True) as db:
        return normalised(db.storage.read())


def normalised(tables) -> dict:
    return json.loads(json.dumps(tables or {}))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    return folder


@pytest.fixture
def path(folder: Path) -> Path:
    return folder / "event.json"


# -- the database file is replaced atomically ---------------------------------------------


def test_checkpoint_writes_a_temporary_file_syncs_it_renames_it_then_syncs_the_folder(
    path: Path, monkeypatch
) -> None:
    db = open_db(path)
    db.table("attendees").insert({"surname": "Abbott"})
    old_bytes = path.read_bytes()
    steps: list[tuple] = []
    real_flush, real_replace, real_fsync_dir = fsutil.flush_to_disk, os.replace, fsutil.fsync_dir

    def flush(fd: int) -> None:
        real_flush(fd)
        steps.append(("flush", os.fstat(fd).st_ino))

    def rename(source, target) -> None:
        if Path(target) == path:
            # until the rename, the database file is the old, whole one
            assert path.read_bytes() == old_bytes
            steps.append(("replace", os.stat(source).st_ino, json.loads(Path(source).read_bytes())))
        real_replace(source, target)

    def fsync_dir(directory: Path) -> None:
        steps.append(("fsync_dir", Path(directory)))
        real_fsync_dir(directory)

    monkeypatch.setattr(fsutil, "flush_to_disk", flush)
    monkeypatch.setattr(os, "replace", rename)
    monkeypatch.setattr(fsutil, "fsync_dir", fsync_dir)

    db.storage.checkpoint()

    flushed, replaced, synced = steps
    assert flushed == ("flush", replaced[1])  # the temporary file was synced before renaming
    assert replaced[0] == "replace" and replaced[2] == normalised(db.storage.read())
    assert synced == ("fsync_dir", path.parent)
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    monkeypatch.undo()
    db.close()


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary_file(
    folder: Path, monkeypatch
) -> None:
    target = folder / "event.json"
    atomic_write(target, b'{"old": {}}')
    real_write = os.write
    calls = []

    def write(fd: int, data) -> int:
        calls.append(fd)
        if len(calls) == 1:
            return real_write(fd, bytes(data)[:5])  # part of it fits ...
        raise ENOSPC  # ... then the disk is full

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(OSError) as caught:
        atomic_write(target, b'{"new": {"1": {"a": 1}}}')
    monkeypatch.undo()

    assert caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == b'{"old": {}}'
    assert sorted(p.name for p in folder.iterdir()) == ["event.json"]


def test_a_failed_automatic_fold_keeps_the_save_and_warns(path: Path, monkeypatch) -> None:
    db = open_db(path, checkpoint_bytes=10)
    table = db.table("attendees")

    def disk_full(*args) -> None:
        raise ENOSPC

    monkeypatch.setattr(durable, "atomic_write", disk_full)
    table.insert({"surname": "Begum"})  # returns: the save is in the journal
    monkeypatch.undo()

    assert len(db.storage.warnings) == 1 and "Could not fold" in db.storage.warnings[0]
    assert contents(crash_copy(path, path.parent / "crash")) == {
        "attendees": {"1": {"surname": "Begum"}}
    }
    table.insert({"surname": "Clarke"})  # folding works again once there is room
    assert json.loads(path.read_bytes())["attendees"]["2"] == {"surname": "Clarke"}
    db.close()


def test_dropping_a_table_on_a_full_disk_raises_and_changes_nothing(
    path: Path, monkeypatch
) -> None:
    db = open_db(path)
    db.table("notes").insert({"text": "keep me"})
    files = {p: p.read_bytes() for p in (path, journal_path_for(path))}

    def write(fd: int, data) -> int:
        raise ENOSPC

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(StoreWriteError, match=path.name):
        db.drop_table("notes")
    monkeypatch.undo()

    assert db.table("notes").all() == [{"text": "keep me"}]
    assert {p: p.read_bytes() for p in files} == files
    db.close()
    assert contents(path) == {"notes": {"1": {"text": "keep me"}}}


# -- crash between the checkpoint's rename and emptying the journal -------------------------


def _crash_when_the_journal_is_emptied(db: EventDatabase, into: Path, monkeypatch) -> list[Path]:
    """Copy the files at the moment the fold is about to move the journal aside."""
    real_keep_journal = backups.keep_journal
    copies: list[Path] = []

    def keep_journal(journal: Path, database: Path, stamp: str) -> Path:
        copies.append(crash_copy(db.storage.path, into / str(len(copies))))
        return real_keep_journal(journal, database, stamp)

    monkeypatch.setattr(backups, "keep_journal", keep_journal)
    return copies


def test_crash_after_checkpoint_rename_replays_the_journal_harmlessly(
    path: Path, monkeypatch
) -> None:
    db = open_db(path)
    table = db.table("attendees")
    table.insert({"surname": "Davies", "n": 1})
    table.insert({"surname": "Evans", "n": 1})
    table.update(increment("n"), where("surname") == "Davies")
    table.remove(where("surname") == "Evans")
    copies = _crash_when_the_journal_is_emptied(db, path.parent / "crash", monkeypatch)

    db.storage.checkpoint()

    (copy,) = copies
    assert json.loads(copy.read_bytes()) == normalised(db.storage.read())  # the newer file
    assert journal_path_for(copy).stat().st_size > 0  # ... and the old journal
    assert (
        contents(copy)
        == normalised(db.storage.read())
        == {"attendees": {"1": {"surname": "Davies", "n": 2}}}
    )
    db.close()


@pytest.mark.parametrize("drop", ["drop_table", "drop_tables"])
def test_crash_after_dropping_a_table_does_not_bring_it_back(
    path: Path, monkeypatch, drop: str
) -> None:
    db = open_db(path)
    db.table("keep").insert({"n": 1})
    db.storage.checkpoint()
    db.table("notes").insert({"text": "first"})  # journaled, not yet folded
    db.table("notes").insert({"text": "second"})
    copies = _crash_when_the_journal_is_emptied(db, path.parent / "crash", monkeypatch)

    if drop == "drop_table":
        db.drop_table("notes")
    else:
        db.drop_tables()

    expected = normalised(db.storage.read())
    assert "notes" not in expected
    (copy,) = copies
    assert contents(copy) == expected
    db.close()


# -- a damaged database file -------------------------------------------------------------------

DAMAGE = {
    "garbage": b"\x00\x9f\x13binary garbage\xff",
    "truncated JSON": b'{"event": {"1": {"name": "Network ev',
    "empty file": b"",
    "a JSON list": b'[{"name": "Network event"}]',
    "tables that are not objects": b'{"event": [1, 2]}',
}


@pytest.fixture
def event_with_backup_and_later_saves(folder: Path, tmp_path: Path):
    """An event closed once (one backup), then two more saves and a crash."""
    path = folder / "roadshow.json"
    before = Attendee(first_name="Aisha", surname="Ahmed")
    with EventStore.create(path, Event(name="Roadshow")) as store:
        store.save(before)
    after = Attendee(first_name="Kwame", surname="Okafor")
    edited = before.edited(notes="arrived early")
    store = EventStore(path)
    try:
        store.save(after)
        store.save(edited)
        crashed = tmp_path / "crashed"
        shutil.copytree(folder, crashed)  # the whole folder, backups included
    finally:
        store.close()
    return crashed / path.name, edited, after


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_file_is_moved_aside_and_the_newest_good_backup_offered(
    event_with_backup_and_later_saves, damage: bytes
) -> None:
    path, edited, after = event_with_backup_and_later_saves
    journal = journal_path_for(path)
    journal_bytes = journal.read_bytes()
    path.write_bytes(damage)
    good_backup, *older = backups.good_backups(path)
    bad_backup = good_backup.with_name(good_backup.stem + "9.json")  # sorts as newer
    bad_backup.write_bytes(b'{"event": {"1": {"name": "Road')

    with pytest.raises(CorruptEventError) as caught:
        EventStore(path)

    error = caught.value
    quarantined = error.quarantined_to
    assert not path.exists() and not journal.exists()
    assert quarantined.parent == path.parent and quarantined != path
    assert quarantined.read_bytes() == damage  # moved, never rewritten
    quarantined_journal = quarantined.with_name(quarantined.name + ".journal")
    assert quarantined_journal.read_bytes() == journal_bytes
    assert error.backups == [good_backup, *older]  # the damaged backup is skipped
    message = str(error)
    assert path.name in message
    assert quarantined.name in message
    assert good_backup.name in message

    backups.restore_backup(path, error.backups[0], journal=quarantined_journal)
    with EventStore(path) as store:  # the failed open let go of the lock
        assert store.event.name == "Roadshow"
        assert sorted(store.all(Attendee), key=lambda a: a.surname) == [edited, after]


def test_a_damaged_file_without_backups_says_so(path: Path) -> None:
    path.write_bytes(b"not json")

    with pytest.raises(CorruptEventError, match="No backup was found") as caught:
        open_db(path)

    assert caught.value.backups == []
    assert caught.value.quarantined_to.read_bytes() == b"not json"


def test_read_only_opener_of_a_damaged_file_moves_nothing(path: Path) -> None:
    path.write_bytes(b"not json")

    with pytest.raises(CorruptEventError):
        open_db(path, read_only=True)

    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert path.read_bytes() == b"not json"


def test_a_second_damaged_file_never_overwrites_the_first_one_moved_aside(
    path: Path, monkeypatch
) -> None:
    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 11, 23, 9, 30, 0, tzinfo=UTC)

    monkeypatch.setattr(durable, "datetime", FrozenClock)  # both within the same second
    moved = []
    for damage in (b"first damaged file", b"second damaged file"):
        path.write_bytes(damage)
        with pytest.raises(CorruptEventError) as caught:
            open_db(path)
        moved.append(caught.value.quarantined_to)

    assert moved[0] != moved[1]
    assert moved[0].read_bytes() == b"first damaged file"
    assert moved[1].read_bytes() == b"second damaged file"


def test_good_backups_skips_files_that_are_not_databases(path: Path) -> None:
    folder = fsutil.private_folder(backups.backup_folder(path))
    good = folder / "event-20261123T090000000000.json"
    good.write_text('{"event": {"1": {"name": "Network event"}}}')
    for stamp, text in [
        ("20261123T100000000000", "not json"),
        ("20261123T110000000000", "[]"),
        ("20261123T120000000000", '{"event": {"1": {"name": "Netw'),
        ("20261123T130000000000", '{"event": 5}'),  # JSON, but not a TinyDB database
    ]:
        (folder / f"event-{stamp}.json").write_text(text)

    assert backups.good_backups(path) == [good]


# -- one writer; readers never write ------------------------------------------------------------


def test_a_second_writer_is_refused_and_a_reader_allowed(path: Path) -> None:
    with open_db(path) as db:
        db.table("t").insert({"n": 1})
        with pytest.raises(EventLockedError, match=path.name):
            open_db(path)
        with open_db(path, read_only=True) as reader:
            assert reader.table("t").all() == [{"n": 1}]
    with open_db(path) as db:  # released on close
        assert db.table("t").all() == [{"n": 1}]


def test_read_only_storage_refuses_every_write_and_touches_no_file(path: Path) -> None:
    with open_db(path) as db:
        db.table("t").insert_multiple([{"n": 1}, {"n": 2}])
    files = sorted(path.parent.rglob("*"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}

    reader = open_db(path, read_only=True)
    table = reader.table("t")
    for write in (
        lambda: table.insert({"n": 3}),
        lambda: table.insert_multiple([{"n": 3}]),
        lambda: table.update({"n": 0}),
        lambda: table.update(increment("n"), where("n") == 1),
        lambda: table.upsert({"n": 9}, where("n") == 9),
        lambda: table.remove(doc_ids=[1]),
        lambda: table.truncate(),
        lambda: reader.table("new").insert({"n": 1}),
        lambda: reader.drop_table("t"),
        lambda: reader.drop_tables(),
    ):
        with pytest.raises(ReadOnlyEventError, match="read-only"):
            write()
    assert reader.storage.read() == {"t": {"1": {"n": 1}, "2": {"n": 2}}}
    reader.close()

    assert sorted(path.parent.rglob("*")) == files
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()} == before


# -- closed means plain TinyDB ------------------------------------------------------------------


def test_a_closed_event_is_plain_tinydb_json(path: Path) -> None:
    people = [Attendee(first_name="Zoë", surname=s) for s in ("Ní Bhriain", "Åström", "Xu")]
    with EventStore.create(path, Event(name="Network event")) as store:
        store.save_many(people)
        store.delete(Attendee, people[1].id)
        event = store.event

    assert not journal_path_for(path).exists()
    expected = {
        "event": {"1": to_document(event)},
        "attendees": {"1": to_document(people[0]), "3": to_document(people[2])},
    }
    with open(path, encoding="utf-8") as handle:
        assert json.load(handle) == expected
    with TinyDB(path) as plain:  # TinyDB's own JSONStorage
        assert plain.tables() == {"event", "attendees"}
        assert plain.table("attendees").all() == [to_document(people[0]), to_document(people[2])]
        assert plain.table("attendees").get(doc_id=3) == to_document(people[2])
        assert plain.table("event").all() == [to_document(event)]


# -- the stale-handle trap -------------------------------------------------------------------------


def test_saves_after_a_checkpoint_go_to_the_file_in_place(path: Path, tmp_path: Path) -> None:
    people = [Attendee(first_name="Finn", surname=f"Person {n}") for n in range(4)]
    store = EventStore.create(path, Event(name="Network event"))
    storage = store._storage
    store.save(people[0])

    def journal_is_the_file_in_place() -> bool:
        return os.fstat(storage._journal_fd).st_ino == os.stat(storage.journal_path).st_ino

    inode_before = path.stat().st_ino
    storage.checkpoint()
    assert path.stat().st_ino != inode_before  # the database file was replaced
    assert journal_is_the_file_in_place()
    store.save(people[1])
    store.save(people[2])
    storage.checkpoint()
    assert journal_is_the_file_in_place()
    store.save(people[3])
    assert journal_is_the_file_in_place()

    def surnames(s: EventStore) -> list[str]:
        return sorted(a.surname for a in s.all(Attendee))

    expected = [p.surname for p in people]
    assert surnames(store) == expected
    with EventStore(path, read_only=True) as reader:
        assert surnames(reader) == expected
    with EventStore(crash_copy(path, tmp_path / "crash")) as recovered:
        assert surnames(recovered) == expected
    store.close()
    with EventStore(path) as reopened:
        assert surnames(reopened) == expected


# -- folding the journal --------------------------------------------------------------------------


def test_the_journal_is_folded_when_it_grows_past_checkpoint_bytes(
    path: Path, tmp_path: Path
) -> None:
    store = EventStore(path, create=True, checkpoint_bytes=2_000)
    journal = journal_path_for(path)
    people = []
    folds = 0
    for n in range(40):
        size_before = journal.stat().st_size
        people.append(store.save(Attendee(first_name="Grace", surname=f"Person {n:02d}")))
        size = journal.stat().st_size
        if size < size_before:
            folds += 1
            assert size == 0  # folded right after this save was journaled
        entry = size - size_before
        # folded once past checkpoint_bytes, or past the file's size once that is bigger
        assert size <= max(2_000, path.stat().st_size) + entry
    assert folds >= 3

    in_file = json.loads(path.read_bytes())["attendees"]  # folded saves are in the file
    assert len(in_file) + len(read_entries(journal.read_bytes()).entries) == 40
    recovered = EventStore(crash_copy(path, tmp_path / "crash"))
    store.close()
    for reopened in (recovered, EventStore(path)):
        with reopened:
            assert sorted(reopened.all(Attendee), key=lambda a: a.surname) == people


def test_after_reopening_the_journal_is_not_folded_before_it_outgrows_the_file(
    folder: Path,
) -> None:
    """Folding costs a whole-file write, so it waits until the journal is as big as the file.

    That holds in the session that created the file; it must hold after a reopen too.
    """
    crowd = [Attendee(first_name="Hannah", surname=f"Person {n:04d}") for n in range(300)]
    latecomers = [Attendee(first_name="Idris", surname=f"Late {n}") for n in range(10)]

    def folds_while_saving_latecomers(store: EventStore) -> int:
        replaced = 0
        for person in latecomers:
            inode = store.path.stat().st_ino
            store.save(replace(person, id=new_id()))
            replaced += store.path.stat().st_ino != inode
        return replaced

    first = folder / "first.json"
    with EventStore(first, create=True, checkpoint_bytes=2_000) as store:
        store.save_many(crowd)
        store._storage.checkpoint()
        assert first.stat().st_size > 20 * 2_000
        in_first_session = folds_while_saving_latecomers(store)

    with EventStore(first, checkpoint_bytes=2_000) as store:
        after_reopen = folds_while_saving_latecomers(store)

    assert in_first_session == 0
    assert after_reopen == in_first_session


# -- changes TinyDB's updaters make in place ---------------------------------------------------


def test_an_update_that_changes_a_nested_value_in_place_is_saved(
    path: Path, tmp_path: Path
) -> None:
    db = open_db(path)
    table = db.table("attendees")
    table.insert({"surname": "Jones", "tags": ["speaker"], "extra": {}})

    table.update(lambda doc: doc["tags"].append("scribe"), doc_ids=[1])
    table.update(lambda doc: doc["extra"].update({"dietary": "vegan"}), doc_ids=[1])

    expected = {
        "attendees": {
            "1": {"surname": "Jones", "tags": ["speaker", "scribe"], "extra": {"dietary": "vegan"}}
        }
    }
    assert normalised(db.storage.read()) == expected
    assert contents(crash_copy(path, tmp_path / "crash")) == expected
    db.close()


def test_a_failed_update_of_a_list_field_is_rolled_back_in_memory(path: Path, monkeypatch) -> None:
    db = open_db(path)
    table = db.table("attendees")
    table.insert({"surname": "Kaur", "tags": ["speaker"], "n": 1})
    real_write = os.write

    def write(fd: int, data) -> int:
        if is_journal(fd, path):
            raise ENOSPC
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(StoreWriteError):
        table.update(increment("n"), doc_ids=[1])
    with pytest.raises(StoreWriteError):
        table.update(add("tags", ["scribe"]), doc_ids=[1])
    monkeypatch.undo()

    assert table.get(doc_id=1) == {"surname": "Kaur", "tags": ["speaker"], "n": 1}
    db.close()
    assert contents(path) == {"attendees": {"1": {"surname": "Kaur", "tags": ["speaker"], "n": 1}}}


# -- every TinyDB write goes through, as with TinyDB's MemoryStorage -----------------------------


def where_k(value: int):
    return where("k") == value


OPERATIONS = {
    "insert": lambda db: db.table("a").insert({"k": 1, "v": 0}),
    "insert with doc_id": lambda db: db.table("a").insert(Document({"k": 3, "v": 7}, doc_id=10)),
    "insert into new table": lambda db: db.table("c").insert({"k": 0, "v": 0}),
    "insert_multiple": lambda db: db.table("a").insert_multiple(
        [{"k": 2, "v": 1}, {"k": 2, "v": 2}, {"k": 3, "v": 3}]
    ),
    "update all": lambda db: db.table("a").update({"s": "ü"}),
    "update with cond": lambda db: db.table("a").update({"s": "x", "v": 5}, where_k(2)),
    "update doc_ids": lambda db: db.table("a").update({"s": "y"}, doc_ids=[1, 2, 99]),
    "update delete": lambda db: db.table("a").update(delete("s"), where_k(2)),
    "update increment": lambda db: db.table("a").update(increment("v"), where_k(1)),
    "update decrement": lambda db: db.table("a").update(decrement("v")),
    "update set": lambda db: db.table("a").update(set_field("v", 42), where_k(3)),
    "update callable": lambda db: db.table("a").update(lambda d: d.update(w=1), where_k(1)),
    "update_multiple": lambda db: db.table("a").update_multiple(
        [({"s": "one"}, where_k(1)), (increment("v"), where_k(2))]
    ),
    "upsert existing": lambda db: db.table("a").upsert({"k": 3, "s": "up"}, where_k(3)),
    "upsert new": lambda db: db.table("a").upsert({"k": 9, "v": 9}, where_k(9)),
    "upsert by doc_id": lambda db: db.table("a").upsert(Document({"k": 4, "v": 4}, doc_id=2)),
    "remove cond": lambda db: db.table("a").remove(where_k(2)),
    "remove doc_ids": lambda db: db.table("a").remove(doc_ids=[1, 3, 99]),
    "remove from missing table": lambda db: db.table("z").remove(where_k(1)),
    "truncate": lambda db: db.table("a").truncate(),
    "drop_table": lambda db: db.drop_table("a"),
    "drop_table missing": lambda db: db.drop_table("nope"),
    "drop_tables": lambda db: db.drop_tables(),
}

SEED = [
    lambda db: db.table("a").insert_multiple(
        [{"k": 1, "v": 1}, {"k": 2, "v": 2, "s": "a"}, {"k": 2, "v": 2, "s": "b"}, {"k": 3, "v": 3}]
    ),
    lambda db: db.table("b").insert({"k": 1, "v": 1}),
]


@pytest.mark.parametrize("operation", OPERATIONS.values(), ids=OPERATIONS.keys())
def test_each_tinydb_write_matches_memory_storage_after_reopen_and_after_a_crash(
    path: Path, tmp_path: Path, operation
) -> None:
    memory = TinyDB(storage=MemoryStorage)
    db = open_db(path)
    for step in [*SEED, operation, lambda d: d.table("a").insert({"k": 5, "v": 5})]:
        assert step(memory) == step(db)  # same doc ids returned
        assert normalised(db.storage.read()) == normalised(memory.storage.read())

    expected = normalised(memory.storage.read())
    crashed = crash_copy(path, tmp_path / "crash")
    assert contents(crashed) == expected
    with open_db(crashed) as recovered:  # replays, then folds on close
        assert normalised(recovered.storage.read()) == expected
    assert normalised(json.loads(crashed.read_bytes())) == expected
    db.close()
    assert contents(path) == expected
    assert normalised(json.loads(path.read_bytes())) == expected


keys = st.integers(0, 3)
texts = st.text(alphabet="abcñł中 ", max_size=3)
new_documents = st.fixed_dictionaries({"k": keys, "v": st.integers(-5, 5)}, optional={"s": texts})
tables = st.sampled_from(["a", "b"])
doc_id_lists = st.lists(st.integers(1, 8), max_size=3)


def test_a_refused_remove_keeps_the_documents_in_their_order(path: Path) -> None:
    """Found by the state machine below: the rollback put doc 1 back after doc 2."""
    memory = TinyDB(storage=MemoryStorage)
    with open_db(path) as db:
        for database in (memory, db):
            database.table("a").insert_multiple([{"k": 0}, {"k": 0}, {"k": 1}])
            with pytest.raises(KeyError):
                database.table("a").remove(doc_ids=[1, 1])  # the second 1 is refused
            with pytest.raises(KeyError):
                database.table("a").update(delete("missing"))  # delete is refused too
        assert [d.doc_id for d in db.table("a").all()] == [1, 2, 3]
        assert db.table("a").update({}, where_k(0)) == memory.table("a").update({}, where_k(0))


class TinyDBAgainstMemoryStorage(RuleBasedStateMachine):
    """Random sequences of TinyDB writes: our storage must agree with MemoryStorage.

    After every step, a fresh reader of the files on disk (what a crash would leave)
    sees the same data. The `crash_and_recover` rule copies the files while the
    database is open, recovers the copy, closes it and reads the plain file back; the
    `reopen` rule closes and reopens the live database. fsync is stubbed out here: what
    is compared is the data, not durability.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.path = self.folder / "live" / "event.json"
        self.path.parent.mkdir(parents=True)
        self.memory = TinyDB(storage=MemoryStorage)
        self.db = open_db(self.path, checkpoint_bytes=600)  # some steps fold the journal

    def teardown(self) -> None:
        self.db.close()

    def both(self, operation) -> None:
        outcomes = []
        for db in (self.memory, self.db):
            try:
                outcomes.append(("returned", operation(db)))
            except (ValueError, KeyError) as error:
                # TinyDB's own refusals, e.g. a Document whose doc_id is taken, or
                # remove(doc_ids=[1, 1]): both must refuse alike and change nothing
                outcomes.append(("raised", type(error), str(error)))
        assert outcomes[0] == outcomes[1]

    @initialize(documents=st.lists(new_documents, min_size=1, max_size=5))
    def seed(self, documents) -> None:
        self.both(lambda db: db.table("a").insert_multiple(documents))

    @rule(table=tables, document=new_documents)
    def insert(self, table, document) -> None:
        self.both(lambda db: db.table(table).insert(document))

    @rule(table=tables, document=new_documents, doc_id=st.integers(1, 8))
    def insert_with_doc_id(self, table, document, doc_id) -> None:
        self.both(lambda db: db.table(table).insert(Document(document, doc_id=doc_id)))

    @rule(table=tables, documents=st.lists(new_documents, max_size=4))
    def insert_multiple(self, table, documents) -> None:
        self.both(lambda db: db.table(table).insert_multiple(documents))

    @rule(table=tables, fields=st.fixed_dictionaries({}, optional={"s": texts, "k": keys}), k=keys)
    def update_with_cond(self, table, fields, k) -> None:
        self.both(lambda db: db.table(table).update(fields, where_k(k)))

    @rule(table=tables, fields=st.fixed_dictionaries({"s": texts}), doc_ids=doc_id_lists)
    def update_doc_ids(self, table, fields, doc_ids) -> None:
        self.both(lambda db: db.table(table).update(fields, doc_ids=doc_ids))

    @rule(
        table=tables,
        operation=st.sampled_from(["delete s", "increment v", "decrement v", "set v"]),
        k=st.none() | keys,
    )
    def update_with_operation(self, table, operation, k) -> None:
        transform = {
            "delete s": lambda d: d.pop("s", None),  # delete("s") itself fails where s is missing
            "increment v": increment("v"),
            "decrement v": decrement("v"),
            "set v": set_field("v", 100),
        }[operation]
        cond = where_k(k) if k is not None else None
        self.both(lambda db: db.table(table).update(transform, cond))

    @rule(table=tables)
    def update_delete_where_present(self, table) -> None:
        self.both(lambda db: db.table(table).update(delete("s"), where("s").exists()))

    @rule(table=tables, k1=keys, k2=keys, text=texts)
    def update_multiple(self, table, k1, k2, text) -> None:
        self.both(
            lambda db: db.table(table).update_multiple(
                [({"s": text}, where_k(k1)), (increment("v"), where_k(k2))]
            )
        )

    @rule(table=tables, document=new_documents)
    def upsert(self, table, document) -> None:
        self.both(lambda db: db.table(table).upsert(document, where_k(document["k"])))

    @rule(table=tables, k=keys)
    def remove_with_cond(self, table, k) -> None:
        self.both(lambda db: db.table(table).remove(where_k(k)))

    @rule(table=tables, doc_ids=doc_id_lists)
    def remove_doc_ids(self, table, doc_ids) -> None:
        self.both(lambda db: db.table(table).remove(doc_ids=doc_ids))

    @rule(table=tables)
    def truncate(self, table) -> None:
        self.both(lambda db: db.table(table).truncate())

    @rule(table=tables)
    def drop_table(self, table) -> None:
        self.both(lambda db: db.drop_table(table))

    @rule()
    def drop_tables(self) -> None:
        self.both(lambda db: db.drop_tables())

    @rule()
    def reopen(self) -> None:
        """Close and reopen both: doc ids then restart from max(doc_id) + 1 in each."""
        self.db.close()
        self.db = open_db(self.path, checkpoint_bytes=600)
        data = self.memory.storage.read()
        self.memory = TinyDB(storage=MemoryStorage)
        self.memory.storage.write(data)

    @rule()
    def crash_and_recover(self) -> None:
        expected = normalised(self.memory.storage.read())
        crashed = crash_copy(self.path, self.folder / "crash")
        with open_db(crashed) as recovered:
            assert normalised(recovered.storage.read()) == expected
        assert normalised(json.loads(crashed.read_bytes())) == expected  # folded on close

    @rule(damage=st.sampled_from([b"", b"garbage", b'{"a": [1]}', b'{"a": {"1": {"k']))
    def damage_and_restore(self, damage) -> None:
        """The file of a crashed copy is damaged: restoring it gives back every save."""
        expected = normalised(self.memory.storage.read())
        into = self.folder / "damaged"
        shutil.rmtree(into, ignore_errors=True)
        shutil.copytree(self.path.parent, into)  # file, journal and backups
        copy = into / self.path.name
        copy.write_bytes(damage)
        with pytest.raises(CorruptEventError) as caught:
            open_db(copy)
        recovery = backups.restore_backup(copy, journal=caught.value.quarantined_journal)
        assert recovery.lost == [], recovery.message(copy.name)
        assert contents(copy) == expected

    @invariant()
    def same_data_in_memory_and_on_disk(self) -> None:
        expected = normalised(self.memory.storage.read())
        assert normalised(self.db.storage.read()) == expected
        assert contents(self.path) == expected  # file + journal, as a crash leaves them


# CI runs a few examples; the long run (README, "Nothing typed is lost") sets more.
STATEFUL_EXAMPLES = int(os.environ.get("WORKSHOP_STATEFUL_EXAMPLES", "25"))


def test_random_tinydb_writes_match_memory_storage(tmp_path: Path, monkeypatch) -> None:
    for module in (fsutil, durable):
        monkeypatch.setattr(module, "flush_to_disk", lambda fd: None)
        monkeypatch.setattr(module, "fsync_dir", lambda folder: None)
    monkeypatch.setattr(backups, "fsync_dir", lambda folder: None)
    examples = itertools.count()

    run_state_machine_as_test(
        lambda: TinyDBAgainstMemoryStorage(tmp_path / str(next(examples))),
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=12,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],  # a busy CI disk is not a failure
        ),
    )


# -- personal data ---------------------------------------------------------------------------------


def test_database_journal_lock_and_backups_are_private(path: Path) -> None:
    old_umask = os.umask(0o022)  # a typical desktop umask: files world-readable by default
    try:
        with EventStore.create(path, Event(name="Network event")) as store:
            store.save(Attendee(first_name="Ruth", surname="Walsh", email="ruth@example.org"))
            for sidecar in (
                path,
                journal_path_for(path),
                path.with_name(path.name + ".lock"),
                path.with_name(path.name + ".owner"),
            ):
                assert mode(sidecar) == 0o600, sidecar.name
            store._storage.checkpoint()
            assert mode(path) == 0o600
    finally:
        os.umask(old_umask)

    assert mode(path) == 0o600
    folder = backups.backup_folder(path)
    assert mode(folder.parent) == 0o700 and mode(folder) == 0o700
    kept = list(folder.iterdir())  # the files replaced by folds, and the journals folded
    assert {p.suffix for p in kept} == {".json", ".journal"}
    assert all(mode(p) == 0o600 for p in kept)
