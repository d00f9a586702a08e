"""Importing at the desk: path, preview, mapping a column by hand, confirm or cancel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, OptionList, Select, Static

from workshop_app.core.models import Attendee
from workshop_app.io import attendee_import
from workshop_app.io.columns import TARGETS
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore
from workshop_app.tui.screens.confirm import ConfirmDialog
from workshop_app.tui.screens.import_path import ImportPathDialog
from workshop_app.tui.screens.import_preview import ImportPreviewScreen
from workshop_app.tui.screens.map_column import MapColumnDialog
from workshop_app.tui.screens.name_column import NameColumnDialog
from workshop_app.tui.widgets.attendee_list import AttendeeList
from workshop_app.tui.widgets.attendees_pane import AttendeesPane

from .conftest import AppFactory
from .helpers import notifications, wait_for_open_event, wait_for_screen, wait_until

IMPORTS = Path(__file__).parent.parent / "data" / "imports"


def empty_event(catalog: EventCatalog) -> Path:
    with catalog.create("Import test", "2026-11-23") as store:
        return store.path


def saved(path: Path) -> list[Attendee]:
    with EventStore(path, read_only=True) as store:
        return store.all(Attendee)


async def open_import_dialog(pilot: Pilot[Any], file: Path) -> ImportPathDialog:
    """Open the event's desk, press ctrl+o and give `file`; returns the path dialog."""
    screen = await wait_for_open_event(pilot)
    pane = screen.query_one(AttendeesPane)
    await wait_until(
        pilot, lambda: "No attendees yet" in str(pane.query_one("#attendee-detail", Static).content)
    )
    await pilot.press("ctrl+o")
    dialog = await wait_for_screen(pilot, ImportPathDialog)
    dialog.query_one(Input).value = str(file)
    await pilot.press("enter")
    return dialog


async def start_import(pilot: Pilot[Any], file: Path) -> ImportPreviewScreen:
    await open_import_dialog(pilot, file)
    return await wait_for_screen(pilot, ImportPreviewScreen)


async def test_preview_map_a_column_then_confirm(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = empty_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        preview_screen = await start_import(pilot, IMPORTS / "generic_names.csv")
        preview = preview_screen.preview
        assert preview.column_mapping["Badge colour"] == "extra"
        table = preview_screen.query_one("#import-rows", DataTable)
        mapping_row = [str(cell) for cell in table.get_row("#mapping")]
        assert "→ full_name" in mapping_row and "→ extra" in mapping_row
        assert str(table.get_row_at(1)[1]) == "Dr Anna van der Berg"
        assert saved(path) == [], "nothing is saved by the preview"

        # The cursor starts on the column no rule recognised; Enter opens its mapping.
        await pilot.press("enter")
        dialog = await wait_for_screen(pilot, MapColumnDialog)
        assert dialog.column == "Badge colour"
        targets = dialog.query_one(OptionList)
        targets.highlighted = TARGETS.index("notes")
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, ImportPreviewScreen) and app.screen is not preview_screen
            ),
        )
        remapped = app.screen.preview  # type: ignore[attr-defined]
        assert remapped.column_mapping["Badge colour"] == "notes"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(saved(path)) == len(remapped.to_save))
        anna = next(a for a in saved(path) if a.surname == "van der Berg")
        assert anna.notes == "green"
        pane = app.screen.query_one(AttendeesPane)
        await wait_until(pilot, lambda: len(pane.index) == len(remapped.to_save))
        await wait_until(pilot, lambda: isinstance(app.focused, AttendeeList))
        assert any("Imported generic_names.csv" in n for n in notifications(app))


async def test_arrow_keys_move_in_the_preview_without_opening_a_mapping(
    make_app: AppFactory, catalog: EventCatalog, tmp_path: Path
) -> None:
    path = empty_event(catalog)
    listing = tmp_path / "long.csv"
    with listing.open("w", encoding="utf-8") as f:
        f.write("Name,Organisation,Badge colour\n")
        f.writelines(f"Person{n} Surname{n},Org {n},green\n" for n in range(60))
    app = make_app(event_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        preview_screen = await start_import(pilot, listing)
        table = preview_screen.query_one("#import-rows", DataTable)
        assert app.focused is table
        assert table.size.height >= 14, "most of 80x24 shows the rows"
        for key in ("down", "down", "down", "left", "right", "up"):
            await pilot.press(key)
        await pilot.pause()
        assert app.screen is preview_screen, "no dropdown or dialog opened"
        assert table.scroll_y == 2
        await pilot.press("ctrl+r")
        dialog = await wait_for_screen(pilot, MapColumnDialog)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is preview_screen)
        assert dialog.column == "Badge colour"
        assert preview_screen.preview.column_mapping["Badge colour"] == "extra"


async def test_a_list_longer_than_any_event_needs_an_explicit_confirm(
    make_app: AppFactory, catalog: EventCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attendee_import, "LARGE_LIST", 3)
    path = empty_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        preview_screen = await start_import(pilot, IMPORTS / "eventbrite_us.csv")
        warning = str(preview_screen.query_one("#import-warning", Static).content)
        assert warning == "Warning: 4 people, more than any event: is this the right file?"
        await pilot.press("ctrl+s")
        sure = await wait_for_screen(pilot, ConfirmDialog)
        assert "Import all 4 people" in str(sure.query_one("#message", Static).content)
        await pilot.press("enter")  # the safe choice has the focus: go back
        await wait_until(pilot, lambda: app.screen is preview_screen)
        assert saved(path) == []
        await pilot.press("ctrl+s")
        sure = await wait_for_screen(pilot, ConfirmDialog)
        sure.query_one("#confirm", Button).press()
        await wait_until(pilot, lambda: len(saved(path)) == 4)


async def test_cancelling_the_preview_saves_nothing(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = empty_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_import(pilot, IMPORTS / "eventbrite_uk.xlsx")
        await pilot.press("escape")
        await wait_until(pilot, lambda: any("nothing was saved" in n for n in notifications(app)))
        assert saved(path) == []


async def test_a_bad_file_is_explained_and_saves_nothing(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = empty_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_import_dialog(pilot, Path("/no/such/file.csv"))
        assert "There is no file at /no/such/file.csv" in str(
            dialog.query_one("#form-error", Static).content
        )
        dialog.query_one(Input).value = str(IMPORTS / "screenshot.csv")
        await pilot.press("enter")
        problem = await wait_for_screen(pilot, ConfirmDialog)
        message = str(problem.query_one("#message", Static).content)
        assert "screenshot.csv" in message and "PNG" in message
        assert "Nothing was saved" in message
        await pilot.press("enter")
        assert saved(path) == []


async def test_without_a_name_column_the_names_column_can_be_chosen(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = empty_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_import_dialog(pilot, IMPORTS / "unmapped_name.csv")
        dialog = await wait_for_screen(pilot, NameColumnDialog)
        message = str(dialog.query_one("#message", Static).content)
        assert "unmapped_name.csv: no column for names" in message
        assert "found: Delegate, Employer, Table preference" in message
        column = dialog.query_one("#name-column", Select)
        assert app.focused is column and column.value == "Delegate"
        assert dialog.query_one("#name-field", Select).value == "full_name"
        await pilot.press("ctrl+r")

        preview_screen = await wait_for_screen(pilot, ImportPreviewScreen)
        assert preview_screen.preview.column_mapping["Delegate"] == "full_name"
        assert saved(path) == [], "nothing is saved before the preview is confirmed"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(saved(path)) == 2)
        anna = next(a for a in saved(path) if a.surname == "van der Berg")
        assert (anna.title, anna.first_name, anna.organisation) == (
            "Dr",
            "Anna",
            "Northside Community Trust",
        )


async def test_a_file_with_no_names_at_all_can_be_left(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = empty_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_import_dialog(pilot, IMPORTS / "no_name_column.csv")
        dialog = await wait_for_screen(pilot, NameColumnDialog)
        message = str(dialog.query_one("#message", Static).content)
        assert "no_name_column.csv" in message and "no column for names" in message
        await pilot.press("escape")
        await wait_until(pilot, lambda: any("nothing was saved" in n for n in notifications(app)))
        assert saved(path) == []


async def test_an_import_the_disk_cannot_hold_says_so_and_saves_nobody(
    make_app: AppFactory, catalog: EventCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    path = empty_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_import(pilot, IMPORTS / "eventbrite_us.csv")

        def full(*args: object, **kwargs: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(EventStore, "apply", full)  # the session's one way to save
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("Import failed" in n for n in notifications(app)))
        told = next(n for n in notifications(app) if "Import failed" in n)
        assert told == ("Import failed: The disk is full: nothing was changed.\nNothing was saved.")
        monkeypatch.undo()
        assert saved(path) == []


async def test_a_long_list_changed_after_its_preview_is_said_to_save_nothing(
    make_app: AppFactory, catalog: EventCatalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attendee_import, "KEEP_ROWS", 2)  # three people: a "long" list
    path = empty_event(catalog)
    listing = tmp_path / "long.csv"
    listing.write_text("Name\nAnn Abbott\nBen Brook\nCat Cole\n", encoding="utf-8")
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        preview_screen = await start_import(pilot, listing)
        assert not preview_screen.preview.complete
        listing.write_text("Name\nAnn Abbott\nBen Brook\nCat Cole\nDan Dee\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("Import failed" in n for n in notifications(app)))
        failed = next(n for n in notifications(app) if "Import failed" in n)
        assert "changed since the preview" in failed and "nothing was saved" in failed
        assert "saved in parts" not in failed, "no contradicting sentence"
        assert saved(path) == []
