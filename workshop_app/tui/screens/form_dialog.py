"""What every modal form shares: Escape cancels, and one line says what is wrong."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, TypeVar

from textual import on, work
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from workshop_app.store.errors import StoreError

if TYPE_CHECKING:
    from workshop_app.core.models import Record
    from workshop_app.store.event_store import EventStore

ResultT = TypeVar("ResultT")


class FormDialog(ModalScreen[ResultT | None]):
    """A modal form that dismisses with None when cancelled.

    Subclasses compose a `Static(id="form-error")` (and may have a `#cancel` button)
    and call `_show_error` with a message saying what was wrong and where; typing
    again clears it.
    """

    _saving = False

    def _save_and_close(self, store: EventStore, record: Record) -> None:
        """Save in a thread and close with the record once it is durable.

        A second press while saving does nothing; a failed save keeps the form open
        and says why, so nothing typed is lost.
        """
        if not self._saving:
            self._saving = True
            self._save_in_thread(store, record)

    @work(group="form-save")
    async def _save_in_thread(self, store: EventStore, record: Record) -> None:
        try:
            await asyncio.to_thread(store.save, record)
        except (StoreError, OSError) as error:
            self._show_error(f"Not saved: {error}")
            self._saving = False
        else:
            self.dismiss(record)  # type: ignore[arg-type]

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
