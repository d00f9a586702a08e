"""A small app that shows one screen of the table discussions on an event's store, with
the app's styles and a frozen clock, for Pilot tests, snapshots and the crash child."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from textual.app import App
from textual.screen import Screen
from textual.widgets import Input

import workshop_app.tui as tui_package
from workshop_app.core.models import DiscussionRound, DiscussionTable
from workshop_app.store.event_store import EventStore

TUI_FOLDER = Path(tui_package.__file__).parent
FROZEN_NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


def frozen_clock() -> datetime:
    return FROZEN_NOW


class DiscussionHost(App[None]):
    """Pushes `make_screen()` on start; the store is the caller's to close."""

    CSS_PATH = [TUI_FOLDER / "app.tcss", TUI_FOLDER / "tables.tcss"]

    def __init__(self, make_screen: Callable[[], Screen[None]]) -> None:
        super().__init__()
        self._make_screen = make_screen

    def on_mount(self) -> None:
        Input.cursor_blink = False  # steady snapshots
        self.push_screen(self._make_screen())


def first_table_and_round(store: EventStore) -> tuple[DiscussionTable, DiscussionRound]:
    table = min(store.all(DiscussionTable), key=lambda t: t.number)
    round_ = min(store.all(DiscussionRound), key=lambda r: r.number)
    return table, round_
