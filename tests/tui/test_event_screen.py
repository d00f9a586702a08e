"""Opening an event (locked, damaged, recovered), its tabs, its export, and leaving it."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from textual.widgets import Button, Static, TabbedContent

from workshop_app.core.models import Attendee, Event
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.durable import journal_path_for
from workshop_app.store.event_store import EventStore
from workshop_app.tui.screens.confirm import ConfirmDialog
from workshop_app.tui.screens.launcher import LauncherScreen
from workshop_app.tui.widgets.attendee_list import AttendeeList

from .conftest import AppFactory
from .helpers import (
    notifications,
    wait_for_open_event,
    wait_for_screen,
    wait_for_workers,
    wait_until,
)


def event_with_attendees(catalog: EventCatalog, count: int) -> Path:
    with catalog.create("Big Network Event", "2026-11-23", "Civic Centre") as store:
        store.save_many(
            Attendee(first_name="Sam", surname=f"Surname{n:05d}", walk_in=n % 10 == 0)
            for n in range(count)
        )
        return store.path


async def test_a_locked_event_can_be_opened_read_only(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = event_with_attendees(catalog, 3)
    other_window = EventStore(path)
    try:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_workers(pilot)
            await pilot.press("enter")
            dialog = await wait_for_screen(pilot, ConfirmDialog)
            assert "already open in another window" in str(
                dialog.query_one("#message", Static).content
            )
            assert str(dialog.query_one("#confirm", Button).label) == "Open read-only"
            await pilot.click("#confirm")
            screen = await wait_for_open_event(pilot)
            assert screen.store.read_only
            assert screen.sub_title == "READ-ONLY"
            badge = str(screen.query_one("#read-only-badge", Static).content)
            assert badge == "READ-ONLY · changes are not saved"
    finally:
        other_window.close()


async def test_cancelling_a_locked_event_stays_on_the_launcher(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = event_with_attendees(catalog, 3)
    with EventStore(path):
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_workers(pilot)
            await pilot.press("enter")
            await wait_for_screen(pilot, ConfirmDialog)
            await pilot.press("escape")
            await wait_for_screen(pilot, LauncherScreen)
            await wait_for_workers(pilot)
            assert app.screen.focused is not None, "focus returns to the list"


async def test_a_damaged_event_offers_the_newest_backup(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = event_with_attendees(catalog, 12)  # closing it took a backup
    path.write_bytes(b'{"event": {"1": {"name": "half a fi')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("enter")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        message = str(dialog.query_one("#message", Static).content)
        assert "is damaged" in message and "newest good backup" in message
        await pilot.click("#confirm")
        screen = await wait_for_open_event(pilot)
        assert screen.store.count(Attendee) == 12
        assert any("Restored" in n for n in notifications(app))
    assert list(catalog.folder.glob("*.corrupt-*")), "the damaged file was kept aside"


async def test_a_damaged_event_without_backup_is_explained(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    (catalog.folder).mkdir(parents=True)
    (catalog.folder / "empty.json").write_bytes(b"")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("enter")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "No backup was found" in str(dialog.query_one("#message", Static).content)
        assert not dialog.query("#cancel"), "nothing to choose: the dialog only informs"
        await pilot.press("enter")
        await wait_for_screen(pilot, LauncherScreen)


async def test_a_torn_last_save_is_reported_once_opened(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = event_with_attendees(catalog, 2)
    journal_path_for(path).write_bytes(b'0badc0de {"attendees": {"9": {"first_na')
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_open_event(pilot)
        assert any("incomplete and was dropped" in n for n in notifications(app))


async def test_leaving_an_event_closes_it(make_app: AppFactory, catalog: EventCatalog) -> None:
    path = event_with_attendees(catalog, 5)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_open_event(pilot)
        assert journal_path_for(path).exists(), "an open event keeps a journal"
        await pilot.press("ctrl+w")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("enter")  # Close event
        await wait_for_screen(pilot, LauncherScreen)
        assert screen.store.path == path
        assert not journal_path_for(path).exists(), "the journal was folded into the file"
        tables = json.loads(path.read_text())
        assert len(tables["attendees"]) == 5
        with EventStore(path) as reopened:  # the lock was released
            assert reopened.event.name == "Big Network Event"


async def test_quitting_the_app_closes_the_open_event(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = event_with_attendees(catalog, 5)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_open_event(pilot)
        screen.store.save(screen.store.event.edited(venue="Moved to the Library"))
        await pilot.press("ctrl+q")
    assert not journal_path_for(path).exists()
    tables = json.loads(path.read_text())
    assert [e["venue"] for e in tables["event"].values()] == ["Moved to the Library"]


async def test_the_whole_list_is_listed_by_surname_but_only_visible_rows_are_drawn(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = event_with_attendees(catalog, 250)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_open_event(pilot)
        listing = screen.query_one(AttendeeList)
        await wait_until(pilot, lambda: len(listing.attendees) == 250)
        assert listing.attendees[0].surname == "Surname00000"
        assert listing.attendees[-1].surname == "Surname00249"
        assert listing.virtual_size.height >= 250  # scrollable to everyone...
        assert listing.size.height < 250  # ...while only a screenful is drawn
        figures = str(screen.query_one("#attendee-figures", Static).content)
        assert figures == "Registered 225 · Walk-ins 25 · Checked in 0 of 250"


async def test_number_keys_switch_tabs_and_keep_focus_visible(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=catalog.demo())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_open_event(pilot)
        tabs = screen.query_one(TabbedContent)
        for key, pane in zip(
            ("2", "3", "4", "5", "6", "1"),
            ("workshops", "tables", "assets", "market", "export", "attendees"),
            strict=True,
        ):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active == pane
            focused = app.focused
            assert focused is not None and focused.display
            assert focused.region.area > 0, f"focus is on something visible on {pane}"


async def test_export_writes_a_private_json_file(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=catalog.demo())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_open_event(pilot)
        await wait_for_workers(pilot)
        await pilot.press("ctrl+e")
        await wait_for_workers(pilot)
        exported = list((catalog.folder.parent / "exports").glob("*.json"))
        assert len(exported) == 1, notifications(app)
        assert any(exported[0].name in n for n in notifications(app))
    exports = catalog.folder.parent / "exports"
    assert stat.S_IMODE(exports.stat().st_mode) == 0o700
    assert stat.S_IMODE(exported[0].stat().st_mode) == 0o600
    document = json.loads(exported[0].read_text(encoding="utf-8"))
    assert document["event"]["name"] == "Northfield Community Network Event"
    assert len(document["attendees"]) == 120
    assert len(document["workshops"]) == 2
    assert len(document["groups"]) == 5
    assert set(document) >= {"format", "schema_version", "discussion_rounds", "notes", "themes"}
    assert Event(**document["event"]).venue == "Northfield Civic Centre"


async def test_a_tab_chosen_while_it_is_built_gets_the_focus_once_built(
    make_app: AppFactory, catalog: EventCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed as the event opens, 3 left the focus on the row of tabs, where none of
    the Tables keys worked."""
    from textual.widgets import Tabs

    from workshop_app.tui.screens.event import EventScreen
    from workshop_app.tui.widgets.tables_pane import TablesPane

    held_back: list[EventScreen] = []  # the other tabs are built when the test says

    def hold_back(screen: EventScreen, *message: object) -> None:
        held_back.append(screen)

    monkeypatch.setattr(EventScreen, "on_attendees_pane_first_read", hold_back)
    app = make_app(event_path=catalog.demo())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_screen(pilot, EventScreen)
        await wait_until(pilot, lambda: held_back)
        await pilot.press("3")
        await wait_until(pilot, lambda: isinstance(app.focused, Tabs))
        assert not screen.query(TablesPane), "the Tables tab is not built yet"

        screen._build_the_other_tabs()
        await wait_until(pilot, lambda: screen.all_tabs_built)
        await wait_until(pilot, lambda: not isinstance(app.focused, Tabs))

        tables = screen.query_one(TablesPane)
        assert tables in app.focused.ancestors_with_self
