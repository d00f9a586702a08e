"""Events whose file is damaged or gone stay listed and can be rebuilt; a journal is only
ever replayed into the event it belongs to."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop_app.core.models import Attendee, Event
from workshop_app.store import backups
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.durable import journal_path_for
from workshop_app.store.errors import CorruptEventError
from workshop_app.store.event_store import EventStore

PREVIOUS_VERSION = Path(__file__).parent.parent / "data" / "store" / "previous-version"


@pytest.fixture
def catalog(tmp_path: Path) -> EventCatalog:
    return EventCatalog(tmp_path / "sessions")


def crashed_event(catalog: EventCatalog, name: str = "Harbour day") -> tuple[Path, set[str]]:
    """An event closed once, then saved into and killed: its newest saves are in the journal."""
    with catalog.create(name, "2026-05-02") as store:
        path = store.path
        store.save(Attendee(id="folded", first_name="Nia", surname="Folded"))
    store = EventStore(path)
    store.save(Attendee(id="journaled", first_name="Owen", surname="Journaled"))
    crash = catalog.folder.parent / "crash"
    shutil.copytree(catalog.folder, crash)
    store.close()
    shutil.rmtree(catalog.folder)
    shutil.move(crash, catalog.folder)
    return path, {"folded", "journaled"}


def ids(path: Path) -> set[str]:
    with EventStore(path, read_only=True) as store:
        return {a.id for a in store.all(Attendee)}


def recover(path: Path) -> None:
    with pytest.raises(CorruptEventError) as caught:
        EventStore(path)
    assert caught.value.recoverable
    backups.restore_backup(path, journal=caught.value.quarantined_journal)


# -- a damaged event stays listed after the restore is declined --------------------------


def test_a_damaged_event_whose_restore_was_declined_stays_listed_and_recoverable(
    catalog: EventCatalog,
) -> None:
    path, saved = crashed_event(catalog)
    path.write_bytes(b"{torn")
    with pytest.raises(CorruptEventError):
        EventStore(path)  # set aside; the user then cancels the restore

    (summary,) = catalog.summaries()
    assert summary.path == path
    assert summary.problem and summary.recoverable
    assert summary.name == "Harbour day"  # as its newest backup names it
    assert catalog.find(path.stem) == path

    recover(path)  # offered again on the next open, as often as it is declined
    assert ids(path) == saved
    assert [s.problem for s in catalog.summaries()] == [""]


# -- a journal or backups without their file -----------------------------------------------


def test_an_event_whose_file_is_lost_is_listed_as_recoverable_and_rebuilt(
    catalog: EventCatalog,
) -> None:
    path, saved = crashed_event(catalog)
    path.unlink()  # deleted by hand, or lost with a sync tool

    (summary,) = catalog.summaries()
    assert summary.path == path and summary.recoverable
    assert "missing" in summary.problem

    recover(path)
    assert ids(path) == saved


def test_backups_alone_are_listed_as_recoverable(catalog: EventCatalog) -> None:
    path, _ = crashed_event(catalog)
    path.unlink()
    journal_path_for(path).unlink()

    (summary,) = catalog.summaries()
    assert summary.path == path and summary.recoverable
    recover(path)
    assert ids(path) == {"folded"}


def test_a_new_event_with_a_lost_events_name_never_takes_its_journal(
    catalog: EventCatalog,
) -> None:
    lost, saved = crashed_event(catalog)
    lost.unlink()

    with catalog.create("Harbour day", "2026-05-02") as store:
        assert store.path != lost
        assert store.all(Attendee) == []
    assert sorted(s.path.name for s in catalog.summaries()) == sorted([lost.name, store.path.name])
    recover(lost)
    assert ids(lost) == saved


def test_a_journal_of_another_event_is_set_aside_never_replayed(catalog: EventCatalog) -> None:
    path, _ = crashed_event(catalog)
    journal = journal_path_for(path)
    foreign = journal.read_bytes()
    journal.unlink()
    path.unlink()
    shutil.rmtree(backups.backup_folder(path))
    with EventStore.create(path, Event(name="Quiz night")) as store:
        store.save(Attendee(id="quiz", first_name="Pat", surname="Quiz"))
    journal.write_bytes(foreign)  # the old event's journal, beside the new event's file

    with EventStore(path) as store:
        assert {a.id for a in store.all(Attendee)} == {"quiz"}
        assert store.event.name == "Quiz night"
        assert "belongs to another event" in store.warnings[0]
    (kept,) = path.parent.glob(f"{journal.name}.other-event-*")
    assert kept.read_bytes() == foreign  # set aside, never lost


def test_a_journal_written_by_the_previous_version_is_replayed_into_its_own_file(
    tmp_path: Path,
) -> None:
    """tests/data/store/previous-version: a file and its journal (no header) as the
    version before journals named their event left them after a crash."""
    folder = tmp_path / "sessions"
    shutil.copytree(PREVIOUS_VERSION, folder)
    path = folder / "harbour-day.json"

    with EventStore(path) as store:
        assert store.warnings == []
        assert store.event.name == "Harbour day"
        assert {a.id for a in store.all(Attendee)} == {"a-folded", "a-journal-1", "a-journal-2"}
        store.save(Attendee(id="a-new", first_name="Rhys", surname="After"))
    with EventStore(path, read_only=True) as store:
        assert store.count(Attendee) == 4


def test_a_lost_event_can_be_deleted_with_what_is_left_of_it(catalog: EventCatalog) -> None:
    path, _ = crashed_event(catalog)
    path.unlink()

    target = catalog.delete(path)

    assert catalog.summaries() == []
    assert target.with_name(target.name + ".journal").exists()  # its saves, in the bin
    assert not backups.leftovers(path)
