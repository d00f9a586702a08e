"""A question the user must answer before anything happens: yes (True) or no (False)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from workshop_app.tui.widgets.app_footer import AppFooter


class ConfirmDialog(ModalScreen[bool]):
    """Ask before acting; dismisses True when the user confirms.

    Args:
        title: the dialog's border title.
        message: plain text (never markup: it often quotes an event's name).
        confirm: label of the button that answers yes.
        cancel: label of the button that answers no; None for a dialog that only informs.
        danger: the confirm button is styled as destructive and the cancel button has focus.
    """

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="Close without doing anything",
            id="dialog.cancel",
        )
    ]

    def __init__(
        self,
        title: str,
        message: str,
        *,
        confirm: str = "OK",
        cancel: str | None = "Cancel",
        danger: bool = False,
    ) -> None:
        super().__init__()
        self._title = title
        self._message = message
        self._confirm = confirm
        self._cancel = cancel
        self._danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = self._title
            yield Static(self._message, id="message", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(
                    Content(self._confirm),
                    id="confirm",
                    variant="error" if self._danger else "primary",
                )
                if self._cancel is not None:
                    yield Button(Content(self._cancel), id="cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        safe_choice = "#cancel" if self._danger and self._cancel is not None else "#confirm"
        self.query_one(safe_choice, Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
