"""One theme's three-column grid ("what needs to happen", "what is already happening",
"what are the gaps"), its notes to place into it and its potential actions.

Placing a note only records its column; typed grid lines and actions are records of
their own, so the grid can be rebuilt and reported exactly as it was filled in. Every
line can be corrected (e) or removed (Delete): a typed line or an action is deleted, a
note only leaves its column, since notes are deleted in capture and nowhere else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Label, ListItem, ListView, Static

from workshop_app.core import discussion as rules
from workshop_app.core import discussion_edits as edits
from workshop_app.core.discussion import (
    GRID_COLUMN_TITLES,
    Action,
    GridColumn,
    GridEntry,
    Note,
    Theme,
    Vote,
)
from workshop_app.tui.screens.confirm import ConfirmDialog
from workshop_app.tui.screens.table_dialogs import PickDialog, TextDialog
from workshop_app.tui.widgets.app_footer import AppFooter

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession

OUT_OF_GRID = "out"
GridLine = GridEntry | Note | Action  # what one line of a list on this screen stands for
COLUMN_MARKS = {c.value: GRID_COLUMN_TITLES[c].split()[-1] for c in GridColumn}


class ThemeGridScreen(Screen[None]):
    """The grid of one theme; Tab moves between the columns, the notes and the actions."""

    BINDINGS = [
        Binding(
            "a",
            "add_line",
            "Add line",
            tooltip="Type a line into the focused grid column",
            id="grid.add-line",
        ),
        Binding(
            "p",
            "place",
            "Place",
            tooltip="Put the highlighted note into a grid column",
            id="grid.place",
        ),
        Binding(
            "c",
            "add_action",
            "Add action",
            tooltip="List a potential action for this theme",
            id="grid.add-action",
        ),
        Binding(
            "e",
            "edit",
            "Edit",
            tooltip="Change the text of the highlighted line, note or action",
            id="grid.edit",
        ),
        Binding(
            "delete",
            "remove",
            "Remove",
            tooltip="Delete the highlighted typed line or action; a note only leaves its column",
            id="grid.remove",
        ),
        Binding("escape", "close", "Done", tooltip="Back to the themes", id="grid.done"),
    ]

    def __init__(self, session: EventSession, theme_id: str) -> None:
        super().__init__()
        self.session = session
        self.theme_id = theme_id
        self.notes: list[Note] = []
        self.lines: dict[str, list[GridLine]] = {}  # list id -> what each of its lines is

    def compose(self) -> ComposeResult:
        yield Static("", id="grid-title", markup=False)
        with Horizontal(id="grid-columns"):
            for column in GridColumn:
                with Vertical(classes="grid-column"):
                    yield Static(GRID_COLUMN_TITLES[column], classes="grid-heading")
                    yield ListView(id=f"grid-{column.value}")
        with Horizontal(id="grid-lower"):
            with Vertical(classes="grid-column"):
                yield Static("Notes under this theme (p places one)", classes="grid-heading")
                yield ListView(id="grid-notes")
            with Vertical(classes="grid-column"):
                yield Static("Potential actions (c adds one)", classes="grid-heading")
                yield ListView(id="grid-actions")
        yield AppFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#grid-notes", ListView).focus()

    @property
    def theme(self) -> Theme | None:
        return self.session.get(Theme, self.theme_id)

    def reload(self) -> None:
        theme = self.theme
        if theme is None:
            self.dismiss(None)  # merged away meanwhile
            return
        self.notes = sorted(
            (n for n in self.session.all(Note) if n.theme_id == theme.id),
            key=lambda n: (n.grid_column, n.created),
        )
        self.query_one("#grid-title", Static).update(f"Theme: {theme.name}")
        grid = edits.grid_items(theme, self.session.all(GridEntry), self.notes)
        for column, items in grid.items():
            self._fill(f"grid-{column}", list(items), "(nothing yet)")
        self._fill("grid-notes", list(self.notes), "(no notes under this theme)")
        actions = sorted(
            (a for a in self.session.all(Action) if a.theme_id == theme.id),
            key=lambda a: (a.position, a.created),
        )
        self._fill("grid-actions", list(actions), "(none yet)")

    def _fill(self, list_id: str, lines: list[GridLine], empty: str) -> None:
        """Show `lines` in one list, keeping the cursor where it was (or on the last line)."""
        self.lines[list_id] = lines
        view = self.query_one(f"#{list_id}", ListView)
        index = view.index
        texts = [_line_text(line, in_notes=list_id == "grid-notes") for line in lines] or [empty]
        view.clear()
        view.extend(ListItem(Label(text, markup=False)) for text in texts)
        view.index = min(index or 0, len(texts) - 1)

    def _highlighted(self) -> GridLine | None:
        """What the highlighted line of the focused list stands for (None on a placeholder)."""
        view = self.focused
        if not isinstance(view, ListView) or view.id not in self.lines:
            return None
        lines = self.lines[view.id]
        return lines[view.index] if view.index is not None and view.index < len(lines) else None

    async def _save_and_show(self, record: GridLine) -> bool:
        """Save one line, note or action; the grid shows it once it is durable."""
        if not await self.session.save(record, origin=self):
            return False
        self.reload()
        return True

    # -- adding ----------------------------------------------------------------------------

    @work
    async def action_add_line(self) -> None:
        theme = self.theme
        focused = self.focused.id if self.focused else ""
        column = (focused or "").removeprefix("grid-")
        if column not in {c.value for c in GridColumn}:
            choices = [(c.value, GRID_COLUMN_TITLES[c]) for c in GridColumn]
            column = await self.app.push_screen_wait(PickDialog("Which column?", choices)) or ""
        if theme is None or not column:
            return
        text = await self.app.push_screen_wait(TextDialog(GRID_COLUMN_TITLES[column]))
        if text is not None:
            await self._save_and_show(
                rules.add_grid_entry(self.session.all(GridEntry), theme, column, text)
            )

    @work
    async def action_place(self) -> None:
        note = self._highlighted()
        if not isinstance(note, Note):
            self.notify("Highlight a note (in the notes or in a column) first.", title="Place")
            return
        choices = [(c.value, GRID_COLUMN_TITLES[c]) for c in GridColumn] + [
            (OUT_OF_GRID, "(out of the grid)")
        ]
        column = await self.app.push_screen_wait(PickDialog("Put the note in", choices))
        if column is None:
            return
        placed = rules.place_note(note, "" if column == OUT_OF_GRID else column)
        if placed is not note:
            await self._save_and_show(placed)

    @work
    async def action_add_action(self) -> None:
        theme = self.theme
        text = await self.app.push_screen_wait(TextDialog("Potential action"))
        if theme is None or text is None:
            return
        mine = [a.position for a in self.session.all(Action) if a.theme_id == theme.id]
        await self._save_and_show(
            Action(theme_id=theme.id, text=text, position=max(mine, default=-1) + 1)
        )

    # -- correcting ------------------------------------------------------------------------

    @work
    async def action_edit(self) -> None:
        line = self._highlighted()
        if line is None:
            self.notify("Highlight a line, a note or an action first (Tab moves).", title="Edit")
            return
        what = {GridEntry: "Grid line", Note: "Note", Action: "Potential action"}[type(line)]
        text = await self.app.push_screen_wait(TextDialog(what, value=line.text))
        if text is None or text == line.text:
            return
        if isinstance(line, GridEntry):
            edited: GridLine = edits.edit_grid_entry(line, text)
        elif isinstance(line, Note):
            edited = edits.edit_note_text(line, text)
        else:
            edited = edits.edit_action(line, text)
        await self._save_and_show(edited)

    @work
    async def action_remove(self) -> None:
        line = self._highlighted()
        if isinstance(line, Note):
            await self._take_out_of_grid(line)
            return
        if line is None:
            self.notify("Highlight a line or an action first (Tab moves).", title="Remove")
            return
        votes = edits.votes_on(self.session.all(Vote), line.id) if isinstance(line, Action) else ()
        dots = sum(v.dots for v in votes)
        also = f"\n\nThe dots on it ({dots}) go back to the voters." if dots else ""
        kind = "action" if isinstance(line, Action) else "line"
        if not await self.app.push_screen_wait(
            ConfirmDialog(
                f"Remove {kind}",
                f"Remove this {kind}?\n\n{line.text}{also}",
                confirm="Remove",
                danger=True,
            )
        ):
            return
        gone = [(type(record), record.id) for record in (*votes, line)]  # one change: all or none
        if await self.session.apply(deletes=gone, origin=self, failed="Not removed"):
            self.notify(f"The {kind} is removed.", title="Grid")
            self.reload()

    async def _take_out_of_grid(self, note: Note) -> None:
        if not note.grid_column:
            self.notify(
                "The note is in no column. Notes are deleted in capture, not here.",
                title="Remove",
            )
            return
        if await self._save_and_show(edits.take_out_of_grid(note)):
            self.notify("The note left the column; it is still under this theme.", title="Grid")

    @on(ListView.Selected)
    def _selected(self, event: ListView.Selected) -> None:
        """Enter places a note from the notes list, and edits a line anywhere else."""
        if event.list_view.id == "grid-notes":
            self.action_place()
        else:
            self.action_edit()

    def action_close(self) -> None:
        self.dismiss(None)


def _line_text(line: GridLine, *, in_notes: bool) -> str:
    """A line as the lists show it; in the notes list a placed note shows its column."""
    if isinstance(line, Note) and in_notes and line.grid_column:
        return f"[{COLUMN_MARKS[line.grid_column]}] {line.text}"
    return line.text
