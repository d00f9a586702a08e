"""Rebuilding a damaged or lost event file from its backups and kept journals.

Every fold keeps the file it replaces and the journal it folded (store/backups.py), so
a restore gives back every acknowledged save that any surviving file still holds, and
says exactly what it could not give back, and from when.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from workshop_app.core.models import Attendee, Event
from workshop_app.store import backups, fsutil
from workshop_app.store.durable import journal_path_for
from workshop_app.store.errors import CorruptEventError, StoreWriteError
from workshop_app.store.event_store import EventStore

# Small, so that a few dozen saves fold the journal several times.
CHECKPOINT_BYTES = 2_000


def person(n: int) -> Attendee:
    return Attendee(id=f"person-{n}", first_name="Sam", surname=f"Saved {n}", notes="x" * 60)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    return folder


def crashed_after_folds(folder: Path, tmp_path: Path, saves: int = 60) -> tuple[Path, set[str]]:
    """An event closed once, then saved into (folding several times) and killed."""
    path = folder / "roadshow.json"
    with EventStore.create(path, Event(name="Roadshow")) as store:
        store.save(person(0))
    store = EventStore(path, checkpoint_bytes=CHECKPOINT_BYTES)
    try:
        for n in range(1, saves + 1):
            store.save(person(n))
        crashed = tmp_path / "crashed"
        shutil.copytree(folder, crashed)  # what kill -9 leaves: file, journal, backups
    finally:
        store.close()
    return crashed / path.name, {f"person-{n}" for n in range(saves + 1)}


def saved_ids(path: Path) -> set[str]:
    with EventStore(path, read_only=True) as store:
        return {a.id for a in store.all(Attendee)}


def open_damaged(path: Path) -> CorruptEventError:
    with pytest.raises(CorruptEventError) as caught:
        EventStore(path)
    return caught.value


def test_restoring_after_several_folds_gives_back_every_acknowledged_save(
    folder: Path, tmp_path: Path
) -> None:
    path, acknowledged = crashed_after_folds(folder, tmp_path)
    assert len(backups.kept_journals(path)) >= 3  # folded several times since the close
    path.write_bytes(b'{"event": {"1": {"name": "Road')  # damaged after the last fold

    error = open_damaged(path)
    assert error.recoverable
    recovery = backups.restore_backup(path, journal=error.quarantined_journal)

    assert saved_ids(path) == acknowledged
    assert recovery.lost == []
    message = recovery.message(path.name)
    assert message.startswith("Restored roadshow.json from the backup of ")
    assert "every save up to" in message


def test_unreadable_newest_backups_fall_back_to_an_older_one_and_lose_nothing(
    folder: Path, tmp_path: Path
) -> None:
    path, acknowledged = crashed_after_folds(folder, tmp_path)
    newest, second, *_ = backups.good_backups(path)
    newest.write_bytes(b"garbage")
    second.write_bytes(b"")
    path.write_bytes(b"garbage")

    error = open_damaged(path)
    recovery = backups.restore_backup(path, journal=error.quarantined_journal)

    assert saved_ids(path) == acknowledged
    assert recovery.lost == []


def test_a_damaged_kept_journal_is_reported_with_when_its_saves_were_made(
    folder: Path, tmp_path: Path
) -> None:
    path, acknowledged = crashed_after_folds(folder, tmp_path)
    damaged = backups.kept_journals(path)[-1]  # the one the newest backup needs
    lines = damaged.read_bytes().splitlines(keepends=True)
    damaged.write_bytes(b"".join(lines[:2]) + b"00000000" + lines[2][8:] + b"".join(lines[3:]))
    path.write_bytes(b"garbage")

    error = open_damaged(path)
    recovery = backups.restore_backup(path, journal=error.quarantined_journal)

    message = recovery.message(path.name)
    assert "Not recovered: saves made between " in message
    assert damaged.name in message
    # What the damaged part held is the only thing missing; every other save is back.
    missing = acknowledged - saved_ids(path)
    assert missing and len(missing) < len(lines)


def test_without_any_readable_backup_the_journals_kept_since_the_start_give_all_back(
    folder: Path, tmp_path: Path
) -> None:
    path, acknowledged = crashed_after_folds(folder, tmp_path)
    for backup in backups.good_backups(path):
        backup.write_bytes(b"")
    path.write_bytes(b"garbage")

    error = open_damaged(path)
    recovery = backups.restore_backup(path, journal=error.quarantined_journal)

    assert recovery.backup is None
    assert recovery.lost == []
    assert saved_ids(path) == acknowledged


def test_a_missing_journal_between_kept_ones_is_named_with_when_its_saves_were_made(
    folder: Path, tmp_path: Path
) -> None:
    path, acknowledged = crashed_after_folds(folder, tmp_path)
    for backup in backups.good_backups(path):
        backup.write_bytes(b"")
    gone = backups.kept_journals(path)[2]
    gone.unlink()
    path.write_bytes(b"garbage")

    error = open_damaged(path)
    recovery = backups.restore_backup(path, journal=error.quarantined_journal)

    message = recovery.message(path.name)
    assert "Not recovered: saves made between " in message
    assert "(their journal is missing)" in message
    assert saved_ids(path) < acknowledged


def test_a_fold_keeps_the_replaced_file_as_a_hard_link_not_a_copy(folder: Path) -> None:
    path = folder / "event.json"
    with EventStore.create(path, Event(name="Network event")) as store:
        store.save(person(1))
        before = os.stat(path)
        store._storage.checkpoint()
        (kept,) = [b for b in backups.good_backups(path) if os.stat(b).st_ino == before.st_ino]
        assert os.stat(kept).st_nlink == 1  # the live file moved on; the backup holds it alone


def test_backups_are_bounded_to_the_newest_folds(folder: Path) -> None:
    path = folder / "event.json"
    with EventStore.create(path, Event(name="Network event")) as store:
        for n in range(3 * backups.KEEP):
            store.save(person(n))
            store._storage.checkpoint()
    kept = list(backups.backup_folder(path).iterdir())
    assert len({p.stem for p in kept}) == backups.KEEP
    assert len(kept) == 2 * backups.KEEP  # each fold: the replaced file and its journal


def test_a_set_aside_journal_is_marked_replayed_and_not_offered_again(
    folder: Path, tmp_path: Path
) -> None:
    path, acknowledged = crashed_after_folds(folder, tmp_path)
    path.write_bytes(b"garbage")
    error = open_damaged(path)
    backups.restore_backup(path, journal=error.quarantined_journal)

    assert backups.set_aside_journals(path) == []  # it joined the kept journals
    assert not journal_path_for(path).exists()
    with EventStore(path) as store:
        assert {a.id for a in store.all(Attendee)} == acknowledged


# -- leftovers of a killed process ---------------------------------------------------------


@pytest.mark.parametrize("damaged", [False, True], ids=["good file", "damaged file"])
def test_temporary_files_left_by_a_killed_process_are_removed_at_the_next_open(
    folder: Path, damaged: bool
) -> None:
    path = folder / "event.json"
    with EventStore.create(path, Event(name="Network event")):
        pass
    leftovers = [folder / ".event.json.4242.tmp", folder / ".event.json.owner.4242.tmp"]
    for leftover in leftovers:
        leftover.write_bytes(b'{"half": "writ')  # a fold or a lock note, cut short
    if damaged:
        path.write_bytes(b"garbage")

    try:
        EventStore(path, read_only=True).close()
    except CorruptEventError:
        assert damaged
    assert all(leftover.exists() for leftover in leftovers)  # a reader writes nothing

    if damaged:
        with pytest.raises(CorruptEventError):
            EventStore(path)
    else:
        EventStore(path).close()
    assert not any(leftover.exists() for leftover in leftovers)


# -- a full disk -------------------------------------------------------------------------------


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def event_with_unfolded_saves(folder: Path) -> tuple[EventStore, set[str]]:
    path = folder / "event.json"
    with EventStore.create(path, Event(name="Network event")) as store:
        store.save(person(0))
    store = EventStore(path)
    store.save(person(1))
    store.save(person(2))
    return store, {"person-0", "person-1", "person-2"}


def test_closing_on_a_full_disk_keeps_the_journal_and_says_so(folder: Path, monkeypatch) -> None:
    store, saved = event_with_unfolded_saves(folder)
    journal = journal_path_for(store.path).read_bytes()
    monkeypatch.setattr(os, "write", disk_full)

    with pytest.raises(StoreWriteError) as caught:
        store.close()

    message = str(caught.value)
    assert "the disk is full" in message and "nothing was lost" in message
    assert journal_path_for(store.path).read_bytes() == journal  # every save still there
    assert not list(folder.glob(".*.tmp"))
    # The lock was let go: the event opens again, with every save, even on the full disk.
    with EventStore(store.path) as reopened:
        assert {a.id for a in reopened.all(Attendee)} == saved
        assert any("the disk is full" in w for w in reopened.warnings)
        assert journal_path_for(store.path).read_bytes() == journal
        monkeypatch.undo()  # room again: the next close folds
    assert not journal_path_for(store.path).exists()
    assert saved_ids(store.path) == saved


def test_an_event_on_a_full_disk_opens_read_only_without_writing(folder: Path, monkeypatch) -> None:
    store, saved = event_with_unfolded_saves(folder)
    store._storage._release()  # left as a crash leaves it: journal not folded
    before = {p: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    for name in ("write", "replace", "link", "ftruncate"):
        monkeypatch.setattr(os, name, disk_full)
    monkeypatch.setattr(fsutil, "flush_to_disk", disk_full)

    with EventStore(store.path, read_only=True) as reader:
        assert {a.id for a in reader.all(Attendee)} == saved
    assert {p: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_opening_for_editing_when_no_journal_can_be_made_says_the_disk_is_full(
    folder: Path, monkeypatch
) -> None:
    path = folder / "event.json"
    EventStore.create(path, Event(name="Network event")).close()
    real_open = os.open

    def open_(file, flags, *args, **kwargs):
        if str(file).endswith(".journal") and flags & os.O_CREAT:
            disk_full()
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    with pytest.raises(StoreWriteError) as caught:
        EventStore(path)
    monkeypatch.undo()

    assert "the disk is full" in str(caught.value)
    assert "opened read-only" in str(caught.value)
    EventStore(path).close()  # the failed open let go of the lock
