"""A small app that shows one screen of the table discussions on an event's store, through
an `EventSession` as the event screen would give it, with the app's styles and a frozen
clock, for Pilot tests, snapshots and the crash child."""

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
from workshop_app.tui.event_session import EventChanged, EventSession

TUI_FOLDER = Path(tui_package.__file__).parent
FROZEN_NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


def frozen_clock() -> datetime:
    return FROZEN_NOW


class DiscussionHost(App[None]):
    """Pushes `make_screen(session)` on start; the store is the caller's to close.

    The app stands in for the event screen: it is told of each change (`changes`).
    """

    CSS_PATH = [TUI_FOLDER / "app.tcss", TUI_FOLDER / "tables.tcss"]

    def __init__(
        self, store: EventStore, make_screen: Callable[[EventSession], Screen[None]]
    ) -> None:
        super().__init__()
        self.session = EventSession(store, self)
        self._make_screen = make_screen
        self.changes: list[EventChanged] = []

    def on_mount(self) -> None:
        Input.cursor_blink = False  # steady snapshots
        self.push_screen(self._make_screen(self.session))

    def on_event_changed(self, changed: EventChanged) -> None:
        self.changes.append(changed)


def first_table_and_round(store: EventStore) -> tuple[DiscussionTable, DiscussionRound]:
    table = min(store.all(DiscussionTable), key=lambda t: t.number)
    round_ = min(store.all(DiscussionRound), key=lambda r: r.number)
    return table, round_
