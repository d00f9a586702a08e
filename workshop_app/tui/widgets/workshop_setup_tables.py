"""The set-up lists of the Workshops tab: workshops, rounds, and pinned or moved people.

Each table has its own keys (shown in the footer when it has focus) and posts a message
naming the row; the pane does the work.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from workshop_app.tui.keys import with_keys


class SetupTable(DataTable[Text]):
    """A list whose rows can be edited or deleted with a key."""

    class Edit(Message):
        """Edit the row `key` (Enter)."""

        def __init__(self, table: SetupTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> SetupTable:
            return self.table

    class Delete(Edit):
        """Delete the row `key`, after asking (Delete)."""

    EMPTY = "The list is empty."
    """What to say when Edit or Delete finds no row (they can be run from the palette);
    `{binding-id}` in it is shown as that key (keys.with_keys)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    @property
    def highlighted_key(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def action_edit_row(self) -> None:
        if (key := self._row_or_say()) is not None:
            self.post_message(self.Edit(self, key))

    def action_delete_row(self) -> None:
        if (key := self._row_or_say()) is not None:
            self.post_message(self.Delete(self, key))

    def _row_or_say(self) -> str | None:
        key = self.highlighted_key
        if key is None:
            self.notify(with_keys(self, self.EMPTY), title="Nothing to change")
        return key

    def fill(self, columns: list[str], rows: list[tuple[str, list[str]]]) -> None:
        """Replace the rows (key, cells), keeping the cursor on the same row when it stays."""
        kept = self.highlighted_key
        self.clear(columns=True)
        for label in columns:
            self.add_column(label)
        for key, cells in rows:
            self.add_row(*(Text(c, no_wrap=True, overflow="ellipsis") for c in cells), key=key)
        keys = [key for key, _ in rows]
        if kept in keys:
            self.move_cursor(row=keys.index(kept))


class WorkshopTable(SetupTable):
    """The workshops, in programme order."""

    EMPTY = "No workshop yet: press {workshops.add-workshop} to add one."

    BINDINGS = [
        Binding(
            "enter",
            "edit_row",
            "Edit workshop",
            tooltip="Change its title, room, lead or places",
            id="workshops.edit-workshop",
        ),
        Binding(
            "delete",
            "delete_row",
            "Delete workshop",
            tooltip="Remove it, after asking",
            id="workshops.delete-workshop",
        ),
    ]


class RoundTable(SetupTable):
    """The rounds and their times."""

    EMPTY = "No round yet: press {workshops.add-round} to add one."

    BINDINGS = [
        Binding(
            "enter",
            "edit_row",
            "Edit round",
            tooltip="Change when the round runs",
            id="workshops.edit-round",
        ),
        Binding(
            "delete",
            "delete_row",
            "Delete round",
            tooltip="Remove it, after asking",
            id="workshops.delete-round",
        ),
    ]


class PinTable(SetupTable):
    """People pinned to a room or moved to another group by hand."""

    EMPTY = (
        "Nobody is pinned or moved: find a name ({workshops.find}), "
        "then press {workshops.pin} or {workshops.move}."
    )

    BINDINGS = [
        Binding(
            "delete",
            "delete_row",
            "Remove pin/move",
            tooltip="Put them back in their surname group",
            id="workshops.remove-pin",
        ),
    ]
