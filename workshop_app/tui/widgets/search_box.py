"""The desk's search box: the arrow keys move the list below while the typing stays here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input

from workshop_app.tui.app import WorkshopApp

# Keys a text box would take, left to the desk and the event here: ctrl+w closes the
# event (after asking), ctrl+e exports, ctrl+k opens the kiosk (escape and ctrl+u
# empty the box, so nothing is lost), and 1-6 switch tabs, as on every tab: names
# hold no digits, and alt+digit never reaches the app from a terminal.
PASSED_ON = "ctrl+w,ctrl+e,ctrl+k"
TAB_DIGITS = frozenset("123456")


class SearchBox(Input):
    """The desk's search: arrow keys move the list below while the typing stays here."""

    # Input re-lays out the whole screen on every keystroke (its text width is its
    # virtual size); this box is always one line across the pane, so a repaint will do.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("down", "move_list(1)", "Next", show=False, id="desk.search-next"),
        Binding("up", "move_list(-1)", "Previous", show=False, id="desk.search-previous"),
        Binding("pagedown", "move_list(0, 1)", "Page down", show=False, id="desk.search-page-down"),
        Binding("pageup", "move_list(0, -1)", "Page up", show=False, id="desk.search-page-up"),
        # Never enabled: the key goes on to the desk's or the event's binding.
        Binding(PASSED_ON, "pass_on", show=False, id="desk.search-passes-on"),
    ]

    class MoveList(Message):
        """Move the highlight of the list below by `rows` rows and `pages` screenfuls."""

        def __init__(self, search_box: SearchBox, rows: int, pages: int) -> None:
            super().__init__()
            self.search_box = search_box
            self.rows = rows
            self.pages = pages

        @property
        def control(self) -> SearchBox:
            return self.search_box

    def __init__(self, *, on_query: Callable[[str], None], **kwargs: Any) -> None:
        self._on_query = on_query  # before Input's own set-up, which may set a value
        # A key typed on the list lands here and takes the focus: selecting the text on
        # focus would let the next key replace the first.
        super().__init__(select_on_focus=False, **kwargs)

    def action_move_list(self, rows: int, pages: int = 0) -> None:
        """The arrow keys move the list's highlight; the pane holding both moves it."""
        self.post_message(self.MoveList(self, rows, pages))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "pass_on"

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Typed text, but for the tab digits, which go on to the event's tab keys."""
        return key not in TAB_DIGITS and super().check_consume_key(key, character)

    def _on_key(self, event: events.Key) -> None:
        if event.key in TAB_DIGITS:
            event.prevent_default()  # not typed: it bubbles up to the event's tab keys

    def watch_value(self, value: str) -> None:
        # The search runs here rather than on Input.Changed: that message is handled
        # after the screen has painted the typed letter, so the matches would wait for
        # the next frame, one keystroke always a frame behind.
        if isinstance(self.app, WorkshopApp):  # no collection until the matches are painted
            self.app.pause_gc_until_painted()
        self._on_query(value)

    def type_key(self, character: str, *, fresh: bool) -> None:
        """A key typed elsewhere on the desk: add it at the end (or start afresh), take focus."""
        self.value = character if fresh else self.value + character
        self.cursor_position = len(self.value)
        # At once, not after the keys already waiting (as focus() would): "x y" typed
        # quickly on the list would give its space to the list, not to the name.
        self.screen.set_focus(self)
