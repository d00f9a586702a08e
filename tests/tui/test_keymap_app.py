"""A user's keymap file moves keys: the moved key works, and the footer, F1 and the
palette show it; what is wrong with the file is said, and `workshop-app keys` checks it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Label, Static, TabbedContent, Tabs
from textual.widgets._footer import FooterKey

from workshop_app import cli
from workshop_app.core.models import Attendee, Workshop
from workshop_app.store.catalog import EventCatalog
from workshop_app.tui.app import WorkshopApp
from workshop_app.tui.keys import declared_keys
from workshop_app.tui.screens.help import HelpScreen
from workshop_app.tui.screens.walk_in import WalkInForm
from workshop_app.tui.screens.workshop_form import WorkshopForm
from workshop_app.tui.widgets.workshops_pane import WorkshopsPane

from .helpers import notifications, wait_for_open_event, wait_for_screen, wait_until


def keymap_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "keymap.toml"
    path.write_text(text, encoding="utf-8")
    return path


def an_event(catalog: EventCatalog) -> Path:
    with catalog.create("Keymap Day", "2026-11-23") as store:
        store.save_many(
            [
                Attendee(first_name="Ann", surname="Abbott"),
                Workshop(title="Workshop A", position=1),
                Workshop(title="Workshop B", position=2),
            ]
        )
        return store.path


def footer_keys(app: WorkshopApp) -> dict[str, str]:
    """What the footer shows: description -> key as displayed."""
    return {
        key.description: key.key_display
        for key in app.screen.query(FooterKey)
        if key.display and key.description
    }


def help_rows(screen: HelpScreen) -> list[tuple[str, str]]:
    cells = [str(s.content) for s in screen.query(".keys Static").results(Static)]
    return [(cells[i], cells[i + 1]) for i in range(0, len(cells), 3)]


async def palette_help(pilot: Pilot[Any], query: str) -> list[str]:
    """The palette's commands for `query`, each with its help line (which quotes the key)."""
    await pilot.press("ctrl+p")
    palette = await wait_for_screen(pilot, CommandPalette)
    await pilot.press(*query)
    commands = palette.query_one(CommandList)
    await wait_until(pilot, lambda: commands.option_count > 0, timeout=5)
    found = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
    await pilot.press("escape")
    return found


async def test_a_desk_key_moved_by_the_keymap_works_and_the_footer_shows_it(
    catalog: EventCatalog, tmp_path: Path
) -> None:
    keymap = keymap_file(tmp_path, '[keymap]\ndesk.walk-in = "f4"\n')
    app = WorkshopApp(catalog, event_path=an_event(catalog), keymap_path=keymap)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_open_event(pilot)
        await wait_until(pilot, lambda: footer_keys(app).get("Walk-in") == "f4")

        await pilot.press("ctrl+n")  # its usual key does nothing now
        await pilot.pause()
        assert not isinstance(app.screen, WalkInForm)
        await pilot.press("f4")
        await wait_for_screen(pilot, WalkInForm)
        assert not notifications(app), "a good keymap says nothing"


async def test_a_workshops_key_moved_by_the_keymap_is_what_f1_and_the_palette_show(
    catalog: EventCatalog, tmp_path: Path
) -> None:
    keymap = keymap_file(tmp_path, '[keymap]\nworkshops.add-workshop = "f6"\n')
    app = WorkshopApp(catalog, event_path=an_event(catalog), keymap_path=keymap)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await wait_for_open_event(pilot)
        screen.action_show_tab("workshops")
        pane = screen.query_one(WorkshopsPane)
        await wait_until(pilot, lambda: pane.allocation is not None)
        pane.query_one("#allocation").focus()
        await wait_until(pilot, lambda: footer_keys(app).get("Add workshop") == "f6")

        await pilot.press("f1")
        rows = help_rows(await wait_for_screen(pilot, HelpScreen))
        assert ("f6", "Add workshop") in rows and ("a", "Add workshop") not in rows
        await pilot.press("escape")

        # The focus on the row of tabs: the palette finds the pane's keys by their
        # declarations, not in the focus chain Textual moves keys in.
        screen.query_one(TabbedContent).query_one(Tabs).focus()
        offered = await palette_help(pilot, "add workshop")
        assert any("Add workshop" in p and "(f6)" in p for p in offered), offered

        pane.query_one("#allocation").focus()
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, WorkshopForm), "its usual key does nothing now"
        await pilot.press("f6")
        await wait_for_screen(pilot, WorkshopForm)


async def test_the_usual_keys_stay_and_the_problem_is_said_when_the_file_is_broken(
    catalog: EventCatalog, tmp_path: Path
) -> None:
    keymap = keymap_file(tmp_path, '[keymap]\ndesk.walk-in = "f4\n')
    app = WorkshopApp(catalog, event_path=an_event(catalog), keymap_path=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_open_event(pilot)
        said = notifications(app)
        assert len(said) == 1 and "is not valid TOML" in said[0] and "line 2" in said[0]
        assert footer_keys(app).get("Walk-in") == "^n"
        await pilot.press("ctrl+n")
        await wait_for_screen(pilot, WalkInForm)


async def test_the_launcher_keys_move_too(catalog: EventCatalog, tmp_path: Path) -> None:
    keymap = keymap_file(tmp_path, '[keymap.launcher]\nnew = "f2"\n')
    app = WorkshopApp(catalog, keymap_path=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: footer_keys(app).get("New") == "f2")
        await pilot.press("f2")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "EventDetailsForm")


def test_every_described_key_has_an_id_so_a_keymap_can_move_it() -> None:
    declared, without_id = declared_keys()

    assert without_id == []
    ids = {key.binding_id for key in declared}
    assert {"desk.walk-in", "workshops.pin", "launcher.open", "event.close", "app.help"} <= ids
    areas = {binding_id.split(".")[0] for binding_id in ids}
    assert all("." in binding_id for binding_id in ids), "ids are prefixed by their area"
    assert {"desk", "workshops", "tables", "event", "form"} <= areas


def test_workshop_app_keys_lists_the_ids_and_checks_the_keymap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keymap = keymap_file(
        tmp_path,
        '[keymap]\nworkshops.pin = "m"\nchek-in = "space"\ndesk.walk-in = "f4"\n'
        'event.close = "ctrl+q"\n',
    )

    code = cli.main(["--data-dir", str(tmp_path / "s"), "--keymap", str(keymap), "keys"])

    out = capsys.readouterr().out
    assert code == 1, "a keymap with problems fails the check"
    walk_in = next(line for line in out.splitlines() if line.startswith("desk.walk-in "))
    assert "f4" in walk_in and "usually ctrl+n" in walk_in and "Walk-in" in walk_in
    assert "no key has the id 'chek-in'" in out
    assert "workshops.pin = 'm' takes 'm' from workshops.move" in out
    assert "event.close = 'ctrl+q': ctrl+q runs Quit on every screen first" in out


def test_workshop_app_keys_passes_a_good_keymap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keymap = keymap_file(tmp_path, '[keymap]\ndesk.walk-in = "f4"\n')

    code = cli.main(["--data-dir", str(tmp_path / "s"), "--keymap", str(keymap), "keys"])

    assert code == 0
    assert "1 key moved, no problems" in capsys.readouterr().out


async def test_the_workshops_hints_quote_the_moved_keys(
    catalog: EventCatalog, tmp_path: Path
) -> None:
    keymap = keymap_file(
        tmp_path, '[keymap.workshops]\nadd-workshop = "f6"\nadd-round = "f7"\nedit-round = "f8"\n'
    )
    with catalog.create("No workshops yet", "2026-11-23") as store:
        path = store.path
    app = WorkshopApp(catalog, event_path=path, keymap_path=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_open_event(pilot)
        screen.action_show_tab("workshops")
        pane = screen.query_one(WorkshopsPane)
        await wait_until(pilot, lambda: pane.inputs is not None)
        summary = str(pane.query_one("#ws-summary", Static).content)
        assert "press f6 to add one, then f7 to add rounds" in summary
        headings = [str(label.content) for label in pane.query(".ws-heading").results(Label)]
        assert "Workshops · f6 add · ⏎ edit · del delete" in headings
        assert "Rounds · f7 add · f8 edit · del delete" in headings
