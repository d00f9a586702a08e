"""The kiosk's exit PIN guard: free tries, then waits that double up to a minute."""

from __future__ import annotations

from workshop_app.core.pin_guard import LONGEST_WAIT_SECONDS, PinAnswer, PinGuard


def test_waits_double_after_the_third_wrong_try_and_stop_at_a_minute() -> None:
    now = [0.0]
    guard = PinGuard("2468", clock=lambda: now[0])
    waits = []
    for _ in range(12):
        assert guard.attempt("0000") is PinAnswer.WRONG
        waits.append(guard.seconds_to_wait())
        now[0] += guard.seconds_to_wait()
    assert waits == [0, 0, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60]
    assert max(waits) == LONGEST_WAIT_SECONDS


def test_a_try_during_the_wait_is_refused_unchecked_even_the_right_one() -> None:
    now = [0.0]
    guard = PinGuard("2468", clock=lambda: now[0])
    for guess in ("1", "2", "3"):
        guard.attempt(guess)
    assert guard.attempt("2468") is PinAnswer.WAIT
    assert guard.wrong_tries == 3 and guard.seconds_to_wait() == 2
    now[0] += 1.5
    assert guard.seconds_to_wait() == 1
    now[0] += 0.5
    assert guard.attempt("2468") is PinAnswer.RIGHT
    assert guard.wrong_tries == 0
