"""Importing at the desk: path, preview, mapping a column by hand, confirm or cancel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from workshop_app.core.models import Attendee
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore
from workshop_app.tui.screens.confirm import ConfirmDialog
from workshop_app.tui.screens.import_path import ImportPathDialog
from workshop_app.tui.screens.import_preview import ImportPreviewScreen
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
        text = str(preview_screen.query_one("#import-text", Static).content)
        assert "Columns:" in text and "Badge colour" in text and "First" in text
        assert saved(path) == [], "nothing is saved by the preview"

        preview_screen.query_one("#map-column", Select).value = "Badge colour"
        preview_screen.query_one("#map-target", Select).value = "notes"
        await pilot.press("ctrl+r")
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
