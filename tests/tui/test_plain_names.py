"""Names with markup and control characters, shown by the TUI: literal, inert, no crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Select, Static
from textual.widgets._select import SelectCurrent

from workshop_app.core.models import Attendee
from workshop_app.core.plain_text import printable
from workshop_app.store.catalog import EventCatalog
from workshop_app.tui.screens.event_form import EventDetailsForm
from workshop_app.tui.screens.help import HelpScreen
from workshop_app.tui.screens.import_preview import ImportPreviewScreen
from workshop_app.tui.screens.name_column import NameColumnDialog
from workshop_app.tui.widgets.event_header import EventHeader

from .conftest import AppFactory
from .helpers import wait_for_open_event, wait_for_screen, wait_for_workers, wait_until
from .test_import_flow import open_import_dialog, saved
from .test_kiosk import FakeClock, KioskHost, results

HOSTILE = "Team [/red] [link=https://x]y[/link] \x1b[2J\r\x00\u202emeeting"
UNSAFE = ("\x1b", "\r", "\x00", "\u202e")


def painted(widget: Static) -> str:
    """The characters the widget sends to the terminal."""
    lines = widget.render_lines(widget.region.reset_offset)
    return "".join(segment.text for line in lines for segment in line)


async def test_the_event_header_and_toasts_show_a_hostile_name_literally(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    with catalog.create(HOSTILE) as store:
        store.save(Attendee(first_name="[bold]Ann\x1b[31m", surname="Lee [/red]"))
        path = store.path
    app = make_app(event_path=path)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_open_event(pilot)
        name = app.screen.query_one(EventHeader).query_one("#event-name", Static)
        await wait_until(pilot, lambda: "[/red]" in painted(name))
        text = painted(name)
        assert printable(" ".join(HOSTILE.split())) in text
        assert not any(char in text for char in UNSAFE)
        app.notify(f"{HOSTILE} saved.", title="[/b]Saved")  # once crashed on markup
        await pilot.pause()
        assert app.is_running


async def test_the_kiosk_shows_a_hostile_name_inertly() -> None:
    person = Attendee(first_name="Ann\u202e", surname="Teal [/red]\x1b[2J")
    app = KioskHost(FakeClock(), people=(person,))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.screen is app.kiosk)
        await pilot.press(*"teal")
        shown = results(app.kiosk)
        assert "Teal [/red]␛[2J" in shown
        assert not any(char in shown for char in UNSAFE)


MARKUP_NAME = "Team [/red] meeting"


def border_title(screen: Screen[Any]) -> str:
    """The text the screen's dialog shows as its border title (Textual hands the title
    back as markup, so it is read back through the markup parser)."""
    return Content.from_markup(screen.query_one(".dialog").border_title or "").plain


async def test_f1_on_an_event_with_markup_in_its_name_shows_the_name_literally(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    with catalog.create(MARKUP_NAME) as store:
        path = store.path
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_open_event(pilot)
        await pilot.press("f1")  # once crashed on the name as markup
        help_screen = await wait_for_screen(pilot, HelpScreen)
        assert border_title(help_screen) == f"Help: {MARKUP_NAME}"


async def test_duplicating_an_event_with_markup_in_its_name_shows_the_name_literally(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    with catalog.create(MARKUP_NAME):
        pass
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("d")  # once crashed on the name as markup
        form = await wait_for_screen(pilot, EventDetailsForm)
        assert border_title(form) == f"Duplicate {MARKUP_NAME}"
        assert form.details.name == f"{MARKUP_NAME} (copy)"


async def test_an_import_of_a_file_and_header_with_markup_shows_both_literally(
    make_app: AppFactory, catalog: EventCatalog, tmp_path: Path
) -> None:
    with catalog.create("Import test") as store:
        path = store.path
    # A file name cannot hold "/": "[final]" and "[bold]" are tags that vanished.
    listing = tmp_path / "attendees [final] [bold].csv"
    listing.write_text("Name [/red],Employer\nAnna Berg,Northside Trust\n", encoding="utf-8")
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_import_dialog(pilot, listing)
        dialog = await wait_for_screen(pilot, NameColumnDialog)
        assert border_title(dialog) == "No name column in attendees [final] [bold].csv"
        column = dialog.query_one("#name-column", Select)
        assert column.value == "Name [/red]"
        assert "Name [/red]" in painted(column.query_one(SelectCurrent).query_one("#label", Static))
        await pilot.press("ctrl+r")
        preview = await wait_for_screen(pilot, ImportPreviewScreen)
        assert border_title(preview).startswith("Import attendees [final] [bold].csv: preview")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: [a.surname for a in saved(path)] == ["Berg"])
        assert app.is_running
