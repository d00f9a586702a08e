"""The form for one workshop: title, room, lead and places. Problems are shown inside it."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from workshop_app.core.models import Workshop
from workshop_app.core.workshop_setup import clean_workshop
from workshop_app.tui.screens.form_dialog import FormDialog
from workshop_app.tui.widgets.app_footer import AppFooter


class WorkshopForm(FormDialog[Workshop]):
    """Add a workshop (`editing` None) or change one; dismisses the workshop to save.

    Args:
        others: the event's workshops, so a title is not used twice.
        editing: the workshop to change; None adds one.
    """

    def __init__(self, others: Sequence[Workshop], editing: Workshop | None = None) -> None:
        super().__init__()
        self._others = list(others)
        self._editing = editing

    def compose(self) -> ComposeResult:
        start = self._editing
        with Vertical(classes="ws-dialog") as dialog:
            dialog.border_title = "Change workshop" if start else "Add a workshop"
            yield Label("Title")
            yield Input(start.title if start else "", placeholder="e.g. Workshop A", id="title")
            yield Label("Room")
            yield Input(start.room if start else "", placeholder="e.g. Conference Room", id="room")
            yield Label("Lead")
            yield Input(
                start.lead if start else "", placeholder="who runs it (optional)", id="lead"
            )
            yield Label("Places")
            yield Input(
                str(start.capacity) if start and start.capacity else "",
                placeholder="how many the room holds (blank: not set)",
                id="capacity",
            )
            yield Static("", id="form-error", classes="ws-form-error", markup=False)
            with Horizontal(classes="ws-buttons"):
                yield Button("Save", id="submit", variant="primary")
                yield Button("Cancel", id="cancel")
        yield AppFooter()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        if self._is_last_field(event.input):
            self.action_submit()

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        values = {
            name: self.query_one(f"#{name}", Input).value
            for name in ("title", "room", "lead", "capacity")
        }
        try:
            workshop = clean_workshop(**values, others=self._others, editing=self._editing)
        except ValueError as problem:
            self._show_error(str(problem))
            return
        self.dismiss(workshop)
