"""The plenary view for the projector: themes ranked by dots, with how many notes and
tables raised each, in large type. It refreshes itself, so it can stay up while the
voting goes on in another window or laptop's merged database.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Static

from workshop_app.core import discussion as rules
from workshop_app.core.discussion import Note, Theme, Vote
from workshop_app.store.errors import StoreError
from workshop_app.store.event_store import EventStore
from workshop_app.tui.formatting import count
from workshop_app.tui.widgets.app_footer import AppFooter

REFRESH_SECONDS = 2


class PlenaryScreen(Screen[None]):
    """Big, plain and read-only: nothing on it can be changed by a stray key."""

    BINDINGS = [Binding("escape", "close", "Done", tooltip="Back to the Tables tab")]

    def __init__(self, store: EventStore, *, live: bool = True) -> None:
        super().__init__()
        self.store = store
        self._live = live
        self._shown: list[tuple[str, int, int, int]] = []

    def compose(self) -> ComposeResult:
        yield Static("What we said matters most", id="plenary-title")
        yield VerticalScroll(id="plenary-ranking", can_focus=True)
        yield AppFooter()

    async def on_mount(self) -> None:
        await self.refresh_ranking()
        self.query_one("#plenary-ranking").focus()
        if self._live:
            self.set_interval(REFRESH_SECONDS, self.refresh_ranking)

    async def refresh_ranking(self) -> None:
        try:
            ranks = rules.ranking(self.store.all(Theme), self.store.all(Vote), self.store.all(Note))
        except StoreError:
            return  # the last ranking stays up; the projector never shows an error
        shown = [(r.theme.name, r.dots, r.note_count, r.table_count) for r in ranks]
        if shown == self._shown:
            return
        self._shown = shown
        ranking = self.query_one("#plenary-ranking", VerticalScroll)
        await ranking.remove_children()
        if not shown:
            await ranking.mount(Static("No themes yet.", classes="plenary-name"))
            return
        rows = []
        for place, (name, dots, notes, tables) in enumerate(shown, start=1):
            counts = f"{count(dots, 'dot')} · {count(notes, 'note')} from {count(tables, 'table')}"
            rows.append(
                Horizontal(
                    Digits(str(dots), classes="plenary-dots"),
                    Vertical(
                        Static(f"{place}. {name}", classes="plenary-name", markup=False),
                        Static(counts, classes="plenary-counts"),
                    ),
                    classes="plenary-row",
                )
            )
        await ranking.mount_all(rows)

    def action_close(self) -> None:
        self.dismiss(None)
