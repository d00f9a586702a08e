"""Run the event day (`event_day`) in the process, headless, through Textual's Pilot.

What the test and the bench use: the whole app at 80x24 on a sessions folder of its
own. Each step's keys are pressed one by one, then the screen text (read from the
compositor, as it would be painted) is polled until the step's texts are there.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import events
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from workshop_app.bench.event_day import SIZE, Step, Type, event_day, write_guest_list
from workshop_app.store.catalog import EventCatalog

STEP_TIMEOUT_S = 20.0  # a step whose texts are not shown by then has failed
POLL_S = 0.01


class DayFailed(AssertionError):
    """A step's texts did not show: says which step, what was missing and the screen."""


@dataclass
class DayRun:
    """What a run of the day did: the steps done, how long each took, the event file."""

    steps: list[Step] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    event_path: Path | None = None

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds)


def screen_text(app: Any) -> str:
    """The screen in front as plain text, one line per row, as it is painted."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def missing(text: str, step: Step) -> list[str]:
    """What `step` waits for that `text` does not show yet ("gone: …" for an absent text)."""
    flat = " ".join(text.split())  # a text may be split over two lines or padded
    gone = [f"gone: {t}" for t in step.absent if t in text or t in flat]
    return [t for t in step.expect if t not in text and t not in flat] + gone


async def run_day(folder: Path, steps: Sequence[Step] | None = None) -> DayRun:
    """Run the day in `folder` (a sessions folder and the guest list are made in it)."""
    from workshop_app.tui.app import WorkshopApp

    folder.mkdir(parents=True, exist_ok=True)
    steps = event_day(write_guest_list(folder)) if steps is None else steps
    catalog = EventCatalog(folder / "sessions")
    app = WorkshopApp(catalog)
    run = DayRun()
    # Toasts on, as in a terminal: they say what happened, and they can cover things.
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for step in steps:
            started = time.perf_counter()
            await _press(pilot, step)
            if step.quits:
                await _wait_for_exit(pilot, step)
            else:
                await _wait_for_texts(pilot, step)
            run.seconds.append(time.perf_counter() - started)
            run.steps.append(step)
    events = catalog.summaries()
    run.event_path = events[0].path if events else None
    return run


async def _press(pilot: Pilot[Any], step: Step) -> None:
    """Send the step's keys.

    Named keys go one at a time through `Pilot.press`, which waits for the app to go
    idle after each, so a key never overtakes what the one before started (a focus
    move, a dialog opening). Typed text goes in one burst, as a typist's keys arrive,
    all for the same field. The last key is only sent: the step's texts are waited for.
    """
    for number, key in enumerate(step.keys, start=1):
        last = number == len(step.keys)
        if isinstance(key, Type):
            for character in key.text:
                name = character if character.isalnum() else _character_to_key(character)
                pilot.app.post_message(events.Key(name, character))
            if not last:
                await pilot.pause()
        elif last:
            pilot.app.post_message(key_event(key))
        else:
            await pilot.press(key)


def key_event(key: str) -> events.Key:
    """The event of a named key ("enter", "ctrl+n", "s"), as `Pilot.press` builds it."""
    try:
        character: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


async def _wait_for_texts(pilot: Pilot[Any], step: Step) -> None:
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while lacking := missing(screen_text(pilot.app), step):
        if time.monotonic() > deadline:
            raise DayFailed(
                f"step {step.name!r}: after {STEP_TIMEOUT_S:.0f} s the screen lacks "
                f"{lacking}:\n{screen_text(pilot.app)}"
            )
        await pilot.pause(POLL_S)


async def _wait_for_exit(pilot: Pilot[Any], step: Step) -> None:
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while pilot.app.is_running:
        if time.monotonic() > deadline:
            raise DayFailed(f"step {step.name!r}: the app is still running")
        await pilot.pause(POLL_S)
