"""Add a walk-in in a few keystrokes, then tell them where to go.

A queue is forming, so the form asks only what the day needs (name, organisation,
sector, access needs); the rest can be added later with Edit. Enter in any field saves.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from workshop_app.core.clock import now_iso
from workshop_app.core.directions import Directions
from workshop_app.core.models import Attendee, Sector
from workshop_app.store.event_store import EventStore
from workshop_app.tui.screens.form_dialog import FormDialog
from workshop_app.tui.widgets.app_footer import AppFooter

SECTOR_CHOICES = [(sector.value, sector.value) for sector in Sector]


class WalkInForm(FormDialog[Attendee]):
    """Ask for a walk-in's details; save them checked in; dismiss with the saved attendee."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close the form; nothing is saved"),
        Binding("ctrl+s", "save", "Save", tooltip="Save and check in (Enter does the same)"),
    ]

    def __init__(self, store: EventStore) -> None:
        super().__init__()
        self._store = store

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Walk-in"
            with Horizontal(classes="field-pair"):
                with Vertical():
                    yield Label("First name")
                    yield Input(id="first_name")
                with Vertical():
                    yield Label("Surname")
                    yield Input(id="surname")
            yield Label("Organisation")
            yield Input(id="organisation", placeholder="optional")
            yield Label("Sector")
            yield Select(SECTOR_CHOICES, value=Sector.OTHER.value, allow_blank=False, id="sector")
            yield Label("Access needs")
            yield Input(id="access_needs", placeholder="optional, e.g. ground floor only")
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save and check in", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield AppFooter()

    def _value(self, field: str) -> str:
        return " ".join(self.query_one(f"#{field}", Input).value.split())

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        first, surname = self._value("first_name"), self._value("surname")
        if not (first or surname):
            self._show_error("Type a first name or a surname.")
            self.query_one("#first_name", Input).focus()
            return
        sector = self.query_one("#sector", Select).value
        stamp = now_iso()
        attendee = Attendee(
            first_name=first,
            surname=surname,
            organisation=self._value("organisation"),
            sector=str(sector),
            access_needs=self._value("access_needs"),
            walk_in=True,
            checked_in_at=stamp,
            ticket_type="Walk-in",
        )
        # Durable before the dialog closes: the walk-in is on the list when it says so.
        self._save_and_close(self._store, attendee)


class DirectionsDialog(ModalScreen[None]):
    """Where one person goes, in large friendly lines, read out at the desk."""

    BINDINGS = [Binding("escape,enter", "close", "Done", tooltip="Close, back to the list")]

    def __init__(self, directions: Directions, *, walk_in: bool = False) -> None:
        super().__init__()
        self.directions = directions
        self._walk_in = walk_in

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Checked in" if self._walk_in else "Directions"
            yield Static(f"Welcome, {self.directions.name}!", id="directions-name", markup=False)
            yield Static("\n".join(self.directions.lines()), id="directions-lines", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Done", id="done", variant="primary")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    @on(Button.Pressed, "#done")
    def action_close(self) -> None:
        self.dismiss(None)
