"""Kiosk mode: the desk laptop turned to face the queue, locked to "Where do I go?".

Leaving needs the facilitator: ctrl+k, then the PIN they chose when starting the kiosk.
Escape only clears the box. The app's own keys (quit, command palette, help) are
switched off while the kiosk is in front, so nobody in the queue can reach the list.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from workshop_app.core.kiosk_search import MIN_LETTERS
from workshop_app.core.models import DiscussionRound
from workshop_app.core.pin_guard import PinAnswer, PinGuard
from workshop_app.core.search import SearchIndex
from workshop_app.tui.directions_source import DirectionsFor
from workshop_app.tui.widgets.kiosk_view import MAX_SHOWN, KioskView

LEAVE_KEY = "ctrl+k"
MIN_PIN_LENGTH = 4


class _WithoutAppKeys:
    """A screen the public uses: no app keys and no toasts.

    Leaves the app's bindings (ctrl+q quit, ctrl+p palette, f1) out of this screen.

    Textual checks the app's priority bindings before any screen's, so the only way to
    stop ctrl+q on one screen is to leave the app out of that screen's binding chain.
    `_binding_chain` is private Textual API (pinned at 8.2; test_kiosk covers it).
    """

    PUBLIC = True
    """The app shows no toast over it: a check-in's message names a person."""

    @property
    def _binding_chain(self) -> list[tuple[DOMNode, BindingsMap]]:
        chain = super()._binding_chain  # type: ignore[misc]
        return [(node, bindings) for node, bindings in chain if node is not self.app]  # type: ignore[attr-defined]


class KioskEntryDialog(ModalScreen[str | None]):
    """Explain the kiosk and ask the facilitator for the PIN that will unlock it."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Stay at the desk", id="dialog.cancel")
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Kiosk: Where do I go?"
            yield Static(
                "The screen will show only a search box. People type their surname "
                f"(at least {MIN_LETTERS} letters, or all of a shorter one) and see their own "
                "name and where to go, with first names as initials when several match; "
                f"never more than {MAX_SHOWN} people, never the list, never organisations "
                "or contact details.\n\n"
                "To leave the kiosk press Ctrl+K and type the PIN you choose now. Escape "
                "does not leave, and quitting is switched off.",
                id="kiosk-explained",
                markup=False,
            )
            yield Label(f"Facilitator PIN (at least {MIN_PIN_LENGTH} characters)")
            yield Input(password=True, id="kiosk-pin")
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Start kiosk", id="start", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        pin = self.query_one("#kiosk-pin", Input).value
        if len(pin) < MIN_PIN_LENGTH:
            error = self.query_one("#form-error", Static)
            error.update(f"Choose a PIN of at least {MIN_PIN_LENGTH} characters.")
            error.add_class("-shown")
            return
        self.dismiss(pin)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class KioskPinDialog(_WithoutAppKeys, ModalScreen[bool]):
    """Ask for the facilitator PIN; True when it is right.

    After a few wrong tries the box refuses input for a growing wait (core/pin_guard.py),
    counting down "Wait N s"; the guard outlives the dialog, so closing it and pressing
    Ctrl+K again does not start the count afresh.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Back", tooltip="Back to the kiosk", id="kiosk.pin-back")
    ]

    def __init__(self, guard: PinGuard) -> None:
        super().__init__()
        self._guard = guard

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Facilitator only"
            yield Label("PIN to leave the kiosk")
            yield Input(password=True, id="leave-pin")
            yield Static("", id="form-error", markup=False)

    def on_mount(self) -> None:
        self.set_interval(1, self.show_wait)
        self.show_wait()

    def show_wait(self) -> None:
        """Refuse input while a wait is on, saying how long; give the box back after it."""
        pin = self.query_one("#leave-pin", Input)
        seconds = self._guard.seconds_to_wait()
        if seconds:
            pin.value = ""
            pin.disabled = True
            self._say(f"That is not the PIN. Wait {seconds} s before trying again.")
        elif pin.disabled:
            pin.disabled = False
            pin.focus()
            self._say("Try again.")

    def _say(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(message)
        error.add_class("-shown")

    @on(Input.Submitted)
    def _check(self, event: Input.Submitted) -> None:
        answer = self._guard.attempt(event.value)
        if answer is PinAnswer.RIGHT:
            self.dismiss(True)
            return
        event.input.value = ""
        self._say("That is not the PIN.")
        self.show_wait()

    def action_cancel(self) -> None:
        self.dismiss(False)


class KioskScreen(_WithoutAppKeys, Screen[None]):
    """The whole terminal is the kiosk until the facilitator leaves it."""

    BINDINGS = [
        Binding(
            LEAVE_KEY,
            "leave",
            "Facilitator",
            priority=True,
            tooltip="Leave the kiosk (asks for the facilitator PIN)",
            id="kiosk.leave",
        ),
        Binding("escape", "clear", "Clear", show=False, id="kiosk.clear"),
    ]

    def __init__(
        self,
        index: SearchIndex,
        directions: DirectionsFor,
        *,
        pin: str,
        event_name: str = "",
        rounds: Sequence[DiscussionRound] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self._pin_guard = PinGuard(pin, clock)
        self._view = KioskView(index, directions, event_name=event_name, rounds=rounds)

    @property
    def view(self) -> KioskView:
        return self._view

    def compose(self) -> ComposeResult:
        yield self._view

    def on_mount(self) -> None:
        self.app.clear_notifications()  # the desk's last check-in names a person

    def action_clear(self) -> None:
        self._view.clear()

    @work(exclusive=True, group="kiosk-leave")
    async def action_leave(self) -> None:
        if await self.app.push_screen_wait(KioskPinDialog(self._pin_guard)):
            self.dismiss(None)
        else:
            self._view.query_one(Input).focus()
