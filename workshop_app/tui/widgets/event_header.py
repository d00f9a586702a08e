"""The event screen's header: the event's name, date and venue, and READ-ONLY when it is."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from workshop_app.store.peek import peek_event
from workshop_app.tui.formatting import long_date, plain

if TYPE_CHECKING:
    from workshop_app.core.models import Event


class EventHeader(Widget):
    """Two lines: the name (with a READ-ONLY badge), then the date and venue.

    Until the event is open it shows what the start of its file says (name, date and
    venue), else the file's name.

    Args:
        path: the event's file.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path

    def compose(self) -> ComposeResult:
        preview = peek_event(self._path) or {}
        name = preview.get("name") or self._path.stem
        where = (
            _where(str(preview.get("date", "")), str(preview.get("venue", "")))
            if preview
            else f"Opening {self._path.name}…"
        )
        with Horizontal(id="event-title-row"):
            yield Static(plain(name), id="event-name", markup=False)
            yield Static("READ-ONLY · changes are not saved", id="read-only-badge")
        yield Static(plain(where), id="event-where", markup=False)

    def on_mount(self) -> None:
        self.query_one("#read-only-badge").display = False

    def show(self, event: Event, read_only: bool) -> None:
        """Show the open event."""
        self.query_one("#event-name", Static).update(plain(event.name))
        self.query_one("#read-only-badge").display = read_only
        self.query_one("#event-where", Static).update(plain(_where(event.date, event.venue)))


def _where(event_date: str, venue: str) -> str:
    return f"{long_date(event_date)} · {venue or 'no venue yet'}"
