"""Attendee search: keystroke to updated screen, on the real desk pane, headless.

Each sample sends one key event into the desk's search box (App.run_test, an event of
10,000 attendees), as the terminal driver would, and stops the clock when the app writes
out the frame that shows the new matches, so the time covers the key event, the search,
the list update, the wait for Textual's next frame and the render, as a user would see
it. (Pilot.press is not used to time: it waits for the process to go idle, ~100 ms.)
The baseline is the obvious approach: a DataTable cleared and refilled with every
match on each keystroke.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import App, ComposeResult
from textual.keys import _character_to_key
from textual.widgets import DataTable, Input

from workshop_app.bench.fixtures import make_event
from workshop_app.bench.rows import Row, summarise
from workshop_app.bench.sections import BenchContext
from workshop_app.core.models import Attendee
from workshop_app.core.search import SearchIndex
from workshop_app.store.event_store import EventStore

SECTION = "Attendee search"
OURS = "desk pane (virtual list), key → screen painted"
UPDATED = "  … of which key → matches in the list"
BASELINE = "DataTable refilled with the matches"
SIZE = 10_000
TARGET_MS = 16.0
# What a facilitator types: surnames, first names, organisations, typos and corrections.
TYPING = (
    "kow",
    "\b\b\b",
    "ni bh",
    "\b\b\b\b\b",
    "zoe",
    "\b\b\b",
    "river",
    "\b\b\b\b\b",
    "o'br",
    "\b\b\b\b",
    "smith-j",
    "\b\b\b\b\b\b\b",
    "j",
    "\b",
)


def _keys(rounds: int) -> list[str]:
    keys = []
    for _ in range(rounds):
        for word in TYPING:
            keys += ["backspace" if c == "\b" else c for c in word]
    return keys


class _DeskApp(App[None]):
    """Only the desk pane, so the numbers are the pane's own."""

    CSS_PATH = ["../tui/app.tcss", "../tui/attendees.tcss"]

    def __init__(self, store: EventStore) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        from workshop_app.tui.widgets.attendees_pane import AttendeesPane

        yield AttendeesPane(self.store)


class _TableApp(App[None]):
    """The obvious approach: search the same index, refill a DataTable with the matches."""

    def __init__(self, attendees: list[Attendee]) -> None:
        super().__init__()
        self.index = SearchIndex(attendees)
        self.shown: list[Attendee] = []

    def compose(self) -> ComposeResult:
        yield Input(id="search")
        yield DataTable(id="table", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Organisation", "Sector", "Checked in")
        self._fill("")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        matches = self.index.search(query)
        table.add_rows(
            (f"{a.surname}, {a.first_name}", a.organisation, a.sector, a.checked_in_at[11:16])
            for a in matches
        )
        self.shown = matches


@dataclass(frozen=True)
class _Timings:
    painted: list[float]  # key sent -> the frame showing the new matches written out
    updated: list[float]  # key sent -> matches handed to the widget (before the frame)


def _key_event(key: str) -> events.Key:
    if key == "backspace":
        return events.Key("backspace", None)
    return events.Key(key if key.isalnum() else _character_to_key(key), key)


async def _time_keys(
    app: App[None], ready: Callable[[], bool], shown: Callable[[], object], keys: list[str]
) -> _Timings:
    """Send each key as the terminal driver would and wait for the frame that shows it.

    `shown()` returns the object holding the matches on screen; it is a new object once
    a keystroke's matches have been handed over. Textual paints at most 60 frames a second,
    so "painted" includes the wait for the next frame tick (0-16.7 ms).
    """
    timings = _Timings([], [])
    painted = asyncio.Event()
    state: dict[str, object] = {}
    original_display = app._display

    def display(screen: Any, renderable: Any) -> None:
        original_display(screen, renderable)
        if "before" in state and shown() is not state["before"] and not painted.is_set():
            now = time.perf_counter()
            timings.painted.append(now - state["started"])  # type: ignore[operator]
            painted.set()

    app._display = display  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        while not ready():
            await pilot.pause(0.01)
        await pilot.pause()
        for key in keys:
            painted.clear()
            state["before"] = shown()
            state["started"] = time.perf_counter()
            app._driver.send_message(_key_event(key))  # type: ignore[union-attr]
            while shown() is state["before"]:
                await asyncio.sleep(0)
            timings.updated.append(time.perf_counter() - state["started"])  # type: ignore[operator]
            await asyncio.wait_for(painted.wait(), timeout=10)
            state.pop("before")
    return timings


def measure(work_dir: Path, size: int, rounds: int) -> list[Row]:
    """Rows for our pane and the DataTable baseline at `size` attendees."""
    from workshop_app.tui.widgets.attendee_list import AttendeeList
    from workshop_app.tui.widgets.attendees_pane import AttendeesPane, SearchBox

    path = make_event(work_dir, size)
    keys = _keys(rounds)
    with EventStore(path, read_only=True) as store:
        desk = _DeskApp(store)

        def desk_ready() -> bool:
            panes = desk.query(AttendeesPane)
            if not panes or len(panes.first().index) < size:
                return False
            search = desk.query_one(SearchBox)
            search.cursor_blink = False  # a blink would paint frames of its own
            search.focus()
            return True

        ours = asyncio.run(
            _time_keys(desk, desk_ready, lambda: desk.query_one(AttendeeList).attendees, keys)
        )
        table_app = _TableApp(store.all(Attendee))

        def table_ready() -> bool:
            search = table_app.query_one(Input)
            search.cursor_blink = False
            search.focus()
            return True

        base = asyncio.run(_time_keys(table_app, table_ready, lambda: table_app.shown, keys))
    painted, updated, table = (
        summarise(ours.painted),
        summarise(ours.updated),
        summarise(base.painted),
    )
    note = "keys sent as the terminal driver does; headless; 60 fps frame tick included"
    return [
        Row(
            SECTION,
            OURS,
            size,
            painted.median_ms,
            p99_ms=painted.p99_ms,
            max_ms=painted.max_ms,
            samples=painted.samples,
            ratio=painted.median_ms / table.median_ms,
            baseline=BASELINE,
            target=f"p99 ≤ {TARGET_MS:.0f} ms",
            met=painted.p99_ms <= TARGET_MS,
            note=note,
        ),
        Row(
            SECTION,
            UPDATED,
            size,
            updated.median_ms,
            p99_ms=updated.p99_ms,
            max_ms=updated.max_ms,
            samples=updated.samples,
            note="key event + search + list.show(), before the frame is painted",
        ),
        Row(
            SECTION,
            BASELINE,
            size,
            table.median_ms,
            p99_ms=table.p99_ms,
            max_ms=table.max_ms,
            samples=table.samples,
            note="clear() + add_rows(all matches) per keystroke, key → painted",
        ),
    ]


def run(ctx: BenchContext) -> list[Row]:
    return measure(ctx.work_dir, SIZE, rounds=1 if ctx.quick else 3)
