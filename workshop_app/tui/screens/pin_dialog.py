"""Pin someone to one room for every round, or move them to another surname group.

The facilitator picks the room or group from a list and says why (it is shown in the
list of pins, so whoever takes over knows).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop_app.tui.formatting import plain
from workshop_app.tui.widgets.app_footer import AppFooter


class PinDialog(ModalScreen[tuple[str, str] | None]):
    """Choose one of `choices` (key, label); dismisses (key, reason), or None to cancel.

    Args:
        title: the border title, e.g. "Pin Aisha Ahmed to a room".
        prompt: what the list is, e.g. "Room for every round".
        choices: (key, label) pairs; key is a workshop id or a group number.
        reason: the reason to start from (their access need, for a pin).
        current: the key to highlight first.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close; nothing changes", id="dialog.cancel"),
        Binding("ctrl+s", "submit", "Save", tooltip="Save the choice", id="form.save"),
    ]

    def __init__(
        self,
        title: str,
        prompt: str,
        choices: Sequence[tuple[str, str]],
        *,
        reason: str = "",
        current: str | None = None,
    ) -> None:
        super().__init__()
        self._title = title
        self._prompt = prompt
        self._choices = list(choices)
        self._reason = reason
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="ws-dialog") as dialog:
            dialog.border_title = plain(self._title)  # holds the person's name
            yield Label(plain(self._prompt))
            choices = (Option(plain(label), id=key) for key, label in self._choices)
            yield OptionList(*choices, id="choices")
            yield Label("Why")
            yield Input(self._reason, placeholder="e.g. step-free access", id="reason")
            yield Static("", id="form-error", classes="ws-form-error", markup=False)
            with Horizontal(classes="ws-buttons"):
                yield Button("Save", id="submit", variant="primary")
                yield Button("Cancel", id="cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        choices = self.query_one("#choices", OptionList)
        keys = [key for key, _ in self._choices]
        choices.highlighted = keys.index(self._current) if self._current in keys else 0
        choices.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is None:
            self.query_one("#form-error", Static).update("Choose one from the list first.")
            self.query_one("#form-error").add_class("-shown")
            return
        key = choices.get_option_at_index(choices.highlighted).id
        reason = " ".join(self.query_one("#reason", Input).value.split())
        self.dismiss((str(key), reason))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
