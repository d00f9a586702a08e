"""Group the notes into themes: every table's notes in one list, selected in bulk and
given a theme by key; themes created, renamed and merged. Grouping never locks: a note
can move to another theme (or none) at any time, and no note is ever removed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from workshop_app.core import discussion as rules
from workshop_app.core.discussion import Action, GridEntry, Note, Theme, Vote
from workshop_app.core.models import DiscussionRound, DiscussionTable
from workshop_app.tui.formatting import count, plain
from workshop_app.tui.screens.table_dialogs import PickDialog, TextDialog
from workshop_app.tui.widgets.app_footer import AppFooter

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession

ALL_NOTES, UNTHEMED = "all-notes", "unthemed"
STARTER_SET = "starter-set"  # the theme list's offer of the six usual themes
NO_THEME = "no-theme"


class ThemesScreen(Screen[None]):
    """Themes on the left (with "all notes" and "no theme yet"), their notes on the right."""

    BINDINGS = [
        Binding(
            "space",
            "toggle_note",
            "Select",
            tooltip="Select or unselect the note for a bulk change",
            id="themes.select",
        ),
        Binding(
            "t",
            "assign",
            "Give theme",
            tooltip="Put the selected notes (or the highlighted one) under a theme",
            id="themes.give-theme",
        ),
        Binding("n", "new_theme", "New theme", tooltip="Create a theme", id="themes.new-theme"),
        Binding(
            "s",
            "starter_themes",
            "Starter set",
            tooltip="Add the six usual themes that are missing",  # shown while one is
            id="themes.starter-set",
        ),
        Binding(
            "r",
            "rename",
            "Rename",
            tooltip="Rename the highlighted theme",
            show=False,
            id="themes.rename",
        ),
        Binding(
            "m",
            "merge",
            "Merge",
            tooltip="Fold the highlighted theme into another",
            id="themes.merge",
        ),
        Binding(
            "g",
            "grid",
            "Grid",
            tooltip="The highlighted theme's grid and actions",
            id="themes.grid",
        ),
        Binding("escape", "close", "Done", tooltip="Back to the Tables tab", id="themes.done"),
    ]

    def __init__(self, session: EventSession) -> None:
        super().__init__()
        self.session = session
        self.themes: list[Theme] = []
        self.notes: list[Note] = []
        self.selected: set[str] = set()
        self.showing = ALL_NOTES
        self._labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static("Themes", id="themes-title")
        with Horizontal(id="themes-body"):
            themes = OptionList(id="theme-list")
            themes.border_title = "Themes"
            yield themes
            notes = DataTable(id="theme-notes", cursor_type="row", zebra_stripes=True)
            notes.border_title = "Notes (Shift+Tab: themes)"
            yield notes
        yield Static("", id="themes-status", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        tables = {t.id: f"T{t.number}" for t in self.session.all(DiscussionTable)}
        rounds = {r.id: f"R{r.number}" for r in self.session.all(DiscussionRound)}
        self._labels = {**tables, **rounds}
        self.reload()
        self.query_one("#theme-notes", DataTable).focus()
        self.call_after_refresh(self._show_notes)  # again, now that the width is known

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys are offered (footer, palette) only where they can do something: the starter
        set while one of the six is missing, merging with two themes, the grid with one."""
        if action == "starter_themes":
            return bool(self._missing_starter_themes())
        if action in ("merge", "grid"):
            return len(self.themes) >= (2 if action == "merge" else 1)
        return True

    def _missing_starter_themes(self) -> list[Theme]:
        have = {t.name.casefold() for t in self.themes}
        return [t for t in rules.starter_themes() if t.name.casefold() not in have]

    def reload(self) -> None:
        self.themes = sorted(self.session.all(Theme), key=lambda t: (t.position, t.name.casefold()))
        self.notes = sorted(
            self.session.all(Note),
            key=lambda n: (
                self._labels.get(n.round_id, ""),
                self._labels.get(n.table_id, ""),
                n.position,
            ),
        )
        self.selected &= {n.id for n in self.notes}
        listing = self.query_one("#theme-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        unthemed = len(rules.unthemed_notes(self.notes))
        listing.add_options(
            [
                Option(f"All notes ({len(self.notes)})", id=ALL_NOTES),
                Option(f"No theme yet ({unthemed})", id=UNTHEMED),
                *(
                    Option(
                        Text(f"{t.name} ({sum(n.theme_id == t.id for n in self.notes)})"), id=t.id
                    )
                    for t in self.themes
                ),
            ]
        )
        if not self.themes:  # a new event: the six usual themes are one key away
            listing.add_option(Option(Text("+ The six starter themes (s)"), id=STARTER_SET))
            self._status(
                "No themes yet: s adds the six usual ones ("
                + ", ".join(rules.STARTER_THEME_NAMES)
                + "); n adds one of your own."
            )
        listing.highlighted = min(highlighted or 0, listing.option_count - 1)
        self.refresh_bindings()
        self._show_notes()

    @on(OptionList.OptionHighlighted, "#theme-list")
    def _theme_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id != STARTER_SET:  # an offer, not a list of notes
            self.showing = event.option.id or ALL_NOTES
            self._show_notes()

    @on(OptionList.OptionSelected, "#theme-list")
    async def _theme_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == STARTER_SET:
            await self.action_starter_themes()

    def _show_notes(self) -> None:
        names = {t.id: t.name for t in self.themes}
        shown = [
            n
            for n in self.notes
            if self.showing == ALL_NOTES
            or (self.showing == UNTHEMED and not n.theme_id)
            or n.theme_id == self.showing
        ]
        table = self.query_one("#theme-notes", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column("✓", key="selected", width=1)
        table.add_column("Where", key="where", width=6)
        # The theme column only when the list mixes themes; under one theme (or none) it
        # would repeat the heading and take the room the notes need.
        theme_width = 0
        if self.showing == ALL_NOTES and self.themes:
            longest = max((len(t.name) for t in self.themes), default=5)
            theme_width = max(8, min(longest, (table.size.width - 17) // 4))
            table.add_column("Theme", key="theme", width=theme_width)
        # The note takes the rest of the width (padding of each column and the scrollbar)
        # and wraps onto as many lines as it needs: notes are read whole, never cut.
        columns = 4 if theme_width else 3
        note_width = max(table.size.width - (1 + 6 + theme_width) - columns * 2 - 2, 12)
        table.add_column("Note", key="text", width=note_width)
        for note in shown:
            where = f"{self._labels.get(note.round_id, '?')}{self._labels.get(note.table_id, '?')}"
            theme_cell = Text(names.get(note.theme_id, "—"), no_wrap=True, overflow="ellipsis")
            cells = ["✓" if note.id in self.selected else "", where, theme_cell, Text(note.text)]
            if not theme_width:
                del cells[2]
            table.add_row(*cells, key=note.id, height=None)
        table.move_cursor(row=min(row, max(table.row_count - 1, 0)))
        theme = self.highlighted_theme
        heading = (
            theme.name if theme else ("All notes" if self.showing == ALL_NOTES else "No theme yet")
        )
        tables = len({n.table_id for n in shown})
        self.query_one("#themes-title", Static).update(
            plain(
                f"{heading} · {count(len(shown), 'note')} from {count(tables, 'table')}"
                f" · {len(self.selected)} selected"
            )
        )

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_notes)

    @property
    def highlighted_theme(self) -> Theme | None:
        return next((t for t in self.themes if t.id == self.showing), None)

    def _highlighted_note_id(self) -> str:
        table = self.query_one("#theme-notes", DataTable)
        if not table.row_count:
            return ""
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _status(self, message: str) -> None:
        self.query_one("#themes-status", Static).update(message)

    # -- actions ---------------------------------------------------------------------------

    def action_toggle_note(self) -> None:
        note_id = self._highlighted_note_id()
        if note_id:
            self.selected ^= {note_id}
            table = self.query_one("#theme-notes", DataTable)
            table.update_cell(note_id, "selected", "✓" if note_id in self.selected else "")
            table.action_cursor_down()
            self._show_notes()

    @work
    async def action_assign(self) -> None:
        chosen = sorted(self.selected) or [i for i in [self._highlighted_note_id()] if i]
        if not chosen:
            self.notify("There are no notes here to give a theme.", title="Themes")
            return
        if not self.themes:
            self.notify("Create a theme first (n), or add the starter set (s).", title="Themes")
            return
        choices = [(t.id, t.name) for t in self.themes] + [(NO_THEME, "(no theme)")]
        picked = await self.app.push_screen_wait(
            PickDialog(f"Theme for {count(len(chosen), 'note')}", choices)
        )
        if picked is None:
            return
        theme = next((t for t in self.themes if t.id == picked), None)
        changed = rules.assign_notes(self.notes, chosen, theme)
        if await self.session.save(*changed, origin=self):
            self.selected.clear()
            self._status(
                f"{count(len(changed), 'note')} now under {theme.name if theme else 'no theme'}."
            )
            self.reload()

    def _name_problem(self, renaming_id: str):  # type: ignore[no-untyped-def]
        def check(name: str) -> str:
            try:
                if renaming_id:
                    rules.rename_theme(self.themes, renaming_id, name)
                else:
                    rules.add_theme(self.themes, name)
            except ValueError as error:
                return str(error)
            return ""

        return check

    @work
    async def action_new_theme(self) -> None:
        name = await self.app.push_screen_wait(
            TextDialog("New theme", check=self._name_problem(""))
        )
        if name is not None and await self.session.save(
            rules.add_theme(self.themes, name), origin=self
        ):
            self.reload()

    async def action_starter_themes(self) -> None:
        missing = self._missing_starter_themes()
        start = max((t.position for t in self.themes), default=-1) + 1
        added = [t.edited(position=start + k) for k, t in enumerate(missing)]
        if not added:
            self._status("All six starter themes are already here.")
        elif await self.session.save(*added, origin=self):
            self._status(f"{count(len(added), 'starter theme')} added.")
            self.reload()

    @work
    async def action_rename(self) -> None:
        theme = self.highlighted_theme
        if theme is None:
            self.notify("Highlight a theme on the left first.", title="Rename")
            return
        name = await self.app.push_screen_wait(
            TextDialog(f"Rename {theme.name}", value=theme.name, check=self._name_problem(theme.id))
        )
        if name is not None and await self.session.save(
            rules.rename_theme(self.themes, theme.id, name), origin=self
        ):
            self.reload()

    @work
    async def action_merge(self) -> None:
        theme = self.highlighted_theme
        others = [(t.id, t.name) for t in self.themes if theme and t.id != theme.id]
        if theme is None or not others:
            self.notify(
                "Highlight a theme on the left, with another to merge it into.", title="Merge"
            )
            return
        keep_id = await self.app.push_screen_wait(PickDialog(f"Merge {theme.name} into", others))
        if keep_id is None:
            return
        merge = rules.merge_themes(
            self.themes,
            self.notes,
            self.session.all(GridEntry),
            self.session.all(Action),
            self.session.all(Vote),
            keep_id=keep_id,
            remove_id=theme.id,
        )
        records = [merge.theme, *merge.notes, *merge.grid_entries, *merge.actions, *merge.votes]
        deletes = [(Theme, merge.removed_theme_id)]
        if await self.session.apply(records, deletes, origin=self, failed="Not merged"):
            self._status(
                f"{theme.name} merged into {merge.theme.name}; "
                f"{count(len(merge.notes), 'note')} moved."
            )
            self.showing = keep_id
            self.reload()

    def action_grid(self) -> None:
        from workshop_app.tui.screens.theme_grid import ThemeGridScreen

        theme = self.highlighted_theme
        if theme is None:
            self.notify("Highlight a theme on the left first.", title="Grid")
            return
        self.app.push_screen(ThemeGridScreen(self.session, theme.id), lambda _: self.reload())

    def action_close(self) -> None:
        self.dismiss(None)
