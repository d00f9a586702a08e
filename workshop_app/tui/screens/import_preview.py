"""What an import would do, shown before anything is saved; map a column by hand here.

The body is the same text `workshop-app import --dry-run` prints (how the file was read,
which column became which field, the first rows, changes, skipped rows with reasons,
duplicates), so the desk and the command line never disagree about a file.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static

from workshop_app.io.attendee_import import ImportPreview, format_preview
from workshop_app.io.columns import TARGETS
from workshop_app.tui.widgets.app_footer import AppFooter


@dataclass(frozen=True)
class PreviewDecision:
    """Confirm (mapping None), or read the file again with one column mapped by hand."""

    mapping: tuple[str, str] | None = None


class ImportPreviewScreen(ModalScreen[PreviewDecision | None]):
    """The preview of one import; dismisses None when cancelled (nothing is saved)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close; nothing is saved"),
        Binding("ctrl+s", "confirm", "Import", tooltip="Save what the preview shows"),
        Binding(
            "ctrl+r",
            "remap",
            "Map column",
            tooltip="Read the file again with the chosen column mapped to the chosen field",
        ),
    ]

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__()
        self.preview = preview

    def compose(self) -> ComposeResult:
        preview = self.preview
        summary = preview.summary
        to_save = preview.save_count
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = f"Import {preview.file_name}: preview"
            yield Static(
                f"{summary.new:,} new · {summary.updated:,} updated · "
                f"{summary.unchanged:,} unchanged · {preview.skipped_count:,} skipped · "
                f"{preview.duplicate_count:,} possible duplicates. Nothing is saved yet.",
                id="import-summary",
                markup=False,
            )
            with VerticalScroll(id="import-body"):
                yield Static(
                    format_preview(preview, max_rows=8, max_items=50),
                    markup=False,
                    id="import-text",
                )
            yield Label("Map a column by hand: column, then the field it holds")
            with Horizontal(id="import-mapping"):
                yield Select(
                    self._column_choices(),
                    prompt="column",
                    id="map-column",
                    compact=True,
                    value=preview.unmapped_columns[0] if preview.unmapped_columns else Select.NULL,
                )
                yield Select(
                    [(t, t) for t in TARGETS], prompt="field", id="map-target", compact=True
                )
                yield Button("Apply", id="remap", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(
                    f"Import {to_save:,}" if to_save else "Nothing to import",
                    id="confirm",
                    variant="primary",
                    disabled=not to_save,
                )
                yield Button("Cancel", id="cancel")
        yield AppFooter()

    def _column_choices(self) -> list[tuple[str, str]]:
        """Unrecognised columns first: they are the ones that usually need a hand."""
        mapping = self.preview.column_mapping
        unmapped = [c for c in self.preview.unmapped_columns if c in mapping]
        others = [c for c in mapping if c not in unmapped]
        return [(f"{c} → {mapping[c]}", c) for c in (*unmapped, *others)]

    def on_mount(self) -> None:
        focus = "#map-target" if self.preview.unmapped_columns else "#confirm"
        if focus == "#confirm" and not self.preview.save_count:
            focus = "#cancel"
        self.query_one(focus).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        if self.preview.save_count:
            self.dismiss(PreviewDecision())

    @on(Button.Pressed, "#remap")
    def action_remap(self) -> None:
        column = self.query_one("#map-column", Select).value
        target = self.query_one("#map-target", Select).value
        if column is Select.NULL or target is Select.NULL:
            self.notify("Choose a column and the field it holds first.", title="Map a column")
            return
        self.dismiss(PreviewDecision(mapping=(str(column), str(target))))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
