"""The Textual app: a thin shell that starts on the launcher and knows the sessions folder."""

from __future__ import annotations

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
        """Every toast is plain text: messages carry names, file names and errors."""
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
