"""The footer as a real terminal gets it: every frame sent, not only the settled screen.

Pilot reads the widgets, and a snapshot renders the screen afresh; neither sees a frame
that was painted and then painted over. A real terminal keeps each frame's cells until
the next frame covers them, so a footer row sent before its keys were trimmed stayed on
screen with keys cut under the palette ("a Add ta▏^p paletteo"). These tests replay every
update the app sends into a grid of cells, as the terminal would.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import TabbedContent
from textual.widgets._footer import FooterKey, FooterLabel

from workshop_app.store.catalog import EventCatalog
from workshop_app.tui.app import WorkshopApp
from workshop_app.tui.widgets.app_footer import AppFooter

from .conftest import AppFactory
from .helpers import wait_for_open_event, wait_for_workers, wait_until

PALETTE = "▏^p palette"  # the palette key: its border, key and name
CONTROL = re.compile(r"\x1b\[([0-9;]*)([A-Za-z])")  # cursor moves and colours


class TerminalCells:
    """The characters a terminal shows, after the app's output is written to it."""

    def __init__(self, width: int, height: int) -> None:
        self.rows = [[" "] * width for _ in range(height)]
        self.x = self.y = 0

    def write(self, output: str) -> None:
        for text, code, command in self._pieces(output):
            if command == "H":  # cursor position, 1-based "row;column"
                row, _, column = code.partition(";")
                self.y, self.x = int(row or 1) - 1, int(column or 1) - 1
            for char in text:
                if char == "\n":
                    self.y, self.x = self.y + 1, 0
                elif 0 <= self.y < len(self.rows) and 0 <= self.x < len(self.rows[0]):
                    self.rows[self.y][self.x] = char
                    self.x += cell_len(char)

    @staticmethod
    def _pieces(output: str) -> list[tuple[str, str, str]]:
        """(text, control code, control command) in order; text carries no control."""
        pieces, start = [], 0
        for match in CONTROL.finditer(output):
            pieces.append((output[start : match.start()], "", ""))
            pieces.append(("", match.group(1), match.group(2)))
            start = match.end()
        pieces.append((output[start:], "", ""))
        return pieces

    def row(self, y: int) -> str:
        return "".join(self.rows[y])


def record_footer_rows(app: WorkshopApp, width: int, height: int) -> list[tuple[str, set[str]]]:
    """Every footer row the terminal shows, with the labels the footer had then.

    Wraps the app's display step, where a real terminal's driver gets each update
    (Textual skips it when headless, after this wrapper has seen it).
    """
    from textual._compositor import CompositorUpdate  # the type of a frame for the terminal

    terminal = TerminalCells(width, height)
    seen: list[tuple[str, set[str]]] = []
    display: Callable[..., None] = app._display

    def display_and_record(screen: Any, update: Any) -> None:
        if isinstance(update, CompositorUpdate) and not app._batch_count:
            terminal.write(update.render_segments(app.console))
            seen.append((terminal.row(height - 1), footer_labels(app)))
        display(screen, update)

    app._display = display_and_record  # type: ignore[method-assign]
    return seen


def footer_labels(app: WorkshopApp) -> set[str]:
    footers = app.screen.query(AppFooter)
    return {
        str(item.render()).strip()
        for footer in footers
        for item in footer.query("FooterKey, FooterLabel").results()
        if isinstance(item, FooterKey | FooterLabel)
    }


def cut_keys(row: str, labels: set[str]) -> str | None:
    """What is wrong with a painted footer row whose palette is on it, or None."""
    if PALETTE not in row:
        return None  # a dialog's own footer, or no footer painted yet
    if not row.rstrip().endswith(PALETTE):
        return f"something painted after the palette: {row!r}"
    left = row[: row.index(PALETTE)].rstrip()
    if left and not any(left.endswith(label) for label in labels):
        return f"a key cut at the palette: {row!r}"
    return None


async def show_tab_by_key(pilot: Pilot[Any], key: str, pane_id: str) -> None:
    await pilot.press(key)
    screen = pilot.app.screen
    await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == pane_id)
    await wait_for_workers(pilot)
    await pilot.pause()


async def test_no_frame_sent_to_the_terminal_shows_a_footer_key_cut_in_half(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=catalog.demo())
    painted = record_footer_rows(app, 80, 24)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_open_event(pilot)
        for key, pane_id in [("2", "workshops"), ("3", "tables"), ("1", "attendees")]:
            await show_tab_by_key(pilot, key, pane_id)
        await pilot.press("ctrl+w")  # the Close-event dialog, then back
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    rows_with_palette = [row for row, _ in painted if PALETTE in row]
    assert any("Add workshop" in row for row in rows_with_palette), "the tabs were painted"
    problems = [problem for row, labels in painted if (problem := cut_keys(row, labels))]
    assert problems == []


async def test_the_footer_chooses_its_keys_again_for_a_wider_or_narrower_terminal(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=catalog.demo())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_open_event(pilot)
        footer = screen.query_one(AppFooter)

        def shown() -> list[str]:
            keys = [key for key in footer.query(FooterKey) if key.display]
            return [key.description for key in keys if key.region]

        def whole() -> bool:
            palette = footer.query_one(".-command-palette").region
            keys = [key for key in footer.query(FooterKey) if key.display and key.region]
            return all(key.region.right <= palette.x for key in keys if key.region != palette)

        await wait_until(pilot, lambda: "Sector" in shown() and whole())
        assert "Kiosk" not in shown(), "Kiosk does not fit in 80 columns"
        await pilot.resize_terminal(160, 50)
        await wait_until(pilot, lambda: "Kiosk" in shown() and whole())
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: "Kiosk" not in shown() and "Sector" in shown())
        assert whole()
