"""The floor for start-up time: a Textual app with a Header, an empty DataTable and a Footer."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

COLUMNS = ("Surname", "First name", "Organisation", "Sector", "Checked in", "Workshop")


class BareApp(App[None]):
    """What any Textual app with the event screen's basic layout costs to show."""

    TITLE = "Bare Textual app"
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
