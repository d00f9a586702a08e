"""No column was recognised as a name: ask which one holds the names, then read again.

A list exported by a booking form may call its name column "Delegate" or "Participant".
Rather than sending the facilitator back to edit the file, the dialog lists the columns
the file does have and reads it again with the chosen one mapped, as `--map` does on the
command line.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static

from workshop_app.core.plain_text import printable_lines
from workshop_app.io.attendee_import import AttendeeImportError
from workshop_app.io.columns import FULL_NAME
from workshop_app.tui.formatting import plain
from workshop_app.tui.widgets.app_footer import AppFooter

NAME_FIELDS: tuple[tuple[str, str], ...] = (
    ("Full name", FULL_NAME),
    ("First name", "first_name"),
    ("Surname", "surname"),
)


class NameColumnDialog(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (column, field) to read the file again, or None to give up."""

    BINDINGS = [
        Binding(
            "escape", "cancel", "Cancel", tooltip="Close; nothing is saved", id="dialog.cancel"
        ),
        Binding(
            "ctrl+r",
            "read_again",
            "Read again",
            tooltip="Read the file again with the chosen column as the names",
            id="import.read-again",
        ),
    ]

    def __init__(self, error: AttendeeImportError) -> None:
        super().__init__()
        self.problem = error

    def compose(self) -> ComposeResult:
        columns = self.problem.unnamed_columns
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = plain(f"No name column in {self.problem.file_name}")
            yield Static(printable_lines(str(self.problem)), id="message", markup=False)
            yield Label("Which column holds the names?")
            with Horizontal(id="name-mapping"):
                yield Select(
                    [(plain(column), column) for column in columns],
                    prompt="column",
                    id="name-column",
                    compact=True,
                    value=columns[0] if columns else Select.NULL,
                )
                yield Select(
                    [(label, field) for label, field in NAME_FIELDS],
                    id="name-field",
                    compact=True,
                    allow_blank=False,
                    value=FULL_NAME,
                )
            yield Static(
                "A full name is split into title, first name and surname. "
                "Nothing is saved until you confirm the preview.",
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Read again", id="read-again", variant="primary")
                yield Button("Cancel", id="cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#name-column", Select).focus()

    @on(Button.Pressed, "#read-again")
    def action_read_again(self) -> None:
        column = self.query_one("#name-column", Select).value
        if column is Select.NULL:
            self.notify("Choose the column that holds the names first.", title="Name column")
            return
        field = self.query_one("#name-field", Select).value
        self.dismiss((str(column), str(field)))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
