"""The desk's search box: the arrow keys move the list below while the typing stays here."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from workshop_app.tui.widgets.attendee_list import AttendeeList

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
        Binding("down", "list('cursor_down')", "Next", show=False),
        Binding("up", "list('cursor_up')", "Previous", show=False),
        Binding("pagedown", "list('page_down')", "Page down", show=False),
        Binding("pageup", "list('page_up')", "Page up", show=False),
        # Never enabled: the key goes on to the desk's or the event's binding.
        Binding(PASSED_ON, "pass_on", show=False),
    ]

    def __init__(self, *, on_query: Callable[[str], None], **kwargs: Any) -> None:
        self._on_query = on_query  # before Input's own set-up, which may set a value
        self._gc_paused = False
        # A key typed on the list lands here and takes the focus: selecting the text on
        # focus would let the next key replace the first.
        super().__init__(select_on_focus=False, **kwargs)

    def action_list(self, action: str) -> None:
        """Move the list's cursor (`action` is one of AttendeeList's cursor actions)."""
        getattr(self.screen.query_one(AttendeeList), f"action_{action}")()

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
        self._pause_gc_until_painted()
        self._on_query(value)

    def type_key(self, character: str, *, fresh: bool) -> None:
        """A key typed elsewhere on the desk: add it at the end (or start afresh), take focus."""
        self.value = character if fresh else self.value + character
        self.cursor_position = len(self.value)
        self.focus()

    def _pause_gc_until_painted(self) -> None:
        """No garbage collection between a keystroke and the frame that answers it.

        Drawing a screenful of new rows allocates enough to set off the collector, and
        a full collection takes longer than a frame. As Textual does while it scrolls
        (App.PAUSE_GC_ON_SCROLL), the collector waits until the frame is out, when the
        desk is idle until the next key. Only a collector we paused is started again.
        """
        if gc.isenabled():
            gc.disable()
            self._gc_paused = True
            if not self.call_after_refresh(self._resume_gc):
                self._resume_gc()  # the app is closing: nothing will be painted

    def _resume_gc(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    def on_unmount(self) -> None:
        self._resume_gc()  # closed between a keystroke and its frame
