"""The launcher: listing, creating, opening, duplicating and deleting events."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from workshop_app.core.models import Attendee, CommunityGroup, Workshop
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore
from workshop_app.tui.screens.confirm import ConfirmDialog
from workshop_app.tui.screens.event_form import EventDetailsForm
from workshop_app.tui.screens.launcher import LauncherScreen
from workshop_app.tui.widgets.event_list import EventList

from .conftest import AppFactory
from .helpers import (
    notifications,
    wait_for_open_event,
    wait_for_screen,
    wait_for_workers,
    wait_until,
)


def make_event(catalog: EventCatalog, name: str, date: str = "", venue: str = "") -> Path:
    with catalog.create(name, date, venue) as store:
        return store.path


def listed_names(app: object) -> list[str]:
    events = app.screen.query_one(EventList)  # type: ignore[attr-defined]
    return [str(events.get_row_at(row)[0]).split("\n")[0] for row in range(events.row_count)]


async def test_an_empty_folder_says_how_to_start(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        empty = app.screen.query_one("#empty", Static)
        assert empty.display
        assert "Press n to create one" in str(empty.content)
        assert "m to open the demo event" in str(empty.content)
        assert not app.screen.query_one(EventList).display


async def test_events_are_listed_and_an_unreadable_one_says_why(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    make_event(catalog, "Spring Roadshow", "2026-04-01", "Town Hall")
    broken = catalog.folder / "broken.json"
    broken.write_text("{not json")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        assert sorted(listed_names(app)) == ["Spring Roadshow", "broken.json"]
        events = app.screen.query_one(EventList)
        events.move_cursor(row=events.get_row_index(str(broken)))
        await pilot.pause()
        detail = str(app.screen.query_one("#event-detail", Static).content)
        assert "cannot be read" in detail and "damaged" in detail
        assert broken.read_text() == "{not json", "listing must never move or change a file"


async def test_create_shows_a_bad_date_in_the_form_and_creates_nothing(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        form = await wait_for_screen(pilot, EventDetailsForm)
        form.query_one("#name", Input).value = "Autumn Network Event"
        form.query_one("#date", Input).value = "23/11/2026"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: form.error)
        assert app.screen is form, "the form stays open to fix the date"
        assert "'23/11/2026' is not a date" in form.error
        assert form.query_one("#form-error").display
        assert catalog.paths() == []

        form.query_one("#date", Input).value = "2026-11-23"
        await pilot.pause()
        assert form.error == "", "typing clears the old problem"
        await pilot.press("ctrl+s")
        screen = await wait_for_open_event(pilot)
        assert screen.store.event.name == "Autumn Network Event"
        assert screen.store.event.date == "2026-11-23"
    assert [p.name for p in catalog.paths()] == ["autumn-network-event-2026-11-23.json"]


async def test_enter_goes_from_name_to_date_to_venue_and_creates_on_the_last(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    """Enter on the name once created the event at once; the date typed next then
    landed on the event screen, where its digits switch tabs."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        await wait_for_screen(pilot, EventDetailsForm)
        await pilot.press(*"Roadshow", "enter")
        assert catalog.paths() == [] and app.focused.id == "date"
        await pilot.press(*"2027-03-14", "enter", *"Library", "enter")
        screen = await wait_for_open_event(pilot)
        event = screen.store.event
        assert (event.name, event.date, event.venue) == ("Roadshow", "2027-03-14", "Library")


async def test_create_without_a_name_is_refused_in_the_form(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        form = await wait_for_screen(pilot, EventDetailsForm)
        await pilot.click("#submit")
        await wait_until(pilot, lambda: form.error)
        assert form.error == "The event needs a name."
        await pilot.press("escape")
        await wait_for_screen(pilot, LauncherScreen)
    assert catalog.paths() == []


async def test_enter_opens_the_highlighted_event(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = make_event(catalog, "Spring Roadshow", "2026-04-01", "Town Hall")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("enter")
        screen = await wait_for_open_event(pilot)
        assert screen.store.path == path
        assert not screen.store.read_only
        assert screen.title == "Spring Roadshow"
        where = str(screen.query_one("#event-where", Static).content)
        assert where == "Wednesday 1 April 2026 · Town Hall"


async def test_duplicate_copies_the_set_up_and_no_people(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    source = catalog.demo()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("d")
        form = await wait_for_screen(pilot, EventDetailsForm)
        assert form.details.name == "Northfield Community Network Event (copy)"
        assert form.details.venue == "Northfield Civic Centre"
        form.query_one("#date", Input).value = "2027-03-02"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, LauncherScreen)
        await wait_for_workers(pilot)
        events = app.screen.query_one(EventList)
        assert events.highlighted is not None
        assert events.highlighted.name == "Northfield Community Network Event (copy)"
        copy_path = events.highlighted.path
    assert copy_path != source
    with EventStore(copy_path, read_only=True) as copy:
        assert copy.event.date == "2027-03-02"
        assert copy.count(Attendee) == 0
        assert copy.count(Workshop) == 2
        assert copy.count(CommunityGroup) == 5


async def test_delete_asks_first_and_moves_the_event_to_the_bin(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = make_event(catalog, "Spring Roadshow", "2026-04-01")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("delete")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        message = str(dialog.query_one("#message", Static).content)
        assert "Spring Roadshow" in message
        assert "sessions/.deleted" in message
        assert app.focused is dialog.query_one("#cancel"), "the safe answer has focus"
        await pilot.click("#confirm")
        await wait_for_screen(pilot, LauncherScreen)
        await wait_for_workers(pilot)
        assert listed_names(app) == []
        assert app.screen.query_one("#empty").display
        assert any("moved to sessions/.deleted" in n for n in notifications(app))
    assert not path.exists()
    assert len(list((catalog.folder / ".deleted").glob("spring-roadshow-2026-04-01-*.json"))) == 1


async def test_cancelling_delete_keeps_the_event(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = make_event(catalog, "Spring Roadshow")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("delete")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("escape")
        await wait_for_screen(pilot, LauncherScreen)
        await wait_for_workers(pilot)
        assert listed_names(app) == ["Spring Roadshow"]
    assert path.exists()
    assert not (catalog.folder / ".deleted").exists()


async def test_demo_key_opens_the_demo_event(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("m")
        screen = await wait_for_open_event(pilot)
        assert screen.title == "Northfield Community Network Event"


async def test_keys_for_an_event_are_hidden_when_there_is_none(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        shown = {b.binding.action for b in app.screen.active_bindings.values()}
        assert {"new_event", "open_demo"} <= shown
        assert not {"open_event", "duplicate_event", "delete_event"} & shown
        await pilot.press("delete", "d", "enter")
        assert isinstance(app.screen, LauncherScreen)


async def test_a_damaged_event_stays_listed_after_its_restore_is_cancelled_and_is_offered_again(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = make_event(catalog, "Harbour Day", "2026-05-02")
    with EventStore(path) as store:
        store.save(Attendee(first_name="Nia", surname="Kept"))
    path.write_bytes(b'{"event": {"1": {"name": "Harb')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        for _ in range(2):  # cancelling never makes it vanish, however often
            await pilot.press("enter")
            dialog = await wait_for_screen(pilot, ConfirmDialog)
            assert "is damaged" in str(dialog.query_one("#message", Static).content)
            await pilot.press("escape")
            await wait_for_screen(pilot, LauncherScreen)
            await wait_for_workers(pilot)
            assert listed_names(app) == ["Harbour Day"]
            cell = str(app.screen.query_one(EventList).get_row_at(0)[0])
            assert "damaged: open it to restore" in cell
            detail = str(app.screen.query_one("#event-detail", Static).content)
            assert "Press enter to restore it" in detail
        await pilot.press("enter")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.click("#confirm")
        screen = await wait_for_open_event(pilot)
        assert screen.store.count(Attendee) == 1
        assert any("every save up to" in n for n in notifications(app))


async def test_an_event_whose_file_is_lost_is_listed_and_rebuilt_from_its_journal(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = make_event(catalog, "Harbour Day", "2026-05-02")
    store = EventStore(path)
    store.save(Attendee(first_name="Owen", surname="Journaled"))
    store._storage._release()  # as kill -9 leaves it: the journal holds the save
    path.unlink()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        assert listed_names(app) == ["Harbour Day"]
        await pilot.press("enter")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "its file is missing" in str(dialog.query_one("#message", Static).content)
        await pilot.click("#confirm")
        screen = await wait_for_open_event(pilot)
        assert [a.surname for a in screen.store.all(Attendee)] == ["Journaled"]


async def test_a_read_only_window_follows_the_writers_saves(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    from workshop_app.tui.widgets.attendees_pane import AttendeesPane

    path = make_event(catalog, "Harbour Day", "2026-05-02")
    with EventStore(path) as writer:  # another window has it open
        writer.save(Attendee(first_name="Nia", surname="Early"))
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_workers(pilot)
            await pilot.press("enter")
            await wait_for_screen(pilot, ConfirmDialog)
            await pilot.click("#confirm")  # open read-only
            screen = await wait_for_open_event(pilot)
            assert screen.store.read_only
            desk = screen.query_one(AttendeesPane)
            await wait_until(pilot, lambda: desk.index is not None and len(desk.index) == 1)

            writer.save(Attendee(first_name="Owen", surname="Later"))
            await wait_until(pilot, lambda: len(desk.index) == 2)
            assert "has it open" in screen.store.read_only_reason()
