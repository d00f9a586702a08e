"""The Attendees tab: the registration desk.

Find someone as you type, check them in (or undo it) with one key, add a walk-in and tell
them where to go, edit anyone's details, import the ticketing export, and turn the
screen into a "Where do I go?" kiosk. Every change is saved before the list shows it.

The list of 10,000 is read and indexed in a thread after the first frame; each keystroke
then searches the index in the UI thread (a few ms) and hands the matches to a list that
draws only the visible rows.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widgets import Input, Label, Static, Tabs
from textual.worker import get_current_worker

from workshop_app.core.clock import now_iso
from workshop_app.core.models import Attendee, DiscussionRound
from workshop_app.core.search import SearchIndex
from workshop_app.store.errors import StoreError
from workshop_app.store.event_store import EventStore
from workshop_app.tui.formatting import clock_time
from workshop_app.tui.styles import read_styles
from workshop_app.tui.widgets.attendee_list import AttendeeList

# Seconds without a keystroke before the footer catches up with the search box.
FOOTER_SETTLE_S = 0.4


@dataclass(frozen=True)
class AttendeeFigures:
    """The counts at the top of the tab."""

    total: int
    registered: int
    walk_ins: int
    checked_in: int

    @classmethod
    def of(cls, attendees: Sequence[Attendee]) -> AttendeeFigures:
        walk_ins = sum(1 for a in attendees if a.walk_in)
        return cls(
            total=len(attendees),
            registered=len(attendees) - walk_ins,
            walk_ins=walk_ins,
            checked_in=sum(1 for a in attendees if a.checked_in),
        )

    def describe(self) -> str:
        return (
            f"Registered {self.registered:,} · Walk-ins {self.walk_ins:,} · "
            f"Checked in {self.checked_in:,} of {self.total:,}"
        )


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
        Binding("escape", "clear", "Clear search", tooltip="Empty the search box"),
    ]

    def __init__(self, *, on_query: Callable[[str], None], **kwargs: Any) -> None:
        self._on_query = on_query  # before Input's own set-up, which may set a value
        self._gc_paused = False
        super().__init__(**kwargs)

    def action_list(self, action: str) -> None:
        """Move the list's cursor (`action` is one of AttendeeList's cursor actions)."""
        getattr(self.screen.query_one(AttendeeList), f"action_{action}")()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear":
            return bool(self.value)  # an empty box lets escape close the event as before
        return True

    def watch_value(self, value: str) -> None:
        # The search runs here rather than on Input.Changed: that message is handled
        # after the screen has painted the typed letter, so the matches would wait for
        # the next frame, one keystroke always a frame behind.
        self._pause_gc_until_painted()
        self._on_query(value)

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

    def action_clear(self) -> None:
        self.value = ""


class AttendeesPane(Vertical):
    """The registration desk for one event's attendees."""

    # Loaded with the pane, after the first frame; unscoped, as it also styles the
    # dialogs and screens the pane opens.
    DEFAULT_CSS = read_styles("attendees.tcss")
    SCOPED_CSS = False

    BINDINGS = [
        Binding(
            "c,space",
            "toggle_check_in",
            "Check in",
            tooltip="Check in the highlighted person, or undo their check-in",
        ),
        Binding(
            "w,ctrl+n",
            "walk_in",
            "Walk-in",
            tooltip="Add someone who is not on the list; they are checked in at once",
        ),
        Binding("enter", "edit", "Edit", tooltip="Edit the highlighted person's details"),
        Binding("slash", "focus_search", "Find", tooltip="Type to find someone"),
        Binding(
            "i,ctrl+o",
            "import_list",
            "Import",
            tooltip="Import a CSV or XLSX attendee list, with a preview first",
        ),
        Binding(
            "k",
            "kiosk",
            "Kiosk",
            tooltip="Turn this screen into a 'Where do I go?' kiosk for the queue",
        ),
    ]

    class FirstRead(Message):
        """The list has been read for the first time (or could not be): the desk is ready."""

    # Actions that change the list: not offered on an event opened read-only.
    _WRITING = frozenset({"toggle_check_in", "walk_in", "edit", "import_list"})

    def __init__(self, store: EventStore, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._store = store
        self._index = SearchIndex()
        self._loaded = False
        self._focus_list_when_loaded = False  # set while the list is read again
        self._had_query = False
        self._footer_stale = False
        self._footer_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("Counting attendees…", id="attendee-figures", classes="pane-summary")
        with Horizontal(id="attendee-search-row"):
            yield Label("Find", id="attendee-search-label")
            yield SearchBox(
                on_query=self._query_changed,
                placeholder="surname, first name or organisation (accents and case ignored)",
                id="attendee-search",
            )
        yield AttendeeList(id="attendee-list")
        yield Static("", id="attendee-detail", classes="pane-note", markup=False)

    def on_mount(self) -> None:
        self.query_one(AttendeeList).loading = True
        # After the first frame: the screen is drawn before the list is read.
        self.call_after_refresh(self.load_attendees)
        self.call_after_refresh(self._take_focus_from_the_tabs)

    def on_unmount(self) -> None:
        gc.unfreeze()  # the event is closed: its list may be collected again

    # -- reading the list ------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="attendees")
    def load_attendees(self) -> None:
        """Read and index every attendee in a thread; a big list never freezes the desk."""
        try:
            index = SearchIndex(self._store.all(Attendee))
        except StoreError as error:
            self.app.call_from_thread(self._show_problem, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._use_index, index)

    def _use_index(self, index: SearchIndex, keep: str | None = None) -> None:
        first_time = not self._loaded
        self._index = index
        # The list and its index live as long as the event is open: moved out of the
        # collector's sight, its pauses no longer grow with the size of the event.
        gc.collect()
        gc.freeze()
        self._loaded = True
        self.query_one(AttendeeList).loading = False
        self._show_figures()
        self._search(keep=keep)
        if first_time:
            self.call_after_refresh(self._take_focus_from_the_tabs)
            self.post_message(self.FirstRead())
        elif self._focus_list_when_loaded:
            self._focus_list_when_loaded = False
            self._restore_focus()
        self.screen.refresh_bindings()

    def _take_focus_from_the_tabs(self) -> None:
        """The desk takes the focus from the row of tabs, where the event screen leaves it.

        While the list is read, the search box has it: a name typed straight away is
        searched for as soon as the list is there, and no letter reaches the event's own
        keys (e exports, q closes). Once the list is read, the list takes the focus, as
        it leaves the number keys to the tabs, unless a search has been typed. Only when
        this tab is showing.
        """
        showing = all(node.display for node in self.ancestors_with_self if node is not self.app)
        focused = self.screen.focused
        search = self.query_one(SearchBox)
        if not showing or not (focused is None or isinstance(focused, Tabs) or focused is search):
            return
        if self._loaded and not search.value:
            self.query_one(AttendeeList).focus()
        else:
            search.focus()

    def _show_problem(self, message: str) -> None:
        if not self._loaded:
            self.post_message(self.FirstRead())
        self.query_one(AttendeeList).loading = False
        figures = self.query_one("#attendee-figures", Static)
        figures.update(f"Attendees could not be read: {message}")
        figures.add_class("-problem")

    def _show_figures(self) -> None:
        figures = AttendeeFigures.of(self._index.attendees)
        self.query_one("#attendee-figures", Static).update(figures.describe())

    # -- searching -------------------------------------------------------------------------

    @property
    def index(self) -> SearchIndex:
        return self._index

    def _query_changed(self, query: str) -> None:
        self._search()
        if bool(query) != self._had_query:
            self._had_query = bool(query)
            self._footer_stale = True
        if self._footer_stale:
            self._refresh_footer_when_typing_pauses()

    def _refresh_footer_when_typing_pauses(self) -> None:
        """Escape now reads "Clear search" or "Close event"; the footer says so soon.

        The footer rebuilds itself for that, and the screen's layout after it: together
        longer than a frame. Done while the typist pauses, no keystroke waits for it.
        Escape itself does the new thing at once; only its label waits.
        """
        if self._footer_timer is not None:
            self._footer_timer.stop()
        self._footer_timer = self.set_timer(FOOTER_SETTLE_S, self._refresh_footer)

    def _refresh_footer(self) -> None:
        self._footer_stale = False
        self.screen.refresh_bindings()

    def _search(self, keep: str | None = None) -> None:
        query = self.query_one(SearchBox).value
        matches = self._index.search(query)
        self.query_one(AttendeeList).show(matches, keep=keep)
        if not matches:
            self._show_detail(None)

    @on(Input.Submitted, "#attendee-search")
    def _search_done(self) -> None:
        """Enter in the search box moves to the list, where one key checks them in."""
        self.query_one(AttendeeList).focus()

    @on(AttendeeList.Highlighted)
    def _highlighted(self, event: AttendeeList.Highlighted) -> None:
        self._show_detail(event.attendee)

    def _show_detail(self, attendee: Attendee | None) -> None:
        detail = self.query_one("#attendee-detail", Static)
        if attendee is None:
            query = self.query_one(SearchBox).value
            if not self._loaded:
                text = ""
            elif query:
                text = f"Nobody matches {query!r}. Press ctrl+n to add a walk-in."
            else:
                text = "No attendees yet. Press ctrl+o to import a list, ctrl+n for a walk-in."
            detail.update(text, layout=False)  # one line, always: no layout per keystroke
            return
        shown = len(self.query_one(AttendeeList).attendees)
        parts = [f"{shown:,} shown", attendee.display_name]
        if attendee.role:
            parts.append(attendee.role)
        if attendee.access_needs:
            parts.append(f"Access needs: {attendee.access_needs}")
        if attendee.checked_in:
            parts.append(f"arrived {clock_time(attendee.checked_in_at)}")
        detail.update(" · ".join(parts), layout=False)

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self._WRITING and (self._store.read_only or not self._loaded):
            return None  # shown dimmed: nothing may be saved
        if action in ("toggle_check_in", "edit") and self._highlighted_attendee() is None:
            return None
        return True

    def _highlighted_attendee(self) -> Attendee | None:
        return self.query_one(AttendeeList).highlighted

    def action_focus_search(self) -> None:
        self.query_one(SearchBox).focus()

    def action_toggle_check_in(self) -> None:
        attendee = self._highlighted_attendee()
        if attendee is None:
            return
        if attendee.checked_in:
            changed = attendee.edited(checked_in_at="")
            message = f"{attendee.display_name}: check-in undone."
        else:
            changed = attendee.edited(checked_in_at=now_iso())
            message = f"{attendee.display_name} checked in at {clock_time(changed.checked_in_at)}."
        if self._save(changed):
            self.notify(message, title="Saved", timeout=4)

    def _save(self, attendee: Attendee) -> bool:
        """Save durably, then show it; on failure say so and change nothing on screen."""
        try:
            self._store.save(attendee)
        except (StoreError, OSError) as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=15)
            return False
        self._index = self._index.with_attendee(attendee)
        self._show_figures()
        self.query_one(AttendeeList).replace(attendee)
        return True

    def saved(self, attendee: Attendee) -> None:
        """Show an attendee a dialog has just saved: in the counts, the index and the list."""
        self._index = self._index.with_attendee(attendee)
        self._show_figures()
        self._search(keep=attendee.id)

    @work(group="attendee-dialog")
    async def action_walk_in(self) -> None:
        from workshop_app.tui.directions_source import load_directions
        from workshop_app.tui.screens.walk_in import DirectionsDialog, WalkInForm

        attendee = await self.app.push_screen_wait(WalkInForm(self._store))
        if attendee is not None:
            self.query_one(SearchBox).value = ""
            self.saved(attendee)
            # In a thread: the plans behind the directions may take a moment to work out.
            directions_of = await asyncio.to_thread(load_directions, self._store)
            directions = directions_of(attendee)
            await self.app.push_screen_wait(DirectionsDialog(directions, walk_in=True))
        self._restore_focus()

    @work(group="attendee-dialog")
    async def action_edit(self) -> None:
        from workshop_app.tui.screens.attendee_form import AttendeeForm

        attendee = self._highlighted_attendee()
        if attendee is None:
            return
        edited = await self.app.push_screen_wait(AttendeeForm(self._store, attendee))
        if edited is not None:
            self.saved(edited)
            self.notify(f"{edited.display_name}: details saved.", title="Saved", timeout=4)
        self._restore_focus()

    @work(group="attendee-dialog")
    async def action_import_list(self) -> None:
        from workshop_app.tui.screens.import_flow import run_import

        saved = await run_import(self.app, self._store, self._index.attendees)
        if saved:
            self.query_one(AttendeeList).loading = True
            self._focus_list_when_loaded = True
            self.load_attendees()
        self._restore_focus()

    @work(group="attendee-dialog")
    async def action_kiosk(self) -> None:
        from workshop_app.tui.directions_source import load_directions
        from workshop_app.tui.screens.kiosk import KioskEntryDialog, KioskScreen

        pin = await self.app.push_screen_wait(KioskEntryDialog())
        if pin is not None:
            directions_of = await asyncio.to_thread(load_directions, self._store)
            rounds = self._store.all(DiscussionRound)
            kiosk = KioskScreen(self._index, directions_of, pin=pin, rounds=rounds)
            await self.app.push_screen_wait(kiosk)
        self._restore_focus()

    def _restore_focus(self) -> None:
        """After a dialog: back to the list if it has people, else to the search box."""
        if not self.is_attached:
            return
        target = self.query_one(AttendeeList)
        if not target.attendees:
            self.query_one(SearchBox).focus()
        else:
            target.focus()
