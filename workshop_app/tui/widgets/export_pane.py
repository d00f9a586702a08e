"""The Export tab: save the whole event as a JSON file, readable only by this user."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static


class ExportPane(Vertical):
    """Explains the export and shows how the last one went; the screen does the exporting.

    Pressing the button posts `Button.Pressed` (id `export-json`) for the screen to handle.
    """

    def __init__(self, exports_folder: Path, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._exports_folder = exports_folder

    def compose(self) -> ComposeResult:
        yield Static(
            "Export the whole event as one JSON file: the event, every attendee, workshop, "
            f"question and group.\nIt goes to {self._exports_folder} and only your user "
            "account can read it. It holds personal data: share it with care.",
            classes="pane-summary",
            markup=False,
        )
        yield Button("Export JSON", id="export-json", variant="primary")
        yield Static("", id="export-status", markup=False)

    def show_running(self) -> None:
        self._status("Exporting…", problem=False)

    def show_done(self, path: Path) -> None:
        self._status(f"Saved {path}", problem=False)

    def show_failed(self, message: str) -> None:
        self._status(f"Not exported: {message}", problem=True)

    def _status(self, text: str, *, problem: bool) -> None:
        status = self.query_one("#export-status", Static)
        status.update(text)
        status.set_class(problem, "-problem")
