"""Ask which attendee list to import: a path, completed as it is typed.

Facilitators get the list as an email attachment in Downloads; typing the path with
completion (→ accepts it) is quicker than a file browser and works offline in any terminal.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Static

from workshop_app.tui.screens.form_dialog import FormDialog
from workshop_app.tui.widgets.app_footer import AppFooter

IMPORTABLE = (".csv", ".xlsx", ".txt", ".tsv")


class PathSuggester(Suggester):
    """Suggests the first file or folder that completes what is typed (folders end in /)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(os.path.expanduser(value))
        folder, start = (typed, "") if value.endswith(os.sep) else (typed.parent, typed.name)
        try:
            names = sorted(
                entry.name + (os.sep if entry.is_dir() else "")
                for entry in os.scandir(folder)
                if entry.name.startswith(start) and not entry.name.startswith(".")
            )
        except OSError:
            return None
        if not names:
            return None
        # Keep what the user typed (~, relative parts) and add the rest of the name.
        return value + names[0][len(start) :]


def check_import_path(text: str) -> tuple[Path | None, str]:
    """The file to import, or None and why not, in words a facilitator understands."""
    if not text.strip():
        return None, "Type the path of a CSV or XLSX file."
    path = Path(os.path.expanduser(text.strip())).absolute()
    if not path.exists():
        return None, f"There is no file at {path}. Check the spelling; → completes names."
    if path.is_dir():
        return None, f"{path} is a folder: add the file name (→ completes it)."
    if path.suffix.lower() not in IMPORTABLE:
        return None, f"{path.name} is not a CSV or XLSX file."
    return path, ""


class ImportPathDialog(FormDialog[Path]):
    """Ask for the path of an attendee list; dismiss with an existing file, or None."""

    BINDINGS = [
        Binding(
            "escape", "cancel", "Cancel", tooltip="Close; nothing is imported", id="form.cancel"
        )
    ]

    def __init__(self, start: str = "") -> None:
        super().__init__()
        self._start = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Import attendees"
            yield Label("CSV or XLSX file (→ completes the path; nothing is saved yet)")
            yield Input(
                self._start,
                placeholder="e.g. ~/Downloads/attendees.csv",
                suggester=PathSuggester(),
                id="import-path",
            )
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Preview", id="preview", variant="primary")
                yield Button("Cancel", id="cancel")
        yield AppFooter()

    @on(Input.Submitted)
    @on(Button.Pressed, "#preview")
    def action_preview(self) -> None:
        path, problem = check_import_path(self.query_one(Input).value)
        if path is None:
            self._show_error(problem)
            self.query_one(Input).focus()
        else:
            self.dismiss(path)
