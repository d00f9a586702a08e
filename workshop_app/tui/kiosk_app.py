"""`workshop-app kiosk EVENT`: the "Where do I go?" kiosk on its own, for a second monitor.

It opens the event read-only, so it runs beside the desk, which has the event open for
writing. Every couple of seconds it looks at the modification times of the event file and
its journal; when the desk has saved (a walk-in, an allocation) it reads the event again
in a thread and shows the new list.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from textual import work
from textual.app import App
from textual.worker import get_current_worker

from workshop_app.core.models import Attendee, DiscussionRound
from workshop_app.core.plain_text import printable
from workshop_app.core.search import SearchIndex
from workshop_app.store.durable import journal_path_for
from workshop_app.store.errors import StoreError
from workshop_app.store.event_store import EventStore
from workshop_app.tui.directions_source import DirectionsFor, load_directions
from workshop_app.tui.screens.kiosk import KioskEntryDialog, KioskScreen

POLL_SECONDS = 2.0


def _stamp(path: Path) -> tuple[float, ...]:
    """Modification times of the event and its journal (0 when missing)."""
    stamps = []
    for candidate in (path, journal_path_for(path)):
        try:
            stamps.append(os.stat(candidate).st_mtime)
        except OSError:
            stamps.append(0.0)
    return tuple(stamps)


def read_event(
    path: Path,
) -> tuple[str, SearchIndex, DirectionsFor, list[DiscussionRound]]:
    """The event's name, its attendees indexed, their directions and the discussion
    rounds (for the countdown); read-only."""
    with EventStore(path, read_only=True) as store:
        return (
            store.event.name,
            SearchIndex(store.all(Attendee)),
            load_directions(store),
            store.all(DiscussionRound),
        )


class KioskApp(App[None], inherit_bindings=False):
    """Only the kiosk: no quit key, no palette; leaving needs the facilitator PIN."""

    TITLE = "Where do I go?"
    CSS_PATH = ["app.tcss", "dialogs.tcss", "attendees.tcss"]
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._stamp: tuple[float, ...] = ()
        self._kiosk: KioskScreen | None = None

    def on_mount(self) -> None:
        self.start()

    @work(exclusive=True, group="kiosk-start")
    async def start(self) -> None:
        pin = await self.push_screen_wait(KioskEntryDialog())
        if pin is None:
            self.exit()
            return
        try:
            self._stamp = _stamp(self.path)
            name, index, directions, rounds = await asyncio.to_thread(read_event, self.path)
        except (StoreError, OSError) as error:
            self.exit(message=f"workshop-app kiosk: {printable(str(error))}")
            return
        self._kiosk = KioskScreen(index, directions, pin=pin, event_name=name, rounds=rounds)
        self.push_screen(self._kiosk, callback=lambda _: self.exit())
        self.set_interval(POLL_SECONDS, self._check_for_changes)

    def _check_for_changes(self) -> None:
        stamp = _stamp(self.path)
        if stamp != self._stamp:
            self._stamp = stamp
            self.reload()

    @work(thread=True, exclusive=True, group="kiosk-reload")
    def reload(self) -> None:
        """Read the event again in a thread; a failed read keeps the list already shown."""
        try:
            _, index, directions, rounds = read_event(self.path)
        except (StoreError, OSError):
            # Caught mid-save, perhaps: forget the stamp so the next poll reads again.
            self.call_from_thread(setattr, self, "_stamp", ())
            return
        if self._kiosk is not None and not get_current_worker().is_cancelled:
            self.call_from_thread(self._kiosk.view.use, index, directions, rounds)
