"""The form for an event's name, date and venue, used to create and to duplicate events."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from workshop_app.store.errors import StoreError
from workshop_app.tui.formatting import plain
from workshop_app.tui.screens.form_dialog import FormDialog
from workshop_app.tui.widgets.app_footer import AppFooter

ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class EventDetails:
    """What the form asks for, as typed."""

    name: str = ""
    date: str = ""
    venue: str = ""


class EventDetailsForm(FormDialog[ResultT]):
    """Ask for an event's details and hand them to `apply`; stay open while it refuses them.

    `apply` does the work (create or duplicate the event), in a thread. Its ValueError,
    StoreError or OSError message is shown inside the form, so the user can fix what they
    typed; whatever it returns is the form's result. Cancelling returns None.

    Args:
        title: the form's border title.
        submit_label: label of the button that applies the details.
        apply: turns the details into the result; raises ValueError when they are not valid.
        initial: the details to start from.
    """

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="Close the form; nothing is created",
            id="form.cancel",
        ),
        Binding(
            "ctrl+s",
            "submit",
            "Save",
            tooltip="Use these details (Enter on the last field does the same)",
            id="form.save",
        ),
    ]

    def __init__(
        self,
        title: str,
        submit_label: str,
        apply: Callable[[EventDetails], ResultT],
        initial: EventDetails = EventDetails(),
    ) -> None:
        super().__init__()
        self._title = title
        self._submit_label = submit_label
        self._apply = apply
        self._initial = initial
        self._applying = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = plain(self._title)
            yield Label("Name")
            yield Input(self._initial.name, placeholder="e.g. Northfield Network Event", id="name")
            yield Label("Date")
            yield Input(
                self._initial.date, placeholder="YYYY-MM-DD, e.g. 2026-11-23 (optional)", id="date"
            )
            yield Label("Venue")
            yield Input(self._initial.venue, placeholder="e.g. Civic Centre (optional)", id="venue")
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(Content(self._submit_label), id="submit", variant="primary")
                yield Button("Cancel", id="cancel")
        yield AppFooter()

    @property
    def details(self) -> EventDetails:
        """The details as they are typed now."""
        return EventDetails(
            name=self.query_one("#name", Input).value,
            date=self.query_one("#date", Input).value,
            venue=self.query_one("#venue", Input).value,
        )

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        # Enter moves on, as in every form: on the name it created the event at once,
        # and the date typed next landed on the event screen, whose digits switch tabs.
        if self._is_last_field(event.input):
            self.action_submit()

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        if not self._applying:
            self._applying = True
            self._apply_details(self.details)

    @work(group="apply")
    async def _apply_details(self, details: EventDetails) -> None:
        """Run `apply` in a thread (copying a big event reads all of it); show what it says."""
        try:
            result = await asyncio.to_thread(self._apply, details)
        except (ValueError, StoreError, OSError) as problem:
            self._show_error(str(problem))
        else:
            self.dismiss(result)
        finally:
            self._applying = False
