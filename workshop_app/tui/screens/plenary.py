"""The plenary view for the projector: the question, then the themes by place, each with
its dots, how many notes and tables raised it and its top actions.

Places come from the dots with ties shared ("1, 2=, 2=, 4"), shown in Textual's large
Digits with "joint" under a shared place. On a big terminal (a projector) the theme names
are in large letters too and more actions are shown; at 80x24 the names are bold. It
refreshes itself, so it can stay up while the voting goes on in another window or
laptop's merged database.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Static

from workshop_app.core import discussion as rules
from workshop_app.core.discussion import Action, GridEntry, Note, Theme, Vote
from workshop_app.core.models import DiscussionRound
from workshop_app.core.plenary import Place, TopAction, competition_ranks, top_actions
from workshop_app.tui.event_session import EventUnreadable
from workshop_app.tui.formatting import count
from workshop_app.tui.widgets.app_footer import AppFooter
from workshop_app.tui.widgets.big_title import BigTitle

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession

REFRESH_SECONDS = 2
LARGE_FROM = (100, 30)  # columns, rows: from here the names are in large letters
# Rows of the terminal -> how many actions each theme shows: a projector shows more.
ACTIONS_SHOWN = ((45, 3), (30, 2), (0, 1))
NO_QUESTION = "What we said matters most"


class PlenaryScreen(Screen[None]):
    """Big, plain and read-only: nothing on it can be changed by a stray key."""

    BINDINGS = [
        Binding("escape", "close", "Done", tooltip="Back to the Tables tab", id="plenary.done")
    ]

    def __init__(self, session: EventSession, *, live: bool = True) -> None:
        super().__init__()
        self.session = session
        self._live = live
        self._shown: tuple[object, ...] = ()
        # The timer and a resize both refresh, each awaiting between removing the rows
        # and mounting the new ones: one at a time, or the ranking is mounted twice.
        self._refreshing = asyncio.Lock()

    def compose(self) -> ComposeResult:
        yield Static("", id="plenary-question")
        yield VerticalScroll(id="plenary-ranking", can_focus=True)
        yield AppFooter()

    async def on_mount(self) -> None:
        await self.refresh_ranking()
        self.query_one("#plenary-ranking").focus()
        if self._live:
            self.set_interval(REFRESH_SECONDS, self.refresh_ranking)

    async def on_resize(self) -> None:
        await self.refresh_ranking()  # a projector shows more, and larger

    @property
    def large(self) -> bool:
        return self.size.width >= LARGE_FROM[0] and self.size.height >= LARGE_FROM[1]

    @property
    def actions_shown(self) -> int:
        return next(n for rows, n in ACTIONS_SHOWN if self.size.height >= rows)

    async def refresh_ranking(self) -> None:
        async with self._refreshing:
            await self._refresh_ranking()

    async def _refresh_ranking(self) -> None:
        session = self.session
        try:
            themes, votes = session.all(Theme), session.all(Vote)
            notes, actions = session.all(Note), session.all(Action)
            grid = session.all(GridEntry)
            rounds = sorted(session.all(DiscussionRound), key=lambda r: (r.number, r.created))
        except EventUnreadable:
            return  # the last ranking stays up; the projector never shows an error
        ranks = rules.ranking(themes, votes, notes)
        places = competition_ranks([r.dots for r in ranks])
        limit = self.actions_shown
        rows = tuple(
            (place, r.theme.name, r.dots, r.note_count, r.table_count, todo)
            for place, r in zip(places, ranks, strict=True)
            for todo in [top_actions(r.theme, actions, votes, grid, notes, limit)]
        )
        questions = _questions(rounds)
        shown = (questions, self.large, rows)
        if shown == self._shown:
            return
        self._shown = shown
        self.query_one("#plenary-question", Static).update(Text(questions))
        ranking = self.query_one("#plenary-ranking", VerticalScroll)
        await ranking.remove_children()
        if not rows:
            await ranking.mount(Static("No themes yet.", classes="plenary-empty"))
            return
        await ranking.mount_all(self._row(*row) for row in rows)

    def _row(
        self,
        place: Place,
        name: str,
        dots: int,
        notes: int,
        tables: int,
        todo: tuple[TopAction, ...],
    ) -> Horizontal:
        counts = f"{count(dots, 'dot')} · {count(notes, 'note')} from {count(tables, 'table')}"
        place_column = [Digits(str(place.rank), classes="plenary-rank")]
        if place.tied:
            place_column.append(Static("joint", classes="plenary-joint"))
        lines = [
            BigTitle(name, large=self.large, classes="plenary-name"),
            Static(counts, classes="plenary-counts"),
            *(Static(_action_line(action), classes="plenary-action") for action in todo),
        ]
        return Horizontal(
            Vertical(*place_column, classes="plenary-place"),
            Vertical(*lines, classes="plenary-theme"),
            classes="plenary-row",
        )

    def action_close(self) -> None:
        self.dismiss(None)


def _questions(rounds: list[DiscussionRound]) -> str:
    """The question the room discussed; each round's, when there were several."""
    asked = [r for r in rounds if r.prompt.strip()]
    if len(asked) == 1:
        return asked[0].prompt
    return "\n".join(f"Round {r.number}: {r.prompt}" for r in asked) or NO_QUESTION


def _action_line(action: TopAction) -> Text:
    dots = f" · {count(action.dots, 'dot')}" if action.dots else ""
    return Text(f"→ {action.text}{dots}")
