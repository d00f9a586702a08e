"""The launcher's table of events: one two-line row per event, newest change first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from workshop_app.store.catalog import EventSummary
from workshop_app.tui.formatting import short_date, shorten, when_changed

NAME_WIDTH = 40  # the full name is shown under the table for the highlighted event


class EventList(DataTable[Text]):
    """Events from `EventCatalog.summaries()`; unreadable ones are marked, not hidden."""

    class Chosen(Message):
        """The user double-clicked an event: they want it open."""

        def __init__(self, event_list: EventList) -> None:
            super().__init__()
            self.event_list = event_list

        @property
        def control(self) -> EventList:
            return self.event_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self._summaries: dict[str, EventSummary] = {}

    def on_mount(self) -> None:
        self._add_columns(name_width=len("Event"))

    def _add_columns(self, name_width: int) -> None:
        self.add_column("Event", key="event", width=name_width)
        self.add_column("Date", key="date")
        self.add_column(Text("People", justify="right"), key="people")
        self.add_column("Last change", key="changed")

    def on_click(self, event: events.Click) -> None:
        if event.chain >= 2 and self.highlighted is not None:
            self.post_message(self.Chosen(self))

    @property
    def highlighted(self) -> EventSummary | None:
        """The event under the cursor, if there is one."""
        if not self._summaries or self.cursor_row < 0 or self.cursor_row >= self.row_count:
            return None
        key = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value
        return self._summaries.get(key or "")

    def show(self, summaries: Sequence[EventSummary], select: Path | None = None) -> None:
        """Replace the rows, keeping the cursor on `select` or else on the same event."""
        keep = str(select) if select else (self.highlighted.path if self.highlighted else None)
        self.clear(columns=True)
        self._summaries = {str(summary.path): summary for summary in summaries}
        now = datetime.now().astimezone()
        error_style = f"bold {self.app.theme_variables['error']}"
        event_cells = [_event_cell(summary, error_style) for summary in summaries]
        # Two-line cells: the column is as wide as the longest line, never wrapped.
        widest = max(
            (len(line) for cell in event_cells for line in cell.plain.split("\n")), default=0
        )
        self._add_columns(name_width=max(widest, len("Event")))
        for summary, event_cell in zip(summaries, event_cells, strict=True):
            self.add_row(
                event_cell,
                Text(short_date(summary.date) if not summary.problem else ""),
                Text(f"{summary.attendees:,}" if not summary.problem else "", justify="right"),
                Text(when_changed(summary.last_change, now)),
                height=2,
                key=str(summary.path),
            )
        if keep is not None and str(keep) in self._summaries:
            self.move_cursor(row=self.get_row_index(str(keep)))


def _event_cell(summary: EventSummary, error_style: str) -> Text:
    if summary.problem:
        return Text.assemble(
            (
                shorten(summary.name if summary.recoverable else summary.path.name, NAME_WIDTH),
                "bold",
            ),
            "\n",
            (
                "damaged: open it to restore" if summary.recoverable else "unreadable: see below",
                error_style,
            ),
        )
    return Text.assemble(
        (shorten(summary.name, NAME_WIDTH), "bold"),
        "\n",
        (shorten(summary.venue or "no venue yet", NAME_WIDTH), "dim"),
    )
