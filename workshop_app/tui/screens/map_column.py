"""Choose the field one column of an attendee list holds (opened from the import preview).

A list of every field, the column's current one highlighted: arrows move, Enter picks,
Esc leaves the mapping as it was.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop_app.core.plain_text import printable
from workshop_app.io.columns import TARGETS
from workshop_app.tui.widgets.app_footer import AppFooter


class MapColumnDialog(ModalScreen[str | None]):
    """Dismisses with the chosen field, or None when left with Esc."""

    BINDINGS = [
        Binding(
            "escape", "cancel", "Cancel", tooltip="Keep the column as it is", id="dialog.cancel"
        )
    ]

    def __init__(self, column: str, current: str) -> None:
        super().__init__()
        self.column = column
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Map a column"
            yield Static(
                Text.assemble(
                    "Which field does the column ", (printable(self.column), "bold"), " hold?"
                ),
                id="map-question",
            )
            yield OptionList(*(Option(Text(t), id=t) for t in TARGETS), id="map-targets")
            yield Static("⏎ choose · esc keep as it is", classes="hint")
        yield AppFooter()

    def on_mount(self) -> None:
        targets = self.query_one(OptionList)
        if self.current in TARGETS:
            targets.highlighted = TARGETS.index(self.current)
        targets.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
