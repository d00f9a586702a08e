"""Waiting for what the app does in workers and threads, without fixed sleeps."""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic
from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.screen import Screen

ScreenT = TypeVar("ScreenT", bound=Screen[Any])

POLL_SECONDS = 0.01  # how often a condition is checked while a thread works


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], object], timeout: float = 10
) -> None:
    """Return as soon as `condition()` is true; fail after `timeout` seconds."""
    deadline = monotonic() + timeout
    await pilot.pause()
    while not condition():
        if monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {condition}")
        await pilot.pause(POLL_SECONDS)


async def wait_for_screen(pilot: Pilot[Any], kind: type[ScreenT]) -> ScreenT:
    """The screen of type `kind` once it is in front."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


async def wait_for_open_event(pilot: Pilot[Any]) -> Any:
    """The event screen once its event is open, the desk's list is read and has the focus
    (the search box holds it while the list is read) and the other tabs are filled."""
    from workshop_app.tui.screens.event import EventScreen

    screen = await wait_for_screen(pilot, EventScreen)
    await wait_until(pilot, lambda: screen.store is not None and screen.query("AttendeeList"))
    await wait_until(pilot, lambda: type(screen.focused).__name__ == "AttendeeList")
    await wait_until(pilot, lambda: screen.all_tabs_built)
    return screen


async def wait_for_workers(pilot: Pilot[Any]) -> None:
    """Until no worker runs (never call it while a worker waits on a dialog)."""
    await wait_until(pilot, lambda: not any(w.is_running for w in pilot.app.workers))


def notifications(app: Any) -> list[str]:
    """Title and message of every notification shown so far.

    Textual keeps them in a private list; reading it is the only way to see toasts.
    """
    return [f"{n.title}: {n.message}" for n in app._notifications]
