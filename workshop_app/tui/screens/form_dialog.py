"""What every modal form shares: Escape cancels, and one line says what is wrong."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

ResultT = TypeVar("ResultT")


class FormDialog(ModalScreen[ResultT | None]):
    """A modal form that dismisses with None when cancelled.

    Subclasses compose a `Static(id="form-error")` (and may have a `#cancel` button)
    and call `_show_error` with a message saying what was wrong and where; typing
    again clears it.
    """

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
