"""The countdown of a discussion round, drawn from the round's record once a second.

Self-contained so any screen can show it (the Tables tab, the capture screen): give it
the event's session and a round id (bound to the screen's `round_id` with `data_bind`).
It reads the record on every tick, so a read-only window shows what the facilitator's
window started, paused or extended. It only shows the timer: the screen that owns it
changes the round through the session, then calls `tick`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from workshop_app.core import round_timer
from workshop_app.core.models import DiscussionRound
from workshop_app.core.round_timer import TimerState
from workshop_app.tui.event_session import EventUnreadable

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession

Clock = Callable[[], datetime]
STATE_WORDS = {
    TimerState.READY: "ready",
    TimerState.RUNNING: "running",
    TimerState.PAUSED: "paused",
    TimerState.OVER: "over time",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class RoundTimer(Static):
    """ "Round 1 · 12:05 left · running", coloured by state.

    Args:
        session: the open event.
        round_id: the round to show; "" shows that there is no round yet.
        clock: what "now" is; tests and snapshots pass a frozen one.
        name_round: start with "Round 1 · "; off where the round is named just below, so
            the line fits 80 columns.
    """

    DEFAULT_CSS = """
    RoundTimer {
        width: auto;
        height: 1;
        padding: 0 1;
        text-style: bold;
        background: $boost;
        &.-running { background: $success-muted; }
        &.-paused { background: $warning-muted; }
        &.-over { background: $error-muted; }
    }
    """

    round_id: reactive[str] = reactive("", init=False)
    """The round shown; "" shows that there is no round yet."""

    def __init__(
        self,
        session: EventSession,
        round_id: str = "",
        *,
        clock: Clock = utc_now,
        name_round: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._session = session
        self._clock = clock
        self._name_round = name_round
        self._shown: tuple[str, TimerState | None] | None = None
        self.set_reactive(RoundTimer.round_id, round_id)

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1, self.tick)

    def watch_round_id(self) -> None:
        self.tick()

    @property
    def round(self) -> DiscussionRound | None:
        """The round as stored now; raises EventUnreadable when its record is damaged."""
        return self._session.get(DiscussionRound, self.round_id) if self.round_id else None

    def tick(self) -> None:
        """Redraw from the record: the one place the face is computed.

        Runs every second on every tab, so it changes the screen only when what it shows
        changed: restyling and redrawing cost more than working the face out.
        """
        try:
            round_ = self.round
        except EventUnreadable as error:
            # A damaged round (a bad merge, a hand edit) must not stop the tab ticking:
            # "—" here, what was wrong in the tooltip.
            self.tooltip = f"The round could not be read: {error}"
            self._show("—", None)
            return
        if self.tooltip is not None:
            self.tooltip = None  # readable again (the writer's window fixed it)
        if round_ is None:
            self._show("No discussion round yet", None)
            return
        now = self._clock()
        state = round_timer.timer_state(round_, now)
        left = round_timer.remaining_seconds(round_, now)
        face = round_timer.clock_face(left)
        words = "over" if left <= 0 else "left"
        extra = f" (+{round_.extended_minutes} min)" if round_.extended_minutes else ""
        name = f"Round {round_.number} · " if self._name_round else ""
        self._show(f"{name}{face} {words}{extra} · {STATE_WORDS[state]}", state)

    def _show(self, text: str, state: TimerState | None) -> None:
        if (text, state) == self._shown:
            return
        self._shown = (text, state)
        for each in TimerState:
            self.set_class(each is state, f"-{each.value}")
        self.update(Content(text))
