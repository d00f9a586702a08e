"""The import, step by step: path → preview (in a thread, with progress) → confirm → save.

Nothing is saved until the facilitator confirms the preview, and then everything is saved
as one change through the event's session, so a crash never leaves half a list; a list
longer than the preview
holds (io.attendee_import.KEEP_ROWS) is read again and saved in batches. Mapping a column
by hand runs the preview again with `mapping_overrides`; so does naming the name column
when none was recognised.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from time import monotonic

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, ProgressBar, Static
from textual.worker import get_current_worker

from workshop_app.core.models import Attendee
from workshop_app.io.attendee_import import (
    AttendeeImportError,
    ImportPreview,
    preview_attendee_import,
    save_attendee_import,
)
from workshop_app.tui.event_session import EventSession, SaveRefused
from workshop_app.tui.widgets.app_footer import AppFooter

PROGRESS_INTERVAL = 0.05  # seconds between progress bar updates: smooth, and cheap
_PARTLY_SAVED = (
    "A long list is saved in parts: the people saved before this are kept. "
    "Import the file again to finish; nobody is listed twice."
)


class _Cancelled(Exception):
    """Raised from the progress callback to stop reading a file nobody waits for."""


class ImportProgress(ModalScreen[ImportPreview | AttendeeImportError | None]):
    """Read the file in a thread with a progress bar.

    Dismisses with the preview, with the problem when the file cannot be imported, or
    with None when the facilitator cancels.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Stop reading the file", id="dialog.cancel")
    ]

    def __init__(self, path: Path, existing: Sequence[Attendee], overrides: dict[str, str]) -> None:
        super().__init__()
        self.path = path
        self._existing = existing
        self._overrides = overrides

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Reading the list"
            yield Static(f"Reading {self.path.name}… nothing is saved yet.", markup=False)
            yield ProgressBar(id="import-progress", show_eta=True)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()
        self._read()

    @work(thread=True, exclusive=True, group="import-preview")
    def _read(self) -> None:
        worker = get_current_worker()
        bar = self.query_one(ProgressBar)
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            if worker.is_cancelled:
                raise _Cancelled
            now = monotonic()
            if now - last >= PROGRESS_INTERVAL or done >= total:
                last = now
                self.app.call_from_thread(bar.update, total=max(total, 1), progress=done)

        try:
            preview = preview_attendee_import(
                self.path,
                existing=self._existing,
                mapping_overrides=self._overrides,
                progress=progress,
            )
        except _Cancelled:
            return
        except AttendeeImportError as error:
            result: ImportPreview | AttendeeImportError = error
        else:
            result = preview
        if not worker.is_cancelled:
            self.app.call_from_thread(self.dismiss, result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "import-preview")
        self.dismiss(None)


async def run_import(
    app: App[object],
    session: EventSession,
    existing: Sequence[Attendee],
    *,
    shown_by: object | None = None,
) -> bool:
    """Walk the facilitator through one import; True when something was saved.

    Must run in a worker (it waits on dialogs). `shown_by` is the view that reads the
    list again itself afterwards (the desk); the other views are told by the session.
    """
    from workshop_app.tui.screens.confirm import ConfirmDialog
    from workshop_app.tui.screens.import_path import ImportPathDialog
    from workshop_app.tui.screens.import_preview import ImportPreviewScreen
    from workshop_app.tui.screens.name_column import NameColumnDialog

    path = await app.push_screen_wait(ImportPathDialog())
    if path is None:
        return False
    overrides: dict[str, str] = {}
    while True:
        read = await app.push_screen_wait(ImportProgress(path, existing, overrides))
        if read is None:
            app.notify("Import cancelled; nothing was saved.", title="Import", timeout=5)
            return False
        if isinstance(read, AttendeeImportError):
            if read.unnamed_columns:
                mapping = await app.push_screen_wait(NameColumnDialog(read))
                if mapping is None:
                    app.notify("Import cancelled; nothing was saved.", title="Import", timeout=5)
                    return False
                column, target = mapping
                overrides = {**overrides, column: target}
                continue
            await app.push_screen_wait(
                ConfirmDialog("Cannot import", f"{read}\n\nNothing was saved.", cancel=None)
            )
            return False
        decision = await app.push_screen_wait(ImportPreviewScreen(read))
        if decision is None:
            app.notify("Import cancelled; nothing was saved.", title="Import", timeout=5)
            return False
        if decision.mapping is not None:
            column, target = decision.mapping
            overrides = {**overrides, column: target}
            continue

        batches_saved = 0  # what the failure message may promise depends on it

        def save_batch(batch: Sequence[Attendee]) -> None:  # in the import's thread
            nonlocal batches_saved
            session.apply_blocking(batch, origin=shown_by)
            batches_saved += 1

        try:
            summary = await asyncio.to_thread(
                save_attendee_import, read, save_batch, existing=existing
            )
        except (AttendeeImportError, SaveRefused) as error:
            # A changed file is refused before any save, so "nothing was saved" holds
            # even for a long list; only batches already saved make it partly saved.
            message = str(error)
            if batches_saved:
                message += f"\n{_PARTLY_SAVED}"
            elif "nothing was saved" not in message.lower():
                message += "\nNothing was saved."
            app.notify(message, title="Import failed", severity="error", timeout=20)
            return batches_saved > 0
        app.notify(
            f"{summary.new:,} new, {summary.updated:,} updated, {summary.unchanged:,} "
            f"unchanged; {read.skipped_count:,} rows skipped.",
            title=f"Imported {read.file_name}",
            timeout=8,
        )
        return True
