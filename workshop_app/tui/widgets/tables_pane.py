"""The Tables tab: the round and its timer, the tables with who sits where and their mix,
and the way into capture, themes, voting and the plenary view.

Every change goes through the event's session and is durable before the tab shows it.
Reading the attendees happens in a thread, since an event can hold thousands of people.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import Worker, WorkerState, get_current_worker

from workshop_app.core import round_timer, seating_desk
from workshop_app.core.discussion import Note, Theme
from workshop_app.core.models import Attendee, DiscussionRound, DiscussionTable
from workshop_app.core.seating import SeatingPlan
from workshop_app.core.seating_desk import TableListing, TablePin
from workshop_app.tui.event_session import EventUnreadable
from workshop_app.tui.formatting import count
from workshop_app.tui.keys import with_keys
from workshop_app.tui.screens.table_dialogs import RoundForm
from workshop_app.tui.styles import read_styles
from workshop_app.tui.widgets.event_view import EventView
from workshop_app.tui.widgets.round_timer import Clock, RoundTimer, utc_now
from workshop_app.tui.widgets.seating_actions import SeatingActions

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession

WAITING_ROW = "waiting"  # the row key of "waiting for a seat" in the list of tables
LABEL_WIDTH = 22
NAME_WIDTH = 24
SECTOR_WIDTH = 9


NO_ROUNDS_YET = "No rounds yet: press {tables.new-round} to add one."


class TablesPane(SeatingActions, EventView, Vertical):
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
            id="tables.seat-all",
        ),
        Binding(
            "c",
            "capture",
            "Note",
            tooltip="Capture notes: type what the highlighted table says",
            id="tables.note",
        ),
        Binding(
            "k",
            "toggle_timer",
            "Timer",
            tooltip="Start or pause the round's countdown",
            id="tables.timer",
        ),
        Binding(
            "h",
            "themes",
            "Themes",
            tooltip="Group the notes into themes and fill the grid",
            id="tables.themes",
        ),
        Binding(
            "v",
            "voting",
            "Dots",
            tooltip="Prioritise themes and actions with dots",
            id="tables.dots",
        ),
        Binding(
            "o",
            "plenary",
            "Plenary",
            tooltip="Themes ranked by dots, large, for the projector",
            id="tables.plenary",
        ),
        Binding(
            "a", "add_table", "Add table", tooltip="Add a discussion table", id="tables.add-table"
        ),
        Binding(
            "n", "new_round", "New round", tooltip="Add a discussion round", id="tables.new-round"
        ),
        Binding(
            "x",
            "export_plan",
            "Export plan",
            tooltip="Export the table plan: XLSX and printable HTML in the exports folder",
            id="tables.export-plan",
        ),
        Binding(
            "r",
            "next_round",
            "Next round",
            tooltip="Show the next discussion round",
            id="tables.next-round",
        ),
        Binding(
            "plus",
            "extend_timer",
            "+1 min",
            tooltip="Give the round one more minute",
            id="tables.extend-timer",
        ),
        Binding(
            "l",
            "seat_late",
            "Seat late",
            tooltip="Seat everyone checked in but not yet seated",
            id="tables.seat-late",
        ),
        Binding(
            "u",
            "transcribe",
            "Type up",
            tooltip="Type up flipcharts: choose table and round first",
            id="tables.type-up",
        ),
        Binding(
            "p",
            "pin",
            "Pin",
            tooltip="Pin the highlighted person to a table (access needs)",
            id="tables.pin",
        ),
        Binding(
            "P",
            "unpin",
            "Unpin",
            tooltip="Take away the highlighted person's pin",
            id="tables.unpin",
        ),
        Binding(
            "t",
            "edit_table",
            "Edit table",
            tooltip="Change the table's number, name or seats",
            id="tables.edit-table",
        ),
        Binding(
            "delete",
            "remove_table",
            "Remove table",
            tooltip="Remove the highlighted table",
            id="tables.remove-table",
        ),
        Binding(
            "i",
            "edit_round",
            "Edit round",
            tooltip="Change this round's question or minutes",
            id="tables.edit-round",
        ),
        Binding(
            "ctrl+k",
            "reset_timer",
            "Reset timer",
            tooltip="Back to the full time, stopped",
            id="tables.reset-timer",
        ),
    ]

    round_id: reactive[str] = reactive("", init=False)
    """The round shown (and timed); "" when there is none yet."""

    def __init__(
        self,
        session: EventSession,
        exports_folder: Path,
        *,
        clock: Clock = utc_now,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.session = session
        self.exports_folder = exports_folder
        self.clock = clock
        self.tables: list[DiscussionTable] = []
        self.rounds: list[DiscussionRound] = []
        self.plan: SeatingPlan | None = None
        self.stale_plan_ids: tuple[str, ...] = ()
        """Other plan records (a merge of two laptops may bring them): a new plan replaces them."""
        self.attendees: list[Attendee] = []
        self.pins: dict[str, str] = {}
        self._listings: list[TableListing] = []
        self._waiting: list[Attendee] = []
        self._exporting = False
        self._covered = False
        self._stale = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="round-bar"):
            yield RoundTimer(
                self.session, clock=self.clock, name_round=False, id="round-timer"
            ).data_bind(TablesPane.round_id)
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
        """Read the event again: the desk may have checked in people waiting for a seat.

        While a screen opened from here covers the tab (capture saves a draft every few
        keystrokes), it is read once, when that screen closes.
        """
        if self._covered:
            self._stale = True
        else:
            self.reload()

    def _open(self, screen: Screen[None]) -> None:
        """Show a screen of the discussion over the tab; what it changed is read on return."""
        self._covered, self._stale = True, False

        def uncovered(_: object) -> None:
            self._covered = False
            if self._stale:
                self.reload()

        self.app.push_screen(screen, uncovered)

    # -- reading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="tables", exit_on_error=False)
    def reload(self) -> None:
        """Read everything the tab shows in a thread, then draw it."""
        session = self.session
        tables = session.all(DiscussionTable)
        rounds = sorted(session.all(DiscussionRound), key=lambda r: (r.number, r.created))
        plans = session.all(SeatingPlan)
        attendees = session.all(Attendee)
        pins = seating_desk.pins_by_attendee(session.all(TablePin))
        notes = session.all(Note)
        themes = session.count(Theme)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(
                self._show, tables, rounds, plans, attendees, pins, notes, themes
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A record that cannot be read (a damaged merge) is said, and the app goes on."""
        if event.state != WorkerState.ERROR:
            return
        if event.worker.group == "tables":
            self.query_one("#table-list", DataTable).loading = False
            self.notify(str(event.worker.error), title="Tables", severity="error", timeout=15)
        elif event.worker.group == "table-plan":
            self._exported([], str(event.worker.error))

    def _show(self, tables, rounds, plans, attendees, pins, notes, themes) -> None:  # type: ignore[no-untyped-def]
        plan = seating_desk.current_plan(plans)
        self.tables, self.rounds, self.plan = tables, rounds, plan
        self.stale_plan_ids = tuple(p.id for p in plans if plan is None or p.id != plan.id)
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

    def watch_round_id(self) -> None:
        self._show_round()  # the timer follows by itself (data_bind)

    def _show_round(self) -> None:
        round_ = self.current_round
        prompt = self.query_one("#round-prompt", Static)
        if round_ is None:
            prompt.update(
                with_keys(self, "No discussion round yet: press {tables.new-round} to add one.")
            )
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
            mix.update(
                with_keys(self, "Checked in, no seat yet: press {tables.seat-late} to seat them.")
            )
        else:
            mix.update(with_keys(self, "No tables yet: press {tables.add-table} to add one."))
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

    # -- rounds and the timer ------------------------------------------------------------

    async def action_toggle_timer(self) -> None:
        changed = await self._timer_change(lambda r: round_timer.toggle(r, self.clock()))
        if changed is not None:
            self.notify(
                f"Timer {'started' if changed.timer_started_at else 'paused'}.", title="Round"
            )

    async def action_extend_timer(self) -> None:
        await self._timer_change(lambda r: round_timer.extend(r, 1))

    async def action_reset_timer(self) -> None:
        await self._timer_change(round_timer.reset)

    async def _timer_change(
        self, rule: Callable[[DiscussionRound], DiscussionRound]
    ) -> DiscussionRound | None:
        """Apply a timer rule to the round as stored now, durable before the face changes;
        the changed round, or None when nothing was saved (and the user told why)."""
        timer = self.query_one(RoundTimer)
        try:
            round_ = timer.round
        except EventUnreadable as error:
            self.notify(str(error), title="Timer", severity="error")
            return None
        if round_ is None:
            self.notify(
                with_keys(self, "Add a discussion round first ({tables.new-round})."),
                title="Timer",
                severity="warning",
            )
            return None
        try:
            changed = rule(round_)
        except ValueError as error:
            self.notify(str(error), title="Timer", severity="warning")
            return None
        if changed is not round_ and not await self.session.save(
            changed, origin=self, failed="Timer not changed"
        ):
            return None
        self.rounds = [changed if r.id == changed.id else r for r in self.rounds]
        timer.tick()
        return changed

    def action_next_round(self) -> None:
        if not self.rounds:
            self.notify(
                with_keys(self, NO_ROUNDS_YET),
                title="Round",
            )
            return
        ids = [r.id for r in self.rounds]
        self.round_id = (
            ids[(ids.index(self.round_id) + 1) % len(ids)] if self.round_id in ids else ids[0]
        )

    @work
    async def action_edit_round(self) -> None:
        round_ = self.current_round
        if round_ is None:
            self.notify(
                with_keys(self, NO_ROUNDS_YET),
                title="Round",
            )
            return
        form = RoundForm(self.session, round_, f"Round {round_.number}", shown_by=self)
        if await self.app.push_screen_wait(form) is not None:  # saved by the form
            self.reload()

    @work
    async def action_new_round(self) -> None:
        number = max((r.number for r in self.rounds), default=0) + 1
        round_ = await self.app.push_screen_wait(
            RoundForm(
                self.session, DiscussionRound(number=number), f"New round {number}", shown_by=self
            )
        )
        if round_ is not None:  # saved by the form
            self.round_id = round_.id
            self.reload()

    # -- the screens of the discussion -----------------------------------------------------

    def action_capture(self, transcribe: bool = False) -> None:
        from workshop_app.tui.screens.capture import CaptureScreen

        if not self.tables or not self.rounds:
            self.notify(
                with_keys(
                    self, "Add a table ({tables.add-table}) and a round ({tables.new-round}) first."
                ),
                title="Capture",
            )
            return
        table = self.highlighted_table or sorted(self.tables, key=lambda t: t.number)[0]
        screen = CaptureScreen(
            self.session, table.id, self.round_id, transcribe=transcribe, clock=self.clock
        )
        self._open(screen)

    def action_transcribe(self) -> None:
        self.action_capture(transcribe=True)

    def action_themes(self) -> None:
        from workshop_app.tui.screens.themes import ThemesScreen

        self._open(ThemesScreen(self.session))

    def action_voting(self) -> None:
        from workshop_app.tui.screens.voting import VotingScreen

        self._open(VotingScreen(self.session))

    def action_plenary(self) -> None:
        from workshop_app.tui.screens.plenary import PlenaryScreen

        self._open(PlenaryScreen(self.session))


def _cell(text: str) -> Text:
    """Plain text (never markup: names may hold brackets), cut with an ellipsis."""
    return Text(text, no_wrap=True, overflow="ellipsis")
