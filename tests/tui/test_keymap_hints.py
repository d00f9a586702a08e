"""Hints that name a key ("press n to add one") name the key the user's keymap gave it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from workshop_app.store.catalog import EventCatalog
from workshop_app.tui.app import WorkshopApp
from workshop_app.tui.widgets.tables_pane import TablesPane

from .helpers import wait_for_open_event, wait_until


async def test_the_tables_tab_hints_name_the_keys_the_keymap_moved(
    catalog: EventCatalog, tmp_path: Path
) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text(
        '[keymap]\ntables.new-round = "f7"\ntables.seat-late = "f8"\n', encoding="utf-8"
    )
    with catalog.create("Keymap Day", "2026-11-23") as store:
        path = store.path
    app = WorkshopApp(catalog, event_path=path, keymap_path=keymap)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await wait_for_open_event(pilot)
        await pilot.press("3")
        pane = screen.query_one(TablesPane)
        prompt = pane.query_one("#round-prompt", Static)
        mix = pane.query_one("#table-mix", Static)
        await wait_until(pilot, lambda: "press f7 to add one" in str(prompt.content))
        await wait_until(pilot, lambda: "press f8 to seat them" in str(mix.content))


async def test_the_empty_desk_names_the_keys_the_keymap_moved(
    catalog: EventCatalog, tmp_path: Path
) -> None:
    from workshop_app.tui.widgets.attendees_pane import AttendeesPane

    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\ndesk.walk-in = "f4"\ndesk.import = "f6"\n', encoding="utf-8")
    with catalog.create("Keymap Desk", "2026-11-23") as store:
        path = store.path
    app = WorkshopApp(catalog, event_path=path, keymap_path=keymap)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await wait_for_open_event(pilot)
        detail = screen.query_one(AttendeesPane).query_one("#attendee-detail", Static)

        await wait_until(pilot, lambda: "No attendees yet" in str(detail.content))
        assert "Press f6 to import a list" in str(detail.content)
        assert "f4" in str(detail.content) and "^n" not in str(detail.content)
