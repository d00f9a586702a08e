"""The form for one round's times. Problems (a time that is not one, overlaps) show inside."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from workshop_app.core.workshop_plan import WorkshopRound
from workshop_app.core.workshop_setup import clean_round
from workshop_app.tui.screens.form_dialog import FormDialog
from workshop_app.tui.widgets.app_footer import AppFooter


class WorkshopRoundForm(FormDialog[WorkshopRound]):
    """Add a workshop round (`editing` None) or change its times; dismisses the round to
    save. (The Tables tab's discussion rounds have a form of their own.)

    Args:
        others: the event's rounds, so two rounds never overlap.
        editing: the round to change; None adds one after the others.
    """

    def __init__(self, others: Sequence[WorkshopRound], editing: WorkshopRound | None = None):
        super().__init__()
        self._others = list(others)
        self._editing = editing

    def compose(self) -> ComposeResult:
        start = self._editing
        with Vertical(classes="ws-dialog") as dialog:
            dialog.border_title = f"Round {start.number}" if start else "Add a round"
            yield Label("Starts")
            yield Input(start.starts if start else "", placeholder="e.g. 10:30", id="starts")
            yield Label("Ends")
            yield Input(start.ends if start else "", placeholder="e.g. 11:30", id="ends")
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
        starts = self.query_one("#starts", Input).value
        ends = self.query_one("#ends", Input).value
        try:
            saved = clean_round(starts, ends, others=self._others, editing=self._editing)
        except ValueError as problem:
            self._show_error(str(problem))
            return
        self.dismiss(saved)
