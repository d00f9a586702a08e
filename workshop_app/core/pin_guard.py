"""The kiosk's exit PIN, slowed down after a few wrong tries so it cannot be guessed quickly.

The first wrong tries cost nothing (a facilitator mistypes); from the third one on, each
wrong try makes the next wait twice as long: 2 s, 4 s, 8 s … up to a minute. A try
during the wait is refused without being checked. The answer never says how close a
guess was. The clock is passed in, so tests need no sleeping.

Pure: no Textual.
"""

from __future__ import annotations

import hmac
import math
import time
from collections.abc import Callable
from enum import Enum

FREE_TRIES = 3
FIRST_WAIT_SECONDS = 2.0
LONGEST_WAIT_SECONDS = 60.0


class PinAnswer(Enum):
    RIGHT = "right"
    WRONG = "wrong"
    WAIT = "wait"  # refused unchecked: a wait from earlier wrong tries is not over


class PinGuard:
    """Checks tries at one PIN and counts the wrong ones, across every time it is asked for."""

    def __init__(self, pin: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._pin = pin
        self._clock = clock
        self._wrong = 0
        self._wait_until = 0.0

    @property
    def wrong_tries(self) -> int:
        return self._wrong

    def seconds_to_wait(self) -> int:
        """Whole seconds until the next try is checked; 0 when it can be tried now."""
        return max(0, math.ceil(self._wait_until - self._clock()))

    def attempt(self, guess: str) -> PinAnswer:
        if self.seconds_to_wait():
            return PinAnswer.WAIT
        if hmac.compare_digest(guess.encode(), self._pin.encode()):
            self._wrong = 0
            return PinAnswer.RIGHT
        self._wrong += 1
        if self._wrong >= FREE_TRIES:
            doublings = self._wrong - FREE_TRIES
            wait = min(LONGEST_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** min(doublings, 16))
            self._wait_until = self._clock() + wait
        return PinAnswer.WRONG
