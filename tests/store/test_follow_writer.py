"""A read-only window follows the writer: refresh() takes in new saves, folds and closes."""

from __future__ import annotations

import os
from pathlib import Path

from workshop_app.core.models import Attendee, Event
from workshop_app.store.event_store import EventStore


def names(store: EventStore) -> set[str]:
    return {a.surname for a in store.all(Attendee)}


def test_a_reader_follows_saves_folds_and_the_close_of_the_writer(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    writer = EventStore.create(
        path,
        Event(name="Network event"),
    )
    writer.save(Attendee(first_name="Ana", surname="Abbott"))
    reader = EventStore(path, read_only=True)
    assert names(reader) == {"Abbott"}
    assert reader.refresh() is False  # nothing new

    begum = writer.save(Attendee(first_name="Bo", surname="Begum"))
    assert reader.refresh() is True
    assert names(reader) == {"Abbott", "Begum"}
    assert reader.get(Attendee, begum.id) == begum
    assert reader.refresh() is False

    writer.save(begum.edited(notes="arrived"))
    writer._storage.checkpoint()  # folded: a new file and a new journal
    writer.save(Attendee(first_name="Cy", surname="Clarke"))
    assert reader.refresh() is True
    assert reader.get(Attendee, begum.id).notes == "arrived"
    assert names(reader) == {"Abbott", "Begum", "Clarke"}

    writer.delete(Attendee, begum.id)
    writer.close()
    assert reader.refresh() is True
    assert names(reader) == {"Abbott", "Clarke"}
    assert reader.refresh() is False
    reader.close()


def test_a_line_still_being_written_is_left_for_the_next_look(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    writer = EventStore.create(path, Event(name="Network event"))
    reader = EventStore(path, read_only=True)
    writer.save(Attendee(first_name="Ana", surname="Abbott"))
    journal = path.with_name(path.name + ".journal")
    whole = journal.read_bytes()
    with journal.open("r+b") as file:  # as if the writer were half-way through the line
        file.truncate(len(whole) - 10)
    assert reader.refresh() is False
    journal.write_bytes(whole)
    assert reader.refresh() is True
    assert names(reader) == {"Abbott"}
    writer.close()
    reader.close()


def test_a_read_only_window_names_who_has_the_event_open(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    writer = EventStore.create(path, Event(name="Network event"))
    reader = EventStore(path, read_only=True)

    holder = reader.holder
    assert holder is not None and holder.pid == os.getpid()
    assert writer.read_only_reason() == ""
    writer.close()
    assert reader.holder is None
    assert "No other window has it open now" in reader.read_only_reason()
    owner = path.with_name(path.name + ".owner")
    owner.write_text('{"pid": 4242, "host": "desk-laptop", "since": "2026-11-23T09:30:00+00:00"}')
    assert reader.read_only_reason() == (
        "This event is open read-only here; process 4242 on desk-laptop, since 09:30 UTC "
        "has it open."
    )
    reader.close()
