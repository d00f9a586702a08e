"""What every modal form shares: Escape cancels, ctrl+s saves from any field, Enter
goes from field to field and saves on the last, and one line says what is wrong."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, TypeVar

from textual import on, work
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

if TYPE_CHECKING:
    from workshop_app.core.models import Record
    from workshop_app.tui.event_session import EventSession

ResultT = TypeVar("ResultT")


class FormDialog(ModalScreen[ResultT | None]):
    """A modal form that dismisses with None when cancelled.

    Subclasses compose a `Static(id="form-error")`, a visible primary button that saves
    (and may have a `#cancel` button), and call `_show_error` with a message saying what
    was wrong and where; typing again clears it. ctrl+s presses the primary button
    unless the form binds it to an action of its own. A form whose fields are best
    filled in order calls `_is_last_field` on Enter, so that Enter moves on and only
    the last field's Enter saves.

    Args:
        shown_by: the view that shows what the form saves itself, once it is closed
            (the save's `origin`: the other views are told to read it again).
    """

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="Close the form; nothing is saved",
            id="form.cancel",
        ),
        Binding(
            "ctrl+s",
            "submit",
            "Save",
            tooltip="Save the form, from any field",
            id="form.save",
        ),
    ]

    _saving = False

    def __init__(self, *, shown_by: object | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown_by = shown_by

    def _save_and_close(self, session: EventSession, record: Record) -> None:
        """Save through the session and close with the record once it is durable.

        A second press while saving does nothing; a failed save keeps the form open
        (the session says why), so nothing typed is lost.
        """
        if not self._saving:
            self._saving = True
            self._save_through(session, record)

    def _saved_with(self, session: EventSession, record: Record) -> tuple[Record, ...]:
        """Other records to save with `record`, in the same atomic change (run in a thread:
        it may read a big event)."""
        return ()

    @work(group="form-save")
    async def _save_through(self, session: EventSession, record: Record) -> None:
        from workshop_app.tui.event_session import EventUnreadable  # forms open after frame 1

        try:
            with_it = await asyncio.to_thread(self._saved_with, session, record)
        except EventUnreadable as error:  # what was typed is kept
            self._show_error(f"Not saved: {error}")
            self._saving = False
            return
        if await session.apply((record, *with_it), origin=self._shown_by):
            self.dismiss(record)  # type: ignore[arg-type]
        else:
            self._saving = False

    def action_submit(self) -> None:
        """Do what the form's primary button (Save) does."""
        primary = self.query("Button.-primary")
        if primary:
            primary.first(Button).press()

    def _is_last_field(self, field: Input) -> bool:
        """True when `field` is the form's last field; otherwise focus the next one."""
        fields = [f for f in self.query(Input) if f.display and not f.disabled]
        if field not in fields or field is fields[-1]:
            return True
        # At once, not after the keys already waiting (as focus() would): what is typed
        # straight after Enter belongs to the next field.
        self.set_focus(fields[fields.index(field) + 1])
        return False

    @property
    def error(self) -> str:
        """The problem shown in the form, or "" when there is none."""
        return str(self.query_one("#form-error", Static).content)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Changed)
    def _clear_error(self) -> None:
        self._show_error("")

    def _show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(message)
        error.set_class(bool(message), "-shown")
