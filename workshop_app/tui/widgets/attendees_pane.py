"""The Attendees tab: how many people, and the first page of them by surname.

An event can hold 10,000 people, so the list is read in a thread after the first
frame and only one page is put in the table.
"""

from __future__ import annotations

import heapq
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Resize
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from workshop_app.core.models import Attendee
from workshop_app.store.errors import StoreError
from workshop_app.store.event_store import EventStore
from workshop_app.tui.formatting import clock_time

PAGE_SIZE = 200
MAX_NAME_WIDTH = 28
SECTOR_WIDTH = 9
ARRIVED_WIDTH = 13
MIN_ORGANISATION_WIDTH = 16
MAX_ORGANISATION_WIDTH = 50  # wider only pushes sector and check-in away from the name


@dataclass(frozen=True)
class AttendeeFigures:
    """The counts at the top of the tab."""

    total: int
    registered: int
    walk_ins: int
    checked_in: int

    @classmethod
    def of(cls, attendees: Sequence[Attendee]) -> AttendeeFigures:
        walk_ins = sum(1 for a in attendees if a.walk_in)
        return cls(
            total=len(attendees),
            registered=len(attendees) - walk_ins,
            walk_ins=walk_ins,
            checked_in=sum(1 for a in attendees if a.checked_in),
        )

    def describe(self) -> str:
        return (
            f"Registered {self.registered:,} · Walk-ins {self.walk_ins:,} · "
            f"Checked in {self.checked_in:,} of {self.total:,}"
        )


@dataclass(frozen=True)
class AttendeeRow:
    """One attendee as the table shows them."""

    key: str
    name: str
    organisation: str
    sector: str
    arrived: str


class AttendeesPane(Vertical):
    """Counts and a page of attendees, read from the store in a worker."""

    def __init__(self, store: EventStore, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._store = store
        self._rows: list[AttendeeRow] = []
        self._name_width = 0
        self._organisation_width = 0

    def compose(self) -> ComposeResult:
        yield Static("Counting attendees…", id="attendee-figures", classes="pane-summary")
        yield DataTable(id="attendee-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="attendee-page-note", classes="pane-note")

    def on_mount(self) -> None:
        self.query_one("#attendee-table", DataTable).loading = True
        # After the first frame: the screen is drawn before the list is read.
        self.call_after_refresh(self.load_attendees)

    @work(thread=True, exclusive=True, group="attendees")
    def load_attendees(self) -> None:
        """Read, count and sort every attendee in a thread; show the first page."""
        try:
            attendees = self._store.all(Attendee)
        except StoreError as error:
            self.app.call_from_thread(self._show_problem, str(error))
            return
        figures = AttendeeFigures.of(attendees)
        page = heapq.nsmallest(PAGE_SIZE, attendees, key=_surname_order)
        rows = [_row(attendee) for attendee in page]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, figures, rows)

    def _show(self, figures: AttendeeFigures, rows: list[AttendeeRow]) -> None:
        self._rows = rows
        self._name_width = min(MAX_NAME_WIDTH, max((len(row.name) for row in rows), default=4))
        self.query_one("#attendee-figures", Static).update(figures.describe())
        table = self.query_one("#attendee-table", DataTable)
        table.loading = False
        table.display = bool(rows)
        self._fill_table()
        note = self.query_one("#attendee-page-note", Static)
        if figures.total == 0:
            note.update("No attendees yet.")
        elif figures.total > len(rows):
            note.update(
                f"Showing {len(rows):,} of {figures.total:,}, by surname "
                "— search is coming with the attendee desk."
            )
        else:
            note.update(f"All {figures.total:,} attendees, by surname.")

    def _show_problem(self, message: str) -> None:
        self.query_one("#attendee-table", DataTable).loading = False
        self.query_one("#attendee-figures", Static).update(
            f"Attendees could not be read: {message}"
        )

    def on_resize(self, event: Resize) -> None:
        if self._rows and self._fitting_organisation_width() != self._organisation_width:
            self._fill_table()

    def _fitting_organisation_width(self) -> int:
        # Two cells of padding per column, and room for the vertical scrollbar.
        fixed = self._name_width + SECTOR_WIDTH + ARRIVED_WIDTH + 4 * 2 + 2
        return max(MIN_ORGANISATION_WIDTH, min(MAX_ORGANISATION_WIDTH, self.size.width - fixed))

    def _fill_table(self) -> None:
        """(Re)build the table so the organisation column fits the width of the pane."""
        table = self.query_one("#attendee-table", DataTable)
        cursor_row = table.cursor_row
        self._organisation_width = self._fitting_organisation_width()
        table.clear(columns=True)
        table.add_column("Name", width=self._name_width, key="name")
        table.add_column("Organisation", width=self._organisation_width, key="organisation")
        table.add_column("Sector", width=SECTOR_WIDTH, key="sector")
        table.add_column("Checked in", width=ARRIVED_WIDTH, key="arrived")
        for row in self._rows:
            table.add_row(
                _cell(row.name),
                _cell(row.organisation),
                _cell(row.sector),
                _cell(row.arrived),
                key=row.key,
            )
        table.move_cursor(row=cursor_row, scroll=True)


def _cell(text: str) -> Text:
    """Plain text (never markup: names may contain brackets), cut with an ellipsis."""
    return Text(text, no_wrap=True, overflow="ellipsis")


def _surname_order(attendee: Attendee) -> tuple[str, str]:
    return (_folded(attendee.surname or attendee.first_name), _folded(attendee.first_name))


def _folded(text: str) -> str:
    """Case and accents ignored, so "Åström" sorts with the As."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _row(attendee: Attendee) -> AttendeeRow:
    name = ", ".join(part for part in (attendee.surname, attendee.first_name) if part)
    arrived = clock_time(attendee.checked_in_at)
    if attendee.walk_in:
        arrived = f"{arrived} walk-in".strip()
    return AttendeeRow(
        key=attendee.id,
        name=name or "(no name)",
        organisation=attendee.organisation,
        sector=attendee.sector,
        arrived=arrived,
    )
