"""F1 help and the command palette are generated from the bindings of the screen in front."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static, TabbedContent, Tabs
from textual.widgets._footer import FooterKey

from workshop_app.core.models import Attendee, Workshop
from workshop_app.core.workshop_plan import AllocationPin
from workshop_app.store.catalog import EventCatalog
from workshop_app.tui.screens.event_form import EventDetailsForm
from workshop_app.tui.screens.help import HelpScreen
from workshop_app.tui.screens.launcher import LauncherScreen
from workshop_app.tui.screens.pin_dialog import PinDialog
from workshop_app.tui.widgets.app_footer import AppFooter
from workshop_app.tui.widgets.workshops_pane import WorkshopsPane

from .conftest import AppFactory
from .helpers import (
    notifications,
    wait_for_open_event,
    wait_for_screen,
    wait_for_workers,
    wait_until,
)


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
        described = {does for _, does in rows}
        assert {"Close event", "Attendees", "Export", "Export JSON"} <= described
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


async def palette_offers(pilot: Pilot[Any], query: str) -> list[str]:
    """Open the palette, type `query`, and read the commands it offers (first lines)."""
    await pilot.press("ctrl+p")
    palette = await wait_for_screen(pilot, CommandPalette)
    await pilot.press(*query)
    commands = palette.query_one(CommandList)
    await wait_until(pilot, lambda: commands.option_count > 0, timeout=3)
    await wait_for_workers(pilot)  # every provider has answered
    return [
        str(commands.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(commands.option_count)
    ]


def workshops_event(catalog: EventCatalog) -> Path:
    with catalog.create("Keys test", "2026-11-23") as store:
        store.save_many(
            [
                Attendee(first_name="Ann", surname="Abbott"),
                Attendee(first_name="Kim", surname="Kaur"),
                Workshop(title="Workshop A", capacity=10, position=1),
                Workshop(title="Workshop B", capacity=10, position=2),
            ]
        )
        return store.path


async def show_tab(pilot: Pilot[Any], pane_id: str) -> Any:
    screen = await wait_for_open_event(pilot)
    screen.action_show_tab(pane_id)
    await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == pane_id)
    await wait_for_workers(pilot)
    return screen


async def test_the_palette_finds_pin_on_workshops_wherever_the_focus_is_and_pins(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=workshops_event(catalog))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show_tab(pilot, "workshops")
        pane = screen.query_one(WorkshopsPane)
        await wait_until(pilot, lambda: pane.allocation is not None)
        screen.query_one(TabbedContent).query_one(Tabs).focus()  # not inside the tab at all
        assert "Pin" in await palette_offers(pilot, "pin")
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("Pin whom?" in n for n in notifications(app)))
        finder = pane.query_one("#find-name", Input)
        assert app.focused is finder, "nobody highlighted: it says so and goes to the search"
        await pilot.press(*"abbott", "enter")
        assert "Move" in await palette_offers(pilot, "move")
        await pilot.press("escape")
        assert "Pin" in await palette_offers(pilot, "pin")
        await pilot.press("enter")
        await wait_for_screen(pilot, PinDialog)
        await pilot.press("down", "enter", "enter")  # Workshop B, then save with no reason
        await wait_until(pilot, lambda: len(screen.store.all(AllocationPin)) == 1)
        [pin] = screen.store.all(AllocationPin)
        assert pin.workshop_id == pane.allocation.workshops[1].id


async def test_the_palette_finds_every_tables_action_even_from_the_row_of_tabs(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=catalog.demo())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show_tab(pilot, "tables")
        screen.query_one(TabbedContent).query_one(Tabs).focus()
        assert "Seat all" in await palette_offers(pilot, "seat")
        await pilot.press("escape")
        assert "Add table" in await palette_offers(pilot, "add table")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        palette = await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*"add workshop")
        await wait_for_workers(pilot)
        offered = palette.query_one(CommandList)
        prompts = [str(offered.get_option_at_index(i).prompt) for i in range(offered.option_count)]
        assert not any("Add workshop" in p for p in prompts), "only the tab shown"


async def test_the_workshops_footer_at_80_columns_has_find_pin_and_move(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=workshops_event(catalog))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show_tab(pilot, "workshops")
        await wait_until(pilot, lambda: screen.query_one(WorkshopsPane).allocation is not None)
        footer = screen.query_one(AppFooter)
        keys = footer.query(FooterKey)
        await wait_until(pilot, lambda: all(k.region.right <= 80 for k in keys if k.display))
        shown = [k.description for k in keys if k.display and k.description]
        assert shown[:6] == ["Find", "Pin", "Move", "Recompute", "Export", "Add workshop"]
        assert "Help" in shown, "F1 lists the keys left out"


async def test_help_keeps_keys_and_what_they_do_apart_at_80_columns(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=workshops_event(catalog))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show_tab(pilot, "workshops")
        await wait_until(pilot, lambda: screen.query_one(WorkshopsPane).allocation is not None)
        await pilot.press("f1")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        keys = list(help_screen.query(".keys .key").results(Static))
        does = list(help_screen.query(".keys .does").results(Static))
        assert ("^c / super+c", "Copy selected text") in help_rows(help_screen)
        lefts = {d.region.x for d in does}
        assert len(lefts) == 1, "one column of names, all the way down"
        for key, name in zip(keys, does, strict=True):
            text = str(key.content)
            assert key.region.width >= len(text), f"{text!r} is cut"
            assert key.region.right < name.region.x, f"{text!r} runs into its name"
        titles = [str(t.content) for t in help_screen.query(".section-title").results(Label)]
        assert "In the workshop table" in titles, "the whole tab's keys, not only the focused"
        pin_rows = [row for row in help_rows(help_screen) if row[1] == "Pin"]
        assert pin_rows == [("p", "Pin")]
