"""The round countdown as pure functions of the round record and "now"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from workshop_app.core import round_timer as timer
from workshop_app.core.models import DiscussionRound
from workshop_app.core.round_timer import TimerState

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_a_new_round_is_ready_with_its_full_time() -> None:
    round_ = DiscussionRound(minutes=20)
    assert timer.timer_state(round_, T0) is TimerState.READY
    assert timer.remaining_seconds(round_, at(500)) == 20 * 60


def test_running_counts_down_from_the_start() -> None:
    round_ = timer.start(DiscussionRound(minutes=20), T0)
    assert timer.timer_state(round_, at(90)) is TimerState.RUNNING
    assert timer.remaining_seconds(round_, at(90)) == 20 * 60 - 90


def test_pause_keeps_the_time_left_however_long_the_pause() -> None:
    round_ = timer.pause(timer.start(DiscussionRound(minutes=10), T0), at(120))
    assert timer.timer_state(round_, at(9999)) is TimerState.PAUSED
    assert timer.remaining_seconds(round_, at(9999)) == 480
    resumed = timer.start(round_, at(10_000))
    assert timer.remaining_seconds(resumed, at(10_060)) == 420


def test_toggle_starts_then_pauses() -> None:
    running = timer.toggle(DiscussionRound(), T0)
    assert running.timer_started_at
    paused = timer.toggle(running, at(5))
    assert not paused.timer_started_at and paused.timer_elapsed_seconds == 5


def test_extending_adds_minutes_while_running_or_paused() -> None:
    round_ = timer.extend(timer.start(DiscussionRound(minutes=5), T0), 2)
    assert timer.remaining_seconds(round_, at(60)) == 6 * 60
    paused = timer.extend(timer.pause(round_, at(60)), 1)
    assert timer.remaining_seconds(paused, at(600)) == 7 * 60


def test_over_time_goes_negative_and_says_so() -> None:
    round_ = timer.start(DiscussionRound(minutes=1), T0)
    assert timer.timer_state(round_, at(75)) is TimerState.OVER
    assert timer.clock_face(timer.remaining_seconds(round_, at(75))) == "-0:15"


def test_extension_limits_are_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and"):
        timer.extend(DiscussionRound(minutes=5), -6)
    with pytest.raises(ValueError, match="between 0 and"):
        timer.extend(DiscussionRound(minutes=5), 1000)


def test_reset_goes_back_to_ready_and_full_time() -> None:
    round_ = timer.reset(timer.extend(timer.start(DiscussionRound(minutes=5), T0), 3))
    assert timer.timer_state(round_, at(100)) is TimerState.READY
    assert timer.remaining_seconds(round_, at(100)) == 300


def test_a_clock_that_went_backwards_counts_no_time() -> None:
    round_ = timer.start(DiscussionRound(minutes=5), T0)
    assert timer.remaining_seconds(round_, at(-3600)) == 300


def test_a_damaged_start_time_stops_the_clock_instead_of_crashing() -> None:
    round_ = DiscussionRound(minutes=5, timer_started_at="not a time", timer_elapsed_seconds=60)
    assert timer.remaining_seconds(round_, T0) == 240


@pytest.mark.parametrize(
    ("seconds", "face"),
    [(1200, "20:00"), (59.2, "1:00"), (0.4, "0:01"), (0, "0:00"), (-61, "-1:01")],
)
def test_clock_face(seconds: float, face: str) -> None:
    assert timer.clock_face(seconds) == face


def test_timer_state_survives_the_store(tmp_path) -> None:
    """What a restart, or a read-only kiosk process, reads back."""
    from workshop_app.core.models import Event
    from workshop_app.store.event_store import EventStore

    path = tmp_path / "event.json"
    round_ = timer.extend(timer.start(DiscussionRound(minutes=5), T0), 2)
    with EventStore.create(path, Event(name="Timer")) as store:
        store.save(round_)
    with EventStore(path, read_only=True) as kiosk:
        again = kiosk.get(DiscussionRound, round_.id)
    assert timer.remaining_seconds(again, at(30)) == timer.remaining_seconds(round_, at(30))


def test_the_round_in_progress_is_the_running_one_else_the_latest_paused() -> None:
    from workshop_app.core.models import DiscussionRound
    from workshop_app.core.round_timer import round_in_progress

    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    ready = DiscussionRound(number=1)
    paused = DiscussionRound(number=2, timer_elapsed_seconds=30)
    running = DiscussionRound(number=1, timer_started_at="2026-11-23T09:55:00+00:00")

    assert round_in_progress([ready], now) is None
    assert round_in_progress([ready, paused], now) is paused
    assert round_in_progress([paused, running], now) is running
