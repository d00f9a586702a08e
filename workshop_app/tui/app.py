"""The Textual app: a thin shell that starts on the launcher and knows the sessions folder."""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding

from workshop_app.core.plain_text import printable_lines
from workshop_app.io.keymap import read_keymap
from workshop_app.store.catalog import EventCatalog
from workshop_app.tui.commands import ScreenActionsProvider
from workshop_app.tui.screens.launcher import LauncherScreen


class WorkshopApp(App[None]):
    """Run community network events and roadshows from one laptop, offline.

    Args:
        catalog: the sessions folder the launcher lists.
        event_path: an event to open at once; None shows the launcher.
        read_only: open `event_path` without saving anything.
        keymap_path: the user's keymap file (binding id -> keys); None: the app's own keys.
    """

    TITLE = "Workshop app"
    # The screens' styles are loaded here, once: a screen's own CSS_PATH makes Textual
    # parse all the app's styles again when it is pushed (about a third of the time to
    # the event screen's first frame), and the default screen's is never read at all.
    # Each tab's styles come with its pane (tui/styles.py).
    CSS_PATH = ["app.tcss", "launcher.tcss", "event.tcss", "dialogs.tcss"]
    COMMANDS = App.COMMANDS | {ScreenActionsProvider}
    BINDINGS = [
        Binding("f1", "help", "Help", tooltip="Explain the keys of this screen", id="app.help"),
    ]

    def notify(self, message: str, *, markup: bool = True, **options: Any) -> None:
        """Every toast is plain text: messages carry names, file names and errors. None
        is shown over a screen the public uses (the kiosk)."""
        if not getattr(self.screen, "PUBLIC", False):
            super().notify(printable_lines(message), markup=False, **options)

    def __init__(
        self,
        catalog: EventCatalog,
        *,
        event_path: Path | None = None,
        read_only: bool = False,
        keymap_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self._event_path = event_path
        self._read_only = read_only
        self._keymap_problems: tuple[str, ...] = ()
        if keymap_path is not None:
            keymap = read_keymap(keymap_path)
            self.set_keymap(keymap.keys)  # before the first screen, whose keys it moves
            self._keymap_problems = keymap.problems

    def on_mount(self) -> None:
        # Ids no key has are not looked for here: that needs every screen's module
        # imported, too slow for the first frame; `workshop-app keys` checks them.
        for problem in self._keymap_problems:
            self.notify(problem, title="Keymap", severity="warning", timeout=20)

    def get_default_screen(self) -> LauncherScreen:
        return LauncherScreen(self.catalog, open_first=self._event_path, read_only=self._read_only)

    def action_help(self) -> None:
        """Show the keys of the screen in front, generated from its bindings."""
        from workshop_app.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # -- the garbage collector, while the desk is typed at ----------------------------------
    # Measured on the bench's desk (10,000 attendees, 112 keys typed, each collection
    # timed with gc.callbacks): left alone, 410 young collections (144 ms) and a full one
    # of 262 ms ran between a key and its frame, and the slowest key took 288 ms instead
    # of 39. With the open event's list frozen and the collector paused from a key to its
    # frame, none ran there; either alone still let some in (a 97 ms full collection
    # with the freeze only, 18 ms of young ones with the pause only).
    # Process-wide switches, so they are the app's, asked for by the desk.

    _gc_paused = False
    _gc_frozen_at: float | None = None  # when the last full collection before a freeze ran
    _last_key_at = 0.0

    # A full collection costs ~a quarter of a second at 10,000 people: run at most this
    # often, and only once the desk has been this quiet (a read-only desk following the
    # writer re-reads about every second in a rush).
    GC_FULL_EVERY_S = 300.0
    GC_QUIET_S = 3.0

    def pause_gc_until_painted(self) -> None:
        """No collection between a keystroke and the frame that answers it.

        As Textual does while it scrolls (App.PAUSE_GC_ON_SCROLL), the collector waits
        until the frame is out, when the desk is idle until the next key. Only a
        collector paused here is started again.
        """
        self._last_key_at = time.monotonic()
        if gc.isenabled():
            gc.disable()
            self._gc_paused = True
            if not self.call_after_refresh(self._resume_gc):
                self._resume_gc()  # closing: nothing will be painted

    def _resume_gc(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    def keep_out_of_gc(self) -> None:
        """What is alive now lives as long as the open event (its list and index): moved
        out of the collector's sight, its full collections no longer grow with the event.

        The first time (the event opening), after a full collection, so no garbage is
        kept. A list read again is only frozen (no time at all): the old list has no
        cycles, so reference counting frees it, frozen or not. What garbage with cycles
        that freezes is freed by a full collection now and then, while nobody types.
        """
        now = time.monotonic()
        due = self._gc_frozen_at is None or now - self._gc_frozen_at >= self.GC_FULL_EVERY_S
        if due and (self._gc_frozen_at is None or now - self._last_key_at >= self.GC_QUIET_S):
            self._gc_frozen_at = now
            gc.unfreeze()
            gc.collect()
        gc.freeze()

    def return_to_gc(self) -> None:
        """The event is closed: its objects may be collected again, the collector runs."""
        self._resume_gc()
        gc.unfreeze()
        self._gc_frozen_at = None  # the next event opened starts with a full collection
