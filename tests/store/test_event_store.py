"""EventStore: typed records in and out, found by UUID, every returned save on disk."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import socket
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from workshop_app.core.models import (
    Attendee,
    CommunityGroup,
    DiscussionRound,
    Event,
    Workshop,
)
from workshop_app.store import durable
from workshop_app.store.durable import journal_path_for
from workshop_app.store.errors import (
    EventLockedError,
    ReadOnlyEventError,
    StoreError,
    StoreWriteError,
)
from workshop_app.store.event_store import EventStore
from workshop_app.store.journal import read_entries

from .files import crash_copy as _crash_copy
from .files import is_journal


def _journal_lines(path: Path) -> list[bytes]:
    """The journal's saves (its header line, naming the event, left out)."""
    lines = journal_path_for(path).read_bytes().splitlines(keepends=True)
    return [line for line in lines if b'"__journal__"' not in line]


@pytest.fixture
def event_path(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    return folder / "network-event.json"


@pytest.fixture
def store(event_path: Path):
    store = EventStore.create(event_path, Event(name="Network event", date="2026-11-23"))
    yield store
    store.close()


def _person(surname: str, **fields) -> Attendee:
    return Attendee(first_name="Sam", surname=surname, **fields)


def _fail_journal_writes(monkeypatch, store: EventStore, error: OSError) -> None:
    """Make every write to the journal fail like a full disk; other files are untouched."""
    real_write = os.write

    def write(fd: int, data) -> int:
        if is_journal(fd, store.path):
            raise error
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)


# -- identity ---------------------------------------------------------------------------


def test_records_carry_a_uuid_and_timestamps_that_survive_reopening(
    store: EventStore, event_path: Path
) -> None:
    person = store.save(_person("Okafor", extra={"dietary": "vegan"}))
    workshop = store.save(Workshop(title="Workshop A", room="Conference Room", capacity=40))
    event = store.event
    store.close()

    assert uuid.UUID(person.id).version == 4
    for record in (person, workshop, event):
        assert datetime.fromisoformat(record.created).tzinfo is not None
        assert datetime.fromisoformat(record.updated) >= datetime.fromisoformat(record.created)

    with EventStore(event_path) as reopened:
        assert reopened.get(Attendee, person.id) == person
        assert reopened.get(Workshop, workshop.id) == workshop
        assert reopened.event == event
        assert reopened.get(Attendee, str(uuid.uuid4())) is None


def test_a_deleted_records_id_never_finds_the_record_that_reused_its_doc_id(
    store: EventStore, event_path: Path
) -> None:
    first = store.save(_person("Abbott"))
    last = store.save(_person("Begum"))

    assert store.delete(Attendee, last.id)
    newcomer = store.save(_person("Clarke"))
    assert store.get(Attendee, last.id) is None
    assert store.get(Attendee, newcomer.id) == newcomer
    store.close()

    with EventStore(event_path) as reopened:  # TinyDB now hands out max(doc_id) + 1 again
        assert reopened.get(Attendee, last.id) is None
        assert reopened.delete(Attendee, newcomer.id)
        again = reopened.save(_person("Davies"))
        assert reopened.get(Attendee, newcomer.id) is None
        assert reopened.get(Attendee, again.id) == again
        assert reopened.get(Attendee, first.id) == first
        assert sorted(a.surname for a in reopened.all(Attendee)) == ["Abbott", "Davies"]

    # The trap was real: Begum's doc_id was handed to Davies.
    doc_ids = json.loads(event_path.read_bytes())["attendees"]
    assert doc_ids["2"]["id"] == again.id


def test_saving_an_edited_record_replaces_it(store: EventStore, event_path: Path) -> None:
    person = store.save(_person("Patel"))
    edited = store.save(person.edited(checked_in_at="2026-11-23T09:05:00+00:00"))

    assert store.count(Attendee) == 1
    assert store.get(Attendee, person.id) == edited
    store.close()
    with EventStore(event_path) as reopened:
        assert reopened.all(Attendee) == [edited]


def test_delete_of_an_unknown_id_is_false_and_delete_survives_reopening(
    store: EventStore, event_path: Path
) -> None:
    keep, gone = store.save(_person("Evans")), store.save(_person("Fitzgerald"))

    assert store.delete(Attendee, str(uuid.uuid4())) is False
    assert store.delete(Attendee, gone.id) is True
    assert store.delete(Attendee, gone.id) is False
    crashed = _crash_copy(event_path, event_path.parent.parent / "crash")
    store.close()

    for path in (event_path, crashed):
        with EventStore(path) as reopened:
            assert reopened.all(Attendee) == [keep]


def test_create_refuses_an_existing_file(store: EventStore, event_path: Path) -> None:
    with pytest.raises(StoreError, match="already exists"):
        EventStore.create(event_path, Event(name="Other"))


# -- a returned save is on disk ------------------------------------------------------------


def test_a_save_is_in_the_journal_on_disk_before_it_returns(
    store: EventStore, event_path: Path
) -> None:
    person = _person("Ó Briain")
    before = len(_journal_lines(event_path))

    store.save(person)

    with open(journal_path_for(event_path), "rb") as second_handle:
        result = read_entries(second_handle.read())
    assert not result.dropped_tail
    assert len(result.entries) == before + 1
    (documents,) = result.entries[-1].values()
    (document,) = documents.values()
    assert document["id"] == person.id and document["surname"] == "Ó Briain"


def test_every_save_flushes_the_journal_after_writing_it(
    store: EventStore, event_path: Path, monkeypatch
) -> None:
    journal = journal_path_for(event_path)
    flushed_sizes: list[int] = []
    real_flush = durable.flush_to_disk

    def flush(fd: int) -> None:
        if is_journal(fd, store.path):
            flushed_sizes.append(journal.stat().st_size)
        real_flush(fd)

    monkeypatch.setattr(durable, "flush_to_disk", flush)

    sizes = []
    for surname in ("Hughes", "Iqbal", "Jones"):
        store.save(_person(surname))
        sizes.append(journal.stat().st_size)

    assert flushed_sizes == sizes  # one flush per save, after the line was written


def test_bytes_journaled_for_one_save_do_not_depend_on_the_event_size(tmp_path: Path) -> None:
    def journaled_bytes(existing: int) -> tuple[int, int, int]:
        folder = tmp_path / f"size-{existing}"
        folder.mkdir()
        path = folder / "event.json"
        with EventStore.create(path, Event(name="Big event")) as store:
            store._storage.checkpoint_bytes = 1 << 40  # measure the journal: never fold it
            crowd = [_person(f"Person {n:05d}") for n in range(existing)]
            store.save_many(crowd)
            fixed = dict(id="0" * 36, created="2026-11-23T09:00:00.000000+00:00")
            fixed["updated"] = fixed["created"]

            size = journal_path_for(path).stat().st_size
            store.save(_person("Newcomer", **fixed))
            inserted = journal_path_for(path).stat().st_size - size

            size = journal_path_for(path).stat().st_size
            store.save(dataclasses.replace(crowd[0], notes="needs a hearing loop"))
            replaced = journal_path_for(path).stat().st_size - size
        return inserted, replaced, existing + 1  # the newcomer's doc_id

    small_insert, small_replace, small_id = journaled_bytes(5)
    big_insert, big_replace, big_id = journaled_bytes(3000)

    assert big_replace == small_replace
    # the only difference is the digits of the newcomer's doc_id ("6" vs "3001")
    assert big_insert - small_insert == len(str(big_id)) - len(str(small_id))


# -- save_many ------------------------------------------------------------------------


def test_save_many_of_one_kind_is_one_journal_entry(store: EventStore, event_path: Path) -> None:
    before = len(_journal_lines(event_path))

    store.save_many(_person(s) for s in ("Kaur", "Lewis", "Li"))

    assert len(_journal_lines(event_path)) == before + 1


def test_save_many_of_mixed_kinds_is_one_journal_entry(store: EventStore, event_path: Path) -> None:
    """All or none after a crash: what `catalog.duplicate` and `demo` rely on."""
    before = len(_journal_lines(event_path))

    store.save_many(
        [
            Workshop(title="Workshop A", room="Conference Room"),
            DiscussionRound(prompt="How are you contributing to social action?"),
            CommunityGroup(name="Canal Side Community Garden"),
        ]
    )

    assert len(_journal_lines(event_path)) == before + 1


def test_save_many_of_mixed_kinds_saves_nothing_when_the_disk_fails_part_way(
    store: EventStore, event_path: Path, monkeypatch
) -> None:
    real_write = os.write

    def write(fd: int, data) -> int:
        # the disk fills up when the group is written, whether alone or with the workshop
        if is_journal(fd, store.path) and b"Riverside Food Bank" in bytes(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    workshop = Workshop(title="Workshop B", room="Meeting Room 3")
    group = CommunityGroup(name="Riverside Food Bank")

    with pytest.raises(StoreWriteError):
        store.save_many([workshop, group])
    monkeypatch.undo()

    assert store.get(Workshop, workshop.id) is None
    assert store.get(CommunityGroup, group.id) is None
    crashed = _crash_copy(event_path, event_path.parent.parent / "crash")
    with EventStore(crashed) as reopened:
        assert reopened.all(Workshop) == [] and reopened.all(CommunityGroup) == []


def test_apply_saves_and_deletes_as_one_journal_entry_that_survives_a_crash(
    store: EventStore, event_path: Path
) -> None:
    """What a screen's 'replace the plan' needs: new records in, old ones out, together."""
    old_seats = [_person(s) for s in ("Kaur", "Lewis")]
    store.save_many(old_seats)
    before = len(_journal_lines(event_path))
    newcomer = _person("Okafor")

    removed = store.apply(
        saves=[newcomer], deletes=[(Attendee, p.id) for p in old_seats] + [(Attendee, "nobody")]
    )

    assert removed == 2
    assert len(_journal_lines(event_path)) == before + 1
    assert [p.surname for p in store.all(Attendee)] == ["Okafor"]
    crashed = _crash_copy(event_path, event_path.parent.parent / "crash")
    with EventStore(crashed) as reopened:
        assert [p.surname for p in reopened.all(Attendee)] == ["Okafor"]


def test_apply_changes_nothing_when_the_disk_fails(
    store: EventStore, event_path: Path, monkeypatch
) -> None:
    kept = _person("Kaur")
    store.save(kept)
    _fail_journal_writes(monkeypatch, store, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))

    with pytest.raises(StoreWriteError):
        store.apply(saves=[_person("Lewis")], deletes=[(Attendee, kept.id)])
    monkeypatch.undo()

    assert [p.surname for p in store.all(Attendee)] == ["Kaur"]
    store.save(_person("Li"))  # the ids the failed change would have used still work
    assert sorted(p.surname for p in store.all(Attendee)) == ["Kaur", "Li"]


# -- a failed save changes nothing ------------------------------------------------------------


@pytest.mark.parametrize("failing", ["write", "flush"])
def test_a_save_the_disk_refuses_raises_and_changes_nothing(
    store: EventStore, event_path: Path, monkeypatch, failing: str
) -> None:
    kept = store.save(_person("MacDonald"))
    journal_before = journal_path_for(event_path).read_bytes()
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if failing == "write":
        _fail_journal_writes(monkeypatch, store, full)
    else:
        real_flush = durable.flush_to_disk
        good_size = len(journal_before)

        def flush(fd: int) -> None:
            # syncing a new line fails; syncing the journal cut back to its good size works
            if os.fstat(fd).st_size > good_size:
                raise full
            real_flush(fd)

        monkeypatch.setattr(durable, "flush_to_disk", flush)
    lost = _person("Nowak")

    with pytest.raises(StoreWriteError) as caught:
        store.save(lost)
    with pytest.raises(StoreWriteError):
        store.save(kept.edited(notes="this edit is not saved"))
    monkeypatch.undo()

    message = str(caught.value)
    assert event_path.name in message
    assert "the disk is full" in message
    assert "Nothing was changed" in message
    assert store.get(Attendee, lost.id) is None
    assert store.get(Attendee, kept.id) == kept
    assert store.all(Attendee) == [kept]
    assert journal_path_for(event_path).read_bytes() == journal_before  # no torn tail

    after = store.save(_person("O'Brien"))
    crashed = _crash_copy(event_path, event_path.parent.parent / "crash")
    store.close()
    for path in (event_path, crashed):
        with EventStore(path) as reopened:
            assert reopened.warnings == []
            assert sorted(reopened.all(Attendee), key=lambda a: a.surname) == [kept, after]


def test_a_short_write_to_the_journal_never_loses_a_returned_save(
    store: EventStore, event_path: Path, monkeypatch
) -> None:
    """A full disk makes write(2) store what fits and return the count, without an error.

    Whatever the store does about it, a save that returned must be on disk, and the
    saves after it must not be lost.
    """
    real_write = os.write
    short = []

    def write(fd: int, data) -> int:
        if is_journal(fd, store.path) and not short:
            short.append(True)
            return real_write(fd, bytes(data)[: len(data) // 2])
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    first = _person("Quinn")
    try:
        store.save(first)
        first_returned = True
    except StoreWriteError:
        first_returned = False
    second = store.save(_person("Roberts"))
    monkeypatch.undo()

    crashed = _crash_copy(event_path, event_path.parent.parent / "crash")
    with EventStore(crashed) as reopened:
        assert reopened.get(Attendee, second.id) == second
        assert (reopened.get(Attendee, first.id) == first) is first_returned
        assert reopened.warnings == []


# -- locking and read-only ---------------------------------------------------------------------


def test_a_second_opener_is_told_who_holds_the_event(store: EventStore, event_path: Path) -> None:
    with pytest.raises(EventLockedError) as caught:
        EventStore(event_path)

    error = caught.value
    assert error.owner is not None
    assert error.owner.pid == os.getpid()
    assert error.owner.host == socket.gethostname()
    message = str(error)
    assert event_path.name in message
    assert f"process {os.getpid()} on {socket.gethostname()}" in message
    assert "read-only" in message

    store.close()
    with EventStore(event_path) as second:  # free again once the holder closes
        assert second.event.name == "Network event"


def test_read_only_sees_unfolded_saves_and_never_writes(
    store: EventStore, event_path: Path
) -> None:
    person = store.save(_person("Smith-Jones"))
    workshop = store.save(Workshop(title="Workshop A"))
    assert journal_path_for(event_path).stat().st_size > 0  # not folded yet
    files = [event_path, journal_path_for(event_path)]
    before = [(p.read_bytes(), p.stat().st_mtime_ns) for p in files]
    listing = sorted(os.listdir(event_path.parent))

    with EventStore(event_path, read_only=True) as reader:
        assert reader.read_only
        assert reader.get(Attendee, person.id) == person
        assert reader.all(Workshop) == [workshop]
        with pytest.raises(ReadOnlyEventError, match="read-only"):
            reader.save(_person("Taylor"))
        with pytest.raises(ReadOnlyEventError):
            reader.save(person.edited(notes="no"))
        with pytest.raises(ReadOnlyEventError):
            reader.delete(Attendee, person.id)
        assert reader.get(Attendee, person.id) == person
        assert reader.count(Attendee) == 1

    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in files] == before
    assert sorted(os.listdir(event_path.parent)) == listing
    assert store.save(_person("Thomas"))  # the writer is unaffected
