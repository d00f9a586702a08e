"""EventSession: the one way the TUI changes the event (issue 12)."""

from __future__ import annotations

import asyncio
import errno
import os
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

from workshop_app.core.models import Attendee, Event, Workshop
from workshop_app.store.event_store import EventStore
from workshop_app.tui.event_session import EventChanged, EventSession, SaveRefused

from .helpers import notifications, wait_until


class Host(App[None]):
    """Where the session posts EventChanged: records every one."""

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[EventChanged] = []

    def compose(self):
        yield Static("host")

    def on_event_changed(self, changed: EventChanged) -> None:
        self.changes.append(changed)


@pytest.fixture
def event_path(tmp_path: Path) -> Path:
    path = tmp_path / "sessions" / "event.json"
    path.parent.mkdir()
    EventStore.create(path, Event(name="Network event", date="2026-11-23")).close()
    return path


def _names(path: Path) -> list[str]:
    with EventStore(path, read_only=True) as store:
        return sorted(a.surname for a in store.all(Attendee))


async def test_apply_saves_and_deletes_together_and_tells_the_screen(event_path: Path) -> None:
    app = Host()
    async with app.run_test() as pilot:
        with EventStore(event_path) as store:
            session = EventSession(store, app)
            old = Attendee(first_name="Sam", surname="Kaur")
            assert await session.save(old)
            origin = object()

            saved = await session.apply(
                [Attendee(first_name="Ade", surname="Okafor")], [(Attendee, old.id)], origin=origin
            )

            assert saved
            assert [a.surname for a in session.all(Attendee)] == ["Okafor"]
            await wait_until(pilot, lambda: len(app.changes) == 2)
            assert app.changes[-1].kinds == {Attendee} and app.changes[-1].origin is origin
    assert _names(event_path) == ["Okafor"]


async def test_changes_land_in_the_order_they_were_asked_for(event_path: Path) -> None:
    app = Host()
    async with app.run_test():
        with EventStore(event_path) as store:
            session = EventSession(store, app)
            room = Workshop(title="Workshop A", room="Conference Room")
            renamed = [room.edited(room=f"Room {n}") for n in range(20)]

            results = await asyncio.gather(*(session.save(r) for r in renamed))

            assert all(results)
            assert session.get(Workshop, room.id).room == "Room 19"


async def test_a_read_only_window_says_so_and_saves_nothing(event_path: Path) -> None:
    app = Host()
    async with app.run_test() as pilot:
        with EventStore(event_path) as writer, EventStore(event_path, read_only=True) as reader:
            session = EventSession(reader, app)

            saved = await session.save(Attendee(first_name="Sam", surname="Kaur"))

            assert not saved
            await pilot.pause()
            [told] = notifications(app)
            # the store's words, naming who has it open (tests/store covers the naming)
            assert told == f"Not saved: {reader.read_only_reason()}"
            assert "read-only here" in told
            with pytest.raises(SaveRefused):
                session.apply_blocking([Attendee(first_name="Sam", surname="Kaur")])
            assert writer.all(Attendee) == [] and app.changes == []


async def test_a_full_disk_is_one_clear_message_and_nothing_changes(
    event_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = Host()
    async with app.run_test() as pilot:
        with EventStore(event_path) as store:
            session = EventSession(store, app)
            kept = Attendee(first_name="Sam", surname="Kaur")
            assert await session.save(kept)

            def full(*args: object, **kwargs: object) -> None:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(store, "apply", full)
            saved = await session.apply(
                [Attendee(first_name="Ade", surname="Okafor")], [(Attendee, kept.id)]
            )
            monkeypatch.undo()

            assert not saved
            await pilot.pause()
            assert notifications(app)[-1] == "Not saved: The disk is full: nothing was changed."
            assert [a.surname for a in session.all(Attendee)] == ["Kaur"]


def test_a_damaged_record_is_event_unreadable_for_the_views(
    event_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Views catch EventUnreadable (never Exception): the store's errors stay the store's."""
    from workshop_app.store.errors import RecordError
    from workshop_app.tui.event_session import EventUnreadable

    with EventStore(event_path) as store:
        session = EventSession(store, Host())

        def damaged(*args: object) -> None:
            raise RecordError("The attendees table of event.json is damaged: bad date")

        monkeypatch.setattr(store, "all", damaged)
        monkeypatch.setattr(store, "get", damaged)
        monkeypatch.setattr(store, "count", damaged)
        with pytest.raises(EventUnreadable, match="attendees table of event.json"):
            session.all(Attendee)
        with pytest.raises(EventUnreadable):
            session.get(Attendee, "any")
        with pytest.raises(EventUnreadable):
            session.count(Attendee)
        with pytest.raises(EventUnreadable):
            session.event  # noqa: B018 (a property that reads the event's record)


async def test_refuse_if_read_only_tells_why_once_and_only_when_read_only(
    event_path: Path,
) -> None:
    """The one read-only rule, asked before a form opens (Workshops and the desk use it)."""
    app = Host()
    async with app.run_test() as pilot:
        with EventStore(event_path) as writer, EventStore(event_path, read_only=True) as reader:
            assert not EventSession(writer, app).refuse_if_read_only("Walk-in not added")
            await pilot.pause()
            assert notifications(app) == []

            assert EventSession(reader, app).refuse_if_read_only("Walk-in not added")
            await pilot.pause()
            assert notifications(app) == [f"Walk-in not added: {reader.read_only_reason()}"]
