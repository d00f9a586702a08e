""" "Where do I go?": a person types their surname and sees only their own directions.

It faces the queue, so it never lists everyone: at least three letters of a surname (or
all of a shorter one, core/kiosk_search.py), nobody when more than a handful match, first
names as initials when several do, and only names and directions (no organisation, no
email).
What was typed is cleared after a pause, so the next person does not see it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Static

from workshop_app.core import round_timer
from workshop_app.core.kiosk_search import MIN_LETTERS, kiosk_name, kiosk_search
from workshop_app.core.models import DiscussionRound
from workshop_app.core.plain_text import printable, printable_lines
from workshop_app.core.search import SearchIndex
from workshop_app.tui.directions_source import DirectionsFor
from workshop_app.tui.widgets.round_timer import utc_now

MAX_SHOWN = 5
CLEAR_AFTER_SECONDS = 45.0


class KioskView(Vertical):
    """The surname box and what it finds."""

    def __init__(
        self,
        index: SearchIndex,
        directions: DirectionsFor,
        *,
        event_name: str = "",
        rounds: Sequence[DiscussionRound] = (),
        clock: Callable[[], datetime] = utc_now,
    ):
        super().__init__(id="kiosk")
        self._index = index
        self._directions = directions
        self._event_name = event_name
        self._rounds = rounds
        self._clock = clock
        self._idle: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("Where do I go?", id="kiosk-title")
        if self._event_name:
            yield Static(printable(self._event_name), id="kiosk-event", markup=False)
        yield Static("", id="kiosk-timer", markup=False)
        yield Static("Type your surname, then look below.", id="kiosk-hint")
        yield Input(placeholder="Your surname", id="kiosk-surname")
        with VerticalScroll(id="kiosk-results-scroll"):
            yield Static("", id="kiosk-results", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._idle = self.set_interval(CLEAR_AFTER_SECONDS, self.clear, pause=True)
        self._show_timer()
        self.set_interval(1, self._show_timer)

    @property
    def results_text(self) -> str:
        return str(self.query_one("#kiosk-results", Static).content)

    def use(
        self,
        index: SearchIndex,
        directions: DirectionsFor,
        rounds: Sequence[DiscussionRound] = (),
    ) -> None:
        """Show the latest list (the standalone kiosk reloads it when the desk saves)."""
        self._index = index
        self._directions = directions
        self._rounds = rounds
        self._show()
        self._show_timer()

    @property
    def timer_text(self) -> str:
        return str(self.query_one("#kiosk-timer", Static).content)

    def _show_timer(self) -> None:
        """The discussion round's countdown, while one is under way; nothing otherwise."""
        timer = self.query_one("#kiosk-timer", Static)
        now = self._clock()
        round_ = round_timer.round_in_progress(self._rounds, now)
        timer.display = round_ is not None
        if round_ is None:
            timer.update("")
            return
        left = round_timer.remaining_seconds(round_, now)
        paused = round_timer.timer_state(round_, now) is round_timer.TimerState.PAUSED
        words = "over time" if left <= 0 else "left"
        timer.update(
            f"Table discussion, round {round_.number}: {round_timer.clock_face(left)} {words}"
            + (" (paused)" if paused else "")
        )

    def clear(self) -> None:
        self.query_one(Input).value = ""

    @on(Input.Changed, "#kiosk-surname")
    def _typed(self) -> None:
        if self._idle is not None:
            self._idle.reset()
            self._idle.resume()
        self._show()

    def _show(self) -> None:
        self.query_one("#kiosk-results", Static).update(self._answer())

    def _answer(self) -> str:
        typed = self.query_one(Input).value.strip()
        if not typed:
            return ""
        found = kiosk_search(self._index, typed)
        if found.too_short:
            return (
                f"Type at least {MIN_LETTERS} letters of your surname "
                "(or all of it, if it is shorter)."
            )
        if not found.people:
            return "Nobody with that surname is on the list.\nPlease ask at the desk."
        if len(found.people) > MAX_SHOWN:
            return "Keep typing your surname: more than a few people match.\nOr ask at the desk."
        blocks = []
        for attendee in found.people:
            name = kiosk_name(attendee, initial_only=found.initials_only)
            lines = "\n".join(f"  {line}" for line in self._directions(attendee).lines())
            blocks.append(printable(name) + "\n" + printable_lines(lines))
        return "\n\n".join(blocks)
