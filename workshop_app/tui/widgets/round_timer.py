"""The countdown of a discussion round, drawn from the round's record once a second.

Self-contained so any screen can show it (the Tables tab, the capture screen, the
kiosk): give it the store and a round id. It reads the record on every tick, so a
read-only window shows what the facilitator's window started, paused or extended.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from textual.content import Content
from textual.widgets import Static

from workshop_app.core import round_timer
from workshop_app.core.models import DiscussionRound
from workshop_app.core.round_timer import TimerState
from workshop_app.store.errors import StoreError
from workshop_app.store.event_store import EventStore

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
    """ "Round 1 · 12:05 left · running", coloured by state; methods change the timer.

    Args:
        store: the open event.
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

    def __init__(
        self,
        store: EventStore,
        round_id: str = "",
        *,
        clock: Clock = utc_now,
        name_round: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._store = store
        self._clock = clock
        self._name_round = name_round
        self._shown: tuple[str, TimerState | None] | None = None
        self.round_id = round_id

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1, self.tick)

    def show_round(self, round_id: str) -> None:
        self.round_id = round_id
        self.tick()

    @property
    def round(self) -> DiscussionRound | None:
        if not self.round_id:
            return None
        try:
            return self._store.get(DiscussionRound, self.round_id)
        except StoreError:
            return None

    def tick(self) -> None:
        """Redraw from the record: the one place the face is computed.

        Runs every second on every tab, so it changes the screen only when what it shows
        changed: restyling and redrawing cost more than working the face out.
        """
        round_ = self.round
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

    def toggle(self) -> str:
        """Start or pause; returns what happened, for a notification."""
        round_ = self._change(lambda r: round_timer.toggle(r, self._clock()))
        return "started" if round_ and round_.timer_started_at else "paused"

    def extend(self, minutes: int = 1) -> None:
        self._change(lambda r: round_timer.extend(r, minutes))

    def reset(self) -> None:
        self._change(round_timer.reset)

    def _change(self, rule: Callable[[DiscussionRound], DiscussionRound]) -> DiscussionRound | None:
        """Apply a timer rule and save it before the face changes (durable first)."""
        round_ = self.round
        if round_ is None:
            raise ValueError("Add a discussion round first.")
        changed = rule(round_)
        if changed is not round_:
            self._store.save(changed)
        self.tick()
        return changed
