"""Add a walk-in in a few keystrokes, seat them, then tell them where to go.

A queue is forming, so the form asks only what the day needs: the name in one box
(split into first name and surname as it is typed, shown under it), the organisation,
its sector (already known for an organisation on the list) and access needs; the rest
can be added later with Edit. Enter in the name goes to the organisation, Enter there
saves: ctrl+n, the name, Enter, the organisation, Enter, and Enter again to close the
directions. Once the tables are seated, the walk-in is given a seat in the same save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from workshop_app.core import seating_desk
from workshop_app.core.clock import now_iso
from workshop_app.core.directions import Directions
from workshop_app.core.models import Attendee, DiscussionTable, Record, Sector
from workshop_app.core.names import split_name
from workshop_app.core.plain_text import printable_lines
from workshop_app.core.seating import SeatingPlan
from workshop_app.tui.formatting import plain
from workshop_app.tui.screens.form_dialog import FormDialog
from workshop_app.tui.widgets.app_footer import AppFooter

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession

SECTOR_CHOICES = [(sector.value, sector.value) for sector in Sector]

# What the form found out about the walk-in's table while saving.
NO_PLAN, SEATED, NO_ROOM = "no plan", "seated", "no room"


class WalkInForm(FormDialog[Attendee]):
    """Ask for a walk-in's details; save them checked in (and seated, once the tables
    are); dismiss with the saved attendee.

    Args:
        session: the open event.
        sector_of: the sector already known for an organisation, or None.
        shown_by: the view that shows the walk-in once saved (the desk).
    """

    # Escape cancels, as in every form (FormDialog).
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save, check in and seat", id="form.save")
    ]

    def __init__(
        self,
        session: EventSession,
        sector_of: Callable[[str], str | None] = lambda _: None,
        *,
        shown_by: object | None = None,
    ) -> None:
        super().__init__(shown_by=shown_by)
        self._session = session
        self._sector_of = sector_of
        self._sector_typed = False  # chosen by hand: the organisation no longer sets it
        # Values the form itself gave the sector, whose Changed messages are still due.
        self._sectors_set: list[object] = [Sector.OTHER.value]
        self.seating = NO_PLAN
        """After saving: NO_PLAN (tables not seated yet), SEATED or NO_ROOM."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Walk-in"
            yield Label("Name")
            # Compact fields: the whole form, buttons included, fits an 80x24 terminal.
            yield Input(
                id="name", placeholder="first name and surname, e.g. Zoë Ó Briain", compact=True
            )
            yield Static("", id="name-split", markup=False)
            yield Label("Organisation")
            yield Input(id="organisation", placeholder="optional", compact=True)
            yield Label("Sector")
            yield Select(
                SECTOR_CHOICES,
                value=Sector.OTHER.value,
                allow_blank=False,
                id="sector",
                compact=True,
            )
            yield Label("Access needs")
            yield Input(
                id="access_needs", placeholder="optional, e.g. ground floor only", compact=True
            )
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save and check in", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _value(self, field: str) -> str:
        return " ".join(self.query_one(f"#{field}", Input).value.split())

    @on(Input.Changed, "#name")
    def _show_split(self) -> None:
        first, surname = split_name(self._value("name"))
        text = f"First name: {first or '–'} · Surname: {surname or '–'}" if first else ""
        self.query_one("#name-split", Static).update(text)

    @on(Input.Changed, "#organisation")
    def _sector_from_organisation(self) -> None:
        select = self.query_one("#sector", Select)
        known = self._sector_of(self._value("organisation")) or Sector.OTHER.value
        if not self._sector_typed and known != select.value:
            self._sectors_set.append(known)
            select.value = known

    @on(Select.Changed, "#sector")
    def _sector_chosen(self, event: Select.Changed) -> None:
        if event.value in self._sectors_set:
            self._sectors_set.remove(event.value)
        else:
            self._sector_typed = True

    @on(Input.Submitted, "#name")
    def _next_field(self) -> None:
        self.query_one("#organisation", Input).focus()

    @on(Input.Submitted, "#organisation, #access_needs")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        first, surname = split_name(self._value("name"))
        if not (first or surname):
            self._show_error("Type the walk-in's name.")
            self.query_one("#name", Input).focus()
            return
        sector = self.query_one("#sector", Select).value
        attendee = Attendee(
            first_name=first,
            surname=surname,
            organisation=self._value("organisation"),
            sector=str(sector),
            access_needs=self._value("access_needs"),
            walk_in=True,
            checked_in_at=now_iso(),
            ticket_type="Walk-in",
        )
        # Durable before the dialog closes: the walk-in is on the list when it says so.
        self._save_and_close(self._session, attendee)

    def _saved_with(self, session: EventSession, record: Record) -> tuple[Record, ...]:
        """A seat in the current table plan, saved with the walk-in in one change."""
        assert isinstance(record, Attendee)
        plans, tables = session.all(SeatingPlan), session.all(DiscussionTable)
        plan = seating_desk.seat_walk_in(plans, record, tables)
        if plan is None:
            return ()
        self.seating = SEATED if record.id in plan.seat_of else NO_ROOM
        return (plan,)


class DirectionsDialog(ModalScreen[None]):
    """Where one person goes, in large friendly lines, read out at the desk."""

    BINDINGS = [
        Binding(
            "escape,enter",
            "close",
            "Done",
            tooltip="Close, back to the list",
            id="desk.directions-done",
        )
    ]

    def __init__(
        self, directions: Directions, *, walk_in: bool = False, no_room: bool = False
    ) -> None:
        super().__init__()
        self.directions = directions
        self._walk_in = walk_in
        self._no_room = no_room  # tables seated, none with a free seat

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Checked in" if self._walk_in else "Directions"
            yield Static(plain(f"Welcome, {self.directions.name}!"), id="directions-name")
            lines = list(self.directions.lines())
            if self._no_room:
                lines.append("Every table is full: add a table on the Tables tab (key 3).")
            yield Static(printable_lines("\n".join(lines)), id="directions-lines", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Done", id="done", variant="primary")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    @on(Button.Pressed, "#done")
    def action_close(self) -> None:
        self.dismiss(None)
