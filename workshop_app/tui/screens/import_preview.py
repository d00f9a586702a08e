"""What an import would do, shown before anything is saved; map a column by hand here.

Laid out so the rows get the room, even at 80x24: a one-line summary, then a table whose
columns are the file's own (header: the column, pinned first row: the field it became)
with the first rows below, then the changes, skipped rows and duplicates. The arrow keys
move around the table and scroll it; a column's mapping opens only with Enter or ctrl+r.
The texts are those `workshop-app import --dry-run` prints, so the desk and the command
line never disagree about a file.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static

from workshop_app.core.models import Attendee
from workshop_app.core.plain_text import printable
from workshop_app.io.attendee_import import (
    ImportPreview,
    large_list_warning,
    preview_details,
    unknown_sectors_lines,
)
from workshop_app.io.columns import ATTENDEE_FIELDS, EXTRA, FULL_NAME, IGNORE
from workshop_app.tui.formatting import plain
from workshop_app.tui.styles import read_styles
from workshop_app.tui.widgets.app_footer import AppFooter

CELL_WIDTH = 22  # a column of the table is at most this wide; the rest is cut with "…"


@dataclass(frozen=True)
class PreviewDecision:
    """Confirm (mapping None), or read the file again with one column mapped by hand."""

    mapping: tuple[str, str] | None = None


def cell_value(person: Attendee, label: str, target: str) -> str:
    """What column `label` (read as `target`) gave `person`, as the table shows it."""
    if target == FULL_NAME:
        return person.display_name
    if target == EXTRA:
        return person.extra.get(label, "")
    if target in ATTENDEE_FIELDS:
        value = getattr(person, target)
        return ("yes" if value else "no") if isinstance(value, bool) else str(value)
    return ""  # status and buyer columns steer how a row is read; they are not kept


class ImportPreviewScreen(ModalScreen[PreviewDecision | None]):
    """The preview of one import; dismisses None when cancelled (nothing is saved)."""

    DEFAULT_CSS = read_styles("import_preview.tcss")
    SCOPED_CSS = False  # the file also styles the map-column dialog opened from here
    BINDINGS = [
        Binding(
            "escape", "cancel", "Cancel", tooltip="Close; nothing is saved", id="dialog.cancel"
        ),
        Binding(
            "ctrl+s",
            "confirm",
            "Import",
            tooltip="Save what the preview shows",
            id="import.confirm",
        ),
        Binding(
            "ctrl+r",
            "remap",
            "Map column",
            tooltip="Choose the field the highlighted column holds, and read the file again",
            id="import.map-column",
        ),
    ]

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__()
        self.preview = preview
        mapping = preview.column_mapping
        self.columns = [label for label, target in mapping.items() if target != IGNORE]

    def compose(self) -> ComposeResult:
        preview = self.preview
        summary = preview.summary
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = plain(f"Import {preview.file_name}: preview, nothing saved yet")
            yield Static(
                f"{summary.new:,} new · {summary.updated:,} updated · "
                f"{summary.unchanged:,} unchanged · {preview.skipped_count:,} skipped · "
                f"{preview.duplicate_count:,} possible duplicates",
                id="import-summary",
                markup=False,
            )
            if warning := large_list_warning(preview):
                yield Static(warning, id="import-warning", markup=False)
            yield DataTable(
                id="import-rows", cursor_type="column", fixed_rows=1, zebra_stripes=True
            )
            with VerticalScroll(id="import-details"):
                yield Static(self._details(), markup=False, id="import-text")
            with Horizontal(classes="buttons"):
                to_save = preview.save_count
                yield Button(
                    f"Import {to_save:,}" if to_save else "Nothing to import",
                    id="confirm",
                    variant="warning" if preview.is_large else "primary",
                    disabled=not to_save,
                    compact=True,
                )
                yield Button("Cancel", id="cancel", compact=True)
        yield AppFooter()

    def _details(self) -> str:
        preview = self.preview
        lines = unknown_sectors_lines(preview, max_items=50)
        lines += preview_details(preview, max_items=50)
        ignored = [label for label, t in preview.column_mapping.items() if t == IGNORE]
        if ignored:
            lines += ["", f"Columns ignored: {', '.join(ignored)}"]
        shown = len(preview.rows_to_import)
        if not preview.complete:
            lines += ["", f"The table shows the first {shown:,} of {preview.people_count:,}."]
        return "\n".join(lines).strip("\n") or "No changes, skipped rows or duplicates."

    def on_mount(self) -> None:
        table = self.query_one("#import-rows", DataTable)
        preview = self.preview
        mapping = preview.column_mapping
        pairs = list(zip(preview.rows_to_import, preview.outcomes, strict=True))
        unmapped = set(preview.unmapped_columns)
        table.add_column(Text("Row"), key="#row")
        for label in self.columns:
            values = [len(cell_value(r.attendee, label, mapping[label])) for r, _ in pairs[:50]]
            width = min(CELL_WIDTH, max([len(label), len(mapping[label]) + 2, *values]))
            table.add_column(Text(printable(label), style="bold"), key=label, width=width)
        table.add_column(Text("Outcome"), key="#outcome")
        fields = [
            Text(f"→ {mapping[label]}", style="bold $warning" if label in unmapped else "bold")
            for label in self.columns
        ]
        table.add_row(Text("field"), *fields, Text(""), key="#mapping")
        for row, outcome in pairs:
            cells = [Text(printable(cell_value(row.attendee, c, mapping[c]))) for c in self.columns]
            table.add_row(Text(str(row.row_number)), *cells, Text(outcome.kind))
        if preview.unmapped_columns:  # the column most likely to need a hand
            table.move_cursor(column=self.columns.index(preview.unmapped_columns[0]) + 1)
        elif self.columns:
            table.move_cursor(column=1)
        table.focus()

    def _highlighted_column(self) -> str | None:
        table = self.query_one("#import-rows", DataTable)
        index = table.cursor_column - 1  # the first column is the row number
        return self.columns[index] if 0 <= index < len(self.columns) else None

    @on(DataTable.ColumnSelected, "#import-rows")
    def _column_chosen(self) -> None:
        self.action_remap()

    @work(exclusive=True, group="map-column")
    async def action_remap(self) -> None:
        from workshop_app.tui.screens.map_column import MapColumnDialog

        column = self._highlighted_column()
        if column is None:
            self.notify("Move to one of the file's columns first (← →).", title="Map a column")
            return
        current = self.preview.column_mapping[column]
        target = await self.app.push_screen_wait(MapColumnDialog(column, current))
        if target is not None and target != current:
            self.dismiss(PreviewDecision(mapping=(column, target)))

    @on(Button.Pressed, "#confirm")
    @work(exclusive=True, group="confirm-import")
    async def action_confirm(self) -> None:
        from workshop_app.tui.screens.confirm import ConfirmDialog

        preview = self.preview
        if not preview.save_count:
            return
        if preview.is_large:
            sure = await self.app.push_screen_wait(
                ConfirmDialog(
                    "A very long list",
                    f"{large_list_warning(preview)}\n\nImport all "
                    f"{preview.save_count:,} people into this event?",
                    confirm=f"Import {preview.save_count:,}",
                    cancel="Go back",
                    danger=True,
                )
            )
            if not sure:
                return
        self.dismiss(PreviewDecision())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
