"""The countdown of a discussion round, as pure functions of the round and "now".

The state lives on the `DiscussionRound` record, never in a running process, so the
countdown survives a restart and a read-only kiosk shows the same time as the desk.
Running time is kept as "seconds run before the current run" plus "when the current run
began", so pausing, extending and resuming never drift.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum

from workshop_app.core.models import DiscussionRound

MAX_MINUTES = 240  # a round longer than four hours is a typing mistake


class TimerState(StrEnum):
    READY = "ready"  # never started, or reset
    RUNNING = "running"
    PAUSED = "paused"
    OVER = "over"  # running and past its time: the facilitator decides when to stop


def total_seconds(round_: DiscussionRound) -> float:
    """The round's length with any extensions."""
    return (round_.minutes + round_.extended_minutes) * 60.0


def elapsed_seconds(round_: DiscussionRound, now: datetime) -> float:
    """Running time so far; a clock that went backwards counts as no time passing."""
    elapsed = round_.timer_elapsed_seconds
    if round_.timer_started_at:
        started = _parse(round_.timer_started_at)
        if started is not None:
            elapsed += max((now - started).total_seconds(), 0.0)
    return elapsed


def remaining_seconds(round_: DiscussionRound, now: datetime) -> float:
    """Seconds left (negative once over time)."""
    return total_seconds(round_) - elapsed_seconds(round_, now)


def timer_state(round_: DiscussionRound, now: datetime) -> TimerState:
    if round_.timer_started_at:
        return TimerState.OVER if remaining_seconds(round_, now) <= 0 else TimerState.RUNNING
    return TimerState.PAUSED if round_.timer_elapsed_seconds > 0 else TimerState.READY


def round_in_progress(rounds: Iterable[DiscussionRound], now: datetime) -> DiscussionRound | None:
    """The round to show the room: the one running, else one paused part-way (latest)."""
    started = [r for r in rounds if timer_state(r, now) is not TimerState.READY]
    return max(started, key=lambda r: (bool(r.timer_started_at), r.number), default=None)


def start(round_: DiscussionRound, now: datetime) -> DiscussionRound:
    """Start, or resume after a pause; a running timer is returned unchanged."""
    if round_.timer_started_at:
        return round_
    return round_.edited(timer_started_at=_iso(now))


def pause(round_: DiscussionRound, now: datetime) -> DiscussionRound:
    """Stop the clock, keeping the time already run; a stopped timer is unchanged."""
    if not round_.timer_started_at:
        return round_
    return round_.edited(timer_started_at="", timer_elapsed_seconds=elapsed_seconds(round_, now))


def toggle(round_: DiscussionRound, now: datetime) -> DiscussionRound:
    """Start when stopped, pause when running: the one key a facilitator presses."""
    return pause(round_, now) if round_.timer_started_at else start(round_, now)


def extend(round_: DiscussionRound, minutes: int = 1) -> DiscussionRound:
    """More time (or less, with a negative number), whatever the timer is doing."""
    extended = round_.extended_minutes + minutes
    if round_.minutes + extended < 0 or round_.minutes + extended > MAX_MINUTES:
        raise ValueError(f"A round runs between 0 and {MAX_MINUTES} minutes.")
    return round_.edited(extended_minutes=extended)


def reset(round_: DiscussionRound) -> DiscussionRound:
    """Back to the full time, stopped, with extensions dropped."""
    return round_.edited(timer_started_at="", timer_elapsed_seconds=0.0, extended_minutes=0)


def clock_face(seconds: float) -> str:
    """12:05, or -0:42 once over time; whole seconds rounded up while counting down."""
    whole = int(-(-seconds // 1)) if seconds > 0 else int(seconds)
    sign = "-" if whole < 0 else ""
    minutes, secs = divmod(abs(whole), 60)
    return f"{sign}{minutes}:{secs:02d}"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _parse(text: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None  # a damaged timestamp stops the clock rather than crash the screen
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
