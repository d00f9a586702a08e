"""F1 help and the command palette are generated from the bindings of the screen in front."""

from __future__ import annotations

from textual.widgets import Label, Static

from workshop_app.store.catalog import EventCatalog
from workshop_app.tui.screens.event_form import EventDetailsForm
from workshop_app.tui.screens.help import HelpScreen
from workshop_app.tui.screens.launcher import LauncherScreen

from .conftest import AppFactory
from .helpers import wait_for_open_event, wait_for_screen, wait_for_workers


def help_rows(screen: HelpScreen) -> list[tuple[str, str]]:
    cells = [str(s.content) for s in screen.query(".keys Static").results(Static)]
    return [(cells[i], cells[i + 1]) for i in range(0, len(cells), 3)]


async def test_f1_explains_the_launcher_keys(make_app: AppFactory, catalog: EventCatalog) -> None:
    catalog.demo()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("f1")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        rows = help_rows(help_screen)
        for row in [
            ("n", "New"),
            ("⏎", "Open"),
            ("d", "Duplicate"),
            ("del", "Delete"),
            ("m", "Demo"),
            ("r", "Refresh"),
            ("f1", "Help"),
        ]:
            assert row in rows
        titles = [
            str(label.content) for label in help_screen.query(".section-title").results(Label)
        ]
        assert titles[0] == "On this screen" and titles[-1] == "Everywhere"
        await pilot.press("escape")
        await wait_for_screen(pilot, LauncherScreen)


async def test_f1_explains_the_event_screen_keys(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=catalog.demo())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_open_event(pilot)
        await pilot.press("f1")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        rows = help_rows(help_screen)
        assert ("esc / q", "Close event") in rows
        assert ("1", "Attendees") in rows and ("6", "Export") in rows
        assert ("e", "Export JSON") in rows
        await pilot.press("f1")
        screen = await wait_for_open_event(pilot)
        assert not screen.store.read_only


async def test_the_palette_runs_the_screen_actions(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    catalog.demo()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"duplicate")
        await wait_for_workers(pilot)
        await pilot.press("enter")
        form = await wait_for_screen(pilot, EventDetailsForm)
        assert form.details.name == "Northfield Community Network Event (copy)"
