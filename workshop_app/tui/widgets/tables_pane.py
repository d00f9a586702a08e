"""The Tables tab: the round and its timer, the tables with who sits where and their mix,
and the way into capture, themes, voting and the plenary view.

Every change is saved to the store before the screen shows it. Reading the attendees
happens in a thread, since an event can hold thousands of people.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from workshop_app.core import seating_desk
from workshop_app.core.discussion import Note, Theme
from workshop_app.core.models import Attendee, DiscussionRound, DiscussionTable
from workshop_app.core.seating import SeatingPlan
from workshop_app.core.seating_desk import TableListing, TablePin
from workshop_app.store.errors import StoreError
from workshop_app.store.event_store import EventStore
from workshop_app.tui.formatting import count
from workshop_app.tui.screens.table_dialogs import RoundForm
from workshop_app.tui.styles import read_styles
from workshop_app.tui.widgets.round_timer import Clock, RoundTimer, utc_now
from workshop_app.tui.widgets.seating_actions import SeatingActions

WAITING_ROW = "waiting"  # the row key of "waiting for a seat" in the list of tables
LABEL_WIDTH = 22
NAME_WIDTH = 24
SECTOR_WIDTH = 9


class TablesPane(SeatingActions, Vertical):
    """The whole Tables tab; screens for capture and themes are pushed from here."""

    # Loaded with the pane, after the first frame; unscoped, as it also styles the
    # dialogs and screens the pane opens.
    DEFAULT_CSS = read_styles("tables.tcss")
    SCOPED_CSS = False

    # In the order of use on the day: the footer shows the first ones that fit (at 80
    # columns Seat all to Plenary, at 120 up to Export plan), F1 and the palette list every one.
    # Descriptions are short so that as many as possible fit; tooltips say the rest.
    BINDINGS = [
        Binding(
            "s",
            "seat_everyone",
            "Seat all",
            tooltip="Seat everyone checked in, mixing sectors and spreading organisations",
        ),
        Binding(
            "c", "capture", "Note", tooltip="Capture notes: type what the highlighted table says"
        ),
        Binding("k", "toggle_timer", "Timer", tooltip="Start or pause the round's countdown"),
        Binding("h", "themes", "Themes", tooltip="Group the notes into themes and fill the grid"),
        Binding("v", "voting", "Dots", tooltip="Prioritise themes and actions with dots"),
        Binding(
            "o", "plenary", "Plenary", tooltip="Themes ranked by dots, large, for the projector"
        ),
        Binding("a", "add_table", "Add table", tooltip="Add a discussion table"),
        Binding("n", "new_round", "New round", tooltip="Add a discussion round"),
        Binding(
            "x",
            "export_plan",
            "Export plan",
            tooltip="Export the table plan: XLSX and printable HTML in the exports folder",
        ),
        Binding("r", "next_round", "Next round", tooltip="Show the next discussion round"),
        Binding("plus", "extend_timer", "+1 min", tooltip="Give the round one more minute"),
        Binding(
            "l", "seat_late", "Seat late", tooltip="Seat everyone checked in but not yet seated"
        ),
        Binding(
            "u", "transcribe", "Type up", tooltip="Type up flipcharts: choose table and round first"
        ),
        Binding("p", "pin", "Pin", tooltip="Pin the highlighted person to a table (access needs)"),
        Binding("P", "unpin", "Unpin", tooltip="Take away the highlighted person's pin"),
        Binding(
            "t", "edit_table", "Edit table", tooltip="Change the table's number, name or seats"
        ),
        Binding("delete", "remove_table", "Remove table", tooltip="Remove the highlighted table"),
        Binding("i", "edit_round", "Edit round", tooltip="Change this round's question or minutes"),
        Binding("ctrl+k", "reset_timer", "Reset timer", tooltip="Back to the full time, stopped"),
    ]

    def __init__(
        self,
        store: EventStore,
        exports_folder: Path,
        *,
        clock: Clock = utc_now,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.store = store
        self.exports_folder = exports_folder
        self.clock = clock
        self.tables: list[DiscussionTable] = []
        self.rounds: list[DiscussionRound] = []
        self.plan: SeatingPlan | None = None
        self.attendees: list[Attendee] = []
        self.pins: dict[str, str] = {}
        self.round_id = ""
        self._listings: list[TableListing] = []
        self._waiting: list[Attendee] = []
        self._exporting = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="round-bar"):
            yield RoundTimer(self.store, clock=self.clock, name_round=False, id="round-timer")
            yield Static("", id="tables-summary", markup=False)
        yield Static("", id="round-prompt", markup=False)
        with Horizontal(id="tables-body"):
            yield DataTable(id="table-list", cursor_type="row", zebra_stripes=True)
            with Vertical(id="table-detail"):
                yield Static("", id="table-mix", markup=False)
                yield DataTable(id="table-people", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#table-list", DataTable).loading = True
        self.call_after_refresh(self.reload)

    def refresh_data(self) -> None:
        """Read the event again: the desk may have checked in people waiting for a seat."""
        self.reload()

    # -- reading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="tables")
    def reload(self) -> None:
        """Read everything the tab shows in a thread, then draw it."""
        try:
            tables = self.store.all(DiscussionTable)
            rounds = sorted(self.store.all(DiscussionRound), key=lambda r: (r.number, r.created))
            plan = seating_desk.current_plan(self.store.all(SeatingPlan))
            attendees = self.store.all(Attendee)
            pins = seating_desk.pins_by_attendee(self.store.all(TablePin))
            notes = self.store.all(Note)
            themes = self.store.count(Theme)
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), title="Tables", severity="error")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(
                self._show, tables, rounds, plan, attendees, pins, notes, themes
            )

    def _show(self, tables, rounds, plan, attendees, pins, notes, themes) -> None:  # type: ignore[no-untyped-def]
        self.tables, self.rounds, self.plan = tables, rounds, plan
        self.attendees, self.pins = attendees, pins
        if self.round_id not in {r.id for r in rounds}:
            running = [r for r in rounds if r.timer_started_at]
            self.round_id = (running or rounds)[0].id if rounds else ""
        self._show_round()
        self._listings = seating_desk.listings(plan, attendees, tables)
        self._waiting = seating_desk.waiting_for_a_seat(plan, attendees) if plan else []
        notes_at: dict[str, int] = {}
        for note in notes:
            notes_at[note.table_id] = notes_at.get(note.table_id, 0) + 1
        seated = len(plan.seat_of) if plan else 0
        self.query_one("#tables-summary", Static).update(
            f"{seated} seated · {len(self._waiting)} waiting · {count(len(notes), 'note')}"
            f" · {count(themes, 'theme')}"
        )
        table_list = self.query_one("#table-list", DataTable)
        row = table_list.cursor_row
        table_list.loading = False
        table_list.clear(columns=True)
        table_list.add_column("Table", key="table", width=LABEL_WIDTH)
        table_list.add_column("Seated", key="seated", width=6)
        table_list.add_column("Notes", key="notes", width=5)
        for listing in self._listings:
            t = listing.table
            table_list.add_row(
                _cell(f"{t.number} · {t.name}" if t.name else str(t.number)),
                f"{len(listing.people)}/{t.size}",
                str(notes_at.get(t.id, 0)),
                key=t.id,
            )
        if self._waiting or not self._listings:
            table_list.add_row(
                _cell("Waiting for a seat"), str(len(self._waiting)), "", key=WAITING_ROW
            )
        table_list.move_cursor(row=min(row, table_list.row_count - 1))
        self._show_people()

    def _show_round(self) -> None:
        round_ = self.current_round
        self.query_one(RoundTimer).show_round(self.round_id)
        prompt = self.query_one("#round-prompt", Static)
        if round_ is None:
            prompt.update("No discussion round yet: press n to add one.")
        else:
            prompt.update(f"Round {round_.number} of {len(self.rounds)}: {round_.prompt}")

    @on(DataTable.RowHighlighted, "#table-list")
    def _show_people(self) -> None:
        key = self.highlighted_table_key
        people = self.query_one("#table-people", DataTable)
        people.clear(columns=True)
        # Fit the width: two cells of padding per column and room for the scrollbar; in a
        # narrow terminal the sector column goes (the mix line above still counts them).
        room = max(people.size.width - 2, 30)
        sector_width = SECTOR_WIDTH if room >= 60 else 0
        room -= 2 * (3 if sector_width else 2) + sector_width
        longest = max((len(p.display_name) + 2 for p in self._crowd(key)), default=NAME_WIDTH)
        name_width = max(12, min(longest, room - 10))  # names first: people look for theirs
        people.add_column("Name", key="name", width=name_width)
        organisation_width = max(room - name_width, 8)
        heading = "Organisation" if organisation_width >= len("Organisation") else "Org."
        people.add_column(heading, key="organisation", width=organisation_width)
        if sector_width:
            people.add_column("Sector", key="sector", width=sector_width)
        mix = self.query_one("#table-mix", Static)
        listing = next((x for x in self._listings if x.table.id == key), None)
        crowd = self._crowd(key)
        if listing is not None:
            pairs = listing.colleague_pairs
            together = (
                f"{count(pairs, 'pair')} of colleagues together"
                if pairs
                else "no colleagues together"
            )
            mix.update(f"{listing.table.label}: {self._mix_words(listing)} · {together}")
        elif key == WAITING_ROW:
            mix.update("Checked in, no seat yet: press l to seat them.")
        else:
            mix.update("No tables yet: press a to add one.")
        for person in crowd:
            name = f"{person.display_name}{' 📌' if person.id in self.pins else ''}"
            cells = [_cell(name), _cell(person.organisation), _cell(person.sector)]
            people.add_row(*cells[: len(people.columns)], key=person.id)

    def _mix_words(self, listing: TableListing) -> str:
        """The table's sectors, or its organisations when sectors are unknown ("other 6"
        at every table would say nothing)."""
        if self.plan is None or not listing.people or not self.plan.sectors_unknown:
            return listing.mix
        organisations = self.plan.organisations_at(listing.table.id)
        return f"{count(organisations, 'organisation')} (sectors unknown)"

    def _crowd(self, key: str) -> tuple[Attendee, ...]:
        """The people of the table (or of the waiting row) with this row key."""
        if key == WAITING_ROW:
            return tuple(self._waiting)
        listing = next((x for x in self._listings if x.table.id == key), None)
        return listing.people if listing is not None else ()

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_people)

    @property
    def highlighted_table_key(self) -> str:
        table_list = self.query_one("#table-list", DataTable)
        if not table_list.row_count:
            return ""
        return str(table_list.coordinate_to_cell_key(table_list.cursor_coordinate).row_key.value)

    @property
    def highlighted_table(self) -> DiscussionTable | None:
        key = self.highlighted_table_key
        return next((t for t in self.tables if t.id == key), None)

    @property
    def current_round(self) -> DiscussionRound | None:
        return next((r for r in self.rounds if r.id == self.round_id), None)

    def _save(self, *records: object) -> bool:
        """Save, or say why not (read-only, disk trouble); the tab then shows the store."""
        if self.store.read_only:
            self.notify("This event is open read-only.", title="Not saved", severity="warning")
            return False
        try:
            self.store.save_many(records)  # type: ignore[arg-type]
        except (StoreError, OSError) as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=15)
            return False
        return True

    # -- rounds and the timer ------------------------------------------------------------

    def action_toggle_timer(self) -> None:
        self._timer_change(lambda timer: self.notify(f"Timer {timer.toggle()}.", title="Round"))

    def action_extend_timer(self) -> None:
        self._timer_change(lambda timer: timer.extend(1))

    def action_reset_timer(self) -> None:
        self._timer_change(lambda timer: timer.reset())

    def _timer_change(self, change) -> None:  # type: ignore[no-untyped-def]
        if self.store.read_only:
            self.notify("This event is open read-only.", title="Not saved", severity="warning")
            return
        try:
            change(self.query_one(RoundTimer))
        except (ValueError, StoreError, OSError) as error:
            self.notify(str(error), title="Timer", severity="warning")

    def action_next_round(self) -> None:
        if not self.rounds:
            self.notify("No rounds yet: press n to add one.", title="Round")
            return
        ids = [r.id for r in self.rounds]
        self.round_id = (
            ids[(ids.index(self.round_id) + 1) % len(ids)] if self.round_id in ids else ids[0]
        )
        self._show_round()

    @work
    async def action_edit_round(self) -> None:
        round_ = self.current_round
        if round_ is None:
            self.notify("No rounds yet: press n to add one.", title="Round")
            return
        edited = await self.app.push_screen_wait(RoundForm(round_, f"Round {round_.number}"))
        if edited is not None and self._save(edited):
            self.reload()

    @work
    async def action_new_round(self) -> None:
        number = max((r.number for r in self.rounds), default=0) + 1
        round_ = await self.app.push_screen_wait(
            RoundForm(DiscussionRound(number=number), f"New round {number}")
        )
        if round_ is not None and self._save(round_):
            self.round_id = round_.id
            self.reload()

    # -- the screens of the discussion -----------------------------------------------------

    def action_capture(self, transcribe: bool = False) -> None:
        from workshop_app.tui.screens.capture import CaptureScreen

        if not self.tables or not self.rounds:
            self.notify("Add a table (a) and a round (n) first.", title="Capture")
            return
        table = self.highlighted_table or sorted(self.tables, key=lambda t: t.number)[0]
        screen = CaptureScreen(
            self.store, table.id, self.round_id, transcribe=transcribe, clock=self.clock
        )
        self.app.push_screen(screen, lambda _: self.reload())

    def action_transcribe(self) -> None:
        self.action_capture(transcribe=True)

    def action_themes(self) -> None:
        from workshop_app.tui.screens.themes import ThemesScreen

        self.app.push_screen(ThemesScreen(self.store), lambda _: self.reload())

    def action_voting(self) -> None:
        from workshop_app.tui.screens.voting import VotingScreen

        self.app.push_screen(VotingScreen(self.store), lambda _: self.reload())

    def action_plenary(self) -> None:
        from workshop_app.tui.screens.plenary import PlenaryScreen

        self.app.push_screen(PlenaryScreen(self.store))


def _cell(text: str) -> Text:
    """Plain text (never markup: names may hold brackets), cut with an ellipsis."""
    return Text(text, no_wrap=True, overflow="ellipsis")
