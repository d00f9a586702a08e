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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Label, Static, Tabs
from textual.worker import get_current_worker

from workshop_app.core.clock import now_iso
from workshop_app.core.models import Attendee, DiscussionRound
from workshop_app.core.search import SearchIndex
from workshop_app.tui.app import WorkshopApp
from workshop_app.tui.event_session import EventUnreadable
from workshop_app.tui.formatting import clock_time
from workshop_app.tui.keys import key_display
from workshop_app.tui.styles import read_styles
from workshop_app.tui.widgets.attendee_list import AttendeeList
from workshop_app.tui.widgets.event_view import EventView
from workshop_app.tui.widgets.search_box import TAB_DIGITS, SearchBox

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession

__all__ = ["AttendeeFigures", "AttendeesPane", "SearchBox"]

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


def _same_people(these: Sequence[Attendee], those: Sequence[Attendee]) -> bool:
    return len(these) == len(those) and {a.id: a for a in these} == {a.id: a for a in those}


class AttendeesPane(EventView, Vertical):
    """The registration desk for one event's attendees.

    Args:
        session: the open event, read and changed through it.
    """

    # Loaded with the pane, after the first frame; unscoped, as it also styles the
    # dialogs and screens the pane opens.
    DEFAULT_CSS = read_styles("attendees.tcss")
    SCOPED_CSS = False

    # No plain letter here: every letter typed on the desk searches (on_key), so a
    # surname typed while the list has the focus never checks anyone in, writes a file
    # or closes the event. Actions are Enter, space, escape, F-keys and control keys.
    # The digits 1-6 stay the event's tab keys, as on every tab: alt+digit never
    # reaches a Textual app from a terminal (it arrives as "¡", "™", "£"...).
    BINDINGS = [
        Binding(
            "enter,space",
            "check_in",
            "Check in",
            tooltip="Check in the highlighted person (Enter in the search box goes to the list)",
            id="desk.check-in",
        ),
        Binding(
            "ctrl+n",
            "walk_in",
            "Walk-in",
            tooltip="Add someone who is not on the list; they are checked in and seated at once",
            id="desk.walk-in",
        ),
        Binding(
            "escape",
            "new_search",
            "New search",
            tooltip="Empty the search box and type the next name",
            id="desk.new-search",
        ),
        Binding(
            "ctrl+z",
            "undo_check_in",
            "Undo check-in",
            tooltip="Undo the last check-in made at this desk",
            id="desk.undo-check-in",
        ),
        Binding(
            "f2",
            "edit",
            "Edit",
            tooltip="Edit the highlighted person's details",
            id="desk.edit",
        ),
        Binding(
            "f3",
            "set_sector",
            "Sector",
            tooltip="Set the sector of everyone from the highlighted person's organisation",
            id="desk.set-sector",
        ),
        Binding(
            "ctrl+o",
            "import_list",
            "Import",
            tooltip="Import a CSV or XLSX attendee list, with a preview first",
            id="desk.import",
        ),
        Binding(
            "ctrl+k",
            "kiosk",
            "Kiosk",
            tooltip="Turn this screen into a 'Where do I go?' kiosk for the queue",
            id="desk.kiosk",
        ),
    ]

    class FirstRead(Message):
        """The list has been read for the first time (or could not be): the desk is ready."""

        def __init__(self, pane: AttendeesPane) -> None:
            super().__init__()
            self.pane = pane

        @property
        def control(self) -> AttendeesPane:
            return self.pane

    # Actions that change the list: offered once it is read. On a read-only event they
    # stay on offer, and pressing one says why nothing can be saved here.
    _WRITING = frozenset(
        {"check_in", "undo_check_in", "walk_in", "edit", "set_sector", "import_list"}
    )

    figures: reactive[AttendeeFigures | None] = reactive(None, init=False)
    """The counts at the top of the tab; None until the list is read."""

    def __init__(self, session: EventSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self._index = SearchIndex()
        self._loaded = False
        self._focus_list_when_loaded = False  # set while the list is read again
        self._had_query = False
        self._footer_stale = False
        self._footer_timer: Timer | None = None
        self._checked_in_here: list[str] = []  # ids, in the order checked in, for undo
        # Bumped by every change this desk shows itself: a read that started before it
        # may not have seen it, and is read again rather than shown.
        self._changes_here = 0
        self._next_key_starts_a_search = False  # set by a check-in: the next name is new

    def compose(self) -> ComposeResult:
        yield Static(
            "Counting attendees…", id="attendee-figures", classes="pane-summary", markup=False
        )
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
        if isinstance(self.app, WorkshopApp):
            self.app.return_to_gc()  # the event is closed: its list may be collected again

    # -- reading the list ------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Show the list as it is now (the tab is shown again, or another window saved),
        keeping the highlight; the desk changes nothing when the list has not changed."""
        if self._loaded:
            highlighted = self._highlighted_attendee()
            keep = highlighted.id if highlighted is not None else None
            self.load_attendees(keep=keep, unless_unchanged=True)

    @work(thread=True, exclusive=True, group="attendees")
    def load_attendees(self, keep: str | None = None, *, unless_unchanged: bool = False) -> None:
        """Read and index every attendee in a thread; a big list never freezes the desk."""
        changes_seen = self._changes_here
        try:
            attendees = self.session.all(Attendee)
        except EventUnreadable as error:  # said on the desk
            self.app.call_from_thread(self._show_problem, str(error))
            return
        if unless_unchanged and _same_people(attendees, self._index.attendees):
            return
        index = SearchIndex(attendees)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._use_read, index, keep, changes_seen, unless_unchanged)

    def _use_read(
        self, index: SearchIndex, keep: str | None, changes_seen: int, unless_unchanged: bool
    ) -> None:
        """Show a read, unless this desk changed someone since it started: then the read
        may predate that change (a check-in would show as not done), so read again."""
        if changes_seen != self._changes_here:
            # Once this read's worker has finished (a new one would cancel it).
            self.call_later(self.load_attendees, keep, unless_unchanged=unless_unchanged)
        else:
            self._use_index(index, keep)

    def _use_index(self, index: SearchIndex, keep: str | None = None) -> None:
        first_time = not self._loaded
        self._index = index
        if isinstance(self.app, WorkshopApp):  # the list lives as long as the event is open
            self.app.keep_out_of_gc()
        self._loaded = True
        listing = self.query_one(AttendeeList)
        listing.fit_names(index.attendees)
        listing.loading = False
        self._show_figures()
        self._search(keep=keep)
        if first_time:
            self.call_after_refresh(self._take_focus_from_the_tabs)
            self.post_message(self.FirstRead(self))
        elif self._focus_list_when_loaded:
            self._focus_list_when_loaded = False
            self._restore_focus()
        self.screen.refresh_bindings()

    def _take_focus_from_the_tabs(self) -> None:
        """The desk takes the focus from the row of tabs, where the event screen leaves it.

        While the list is read, the search box has it: a name typed straight away is
        searched for as soon as the list is there. Once the list is read, the list takes
        the focus, unless a search has been typed; a key typed there still searches
        (on_key). Only when this tab is showing.
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
            self.post_message(self.FirstRead(self))
        self.query_one(AttendeeList).loading = False
        figures = self.query_one("#attendee-figures", Static)
        figures.update(f"Attendees could not be read: {message}")
        figures.add_class("-problem")

    def _show_figures(self) -> None:
        self.figures = AttendeeFigures.of(self._index.attendees)

    def watch_figures(self, figures: AttendeeFigures | None) -> None:
        if figures is not None:
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

    @on(SearchBox.MoveList, "#attendee-search")
    def _move_list(self, event: SearchBox.MoveList) -> None:
        self.query_one(AttendeeList).move_cursor(event.rows, pages=event.pages)

    @on(AttendeeList.Highlighted, "#attendee-list")
    def _highlighted(self, event: AttendeeList.Highlighted) -> None:
        self._show_detail(event.attendee)

    def _show_detail(self, attendee: Attendee | None) -> None:
        detail = self.query_one("#attendee-detail", Static)
        if attendee is None:
            query = self.query_one(SearchBox).value
            walk_in = key_display(self, "desk.walk-in")  # as the footer shows it (keymap)
            if not self._loaded:
                text = ""
            elif query:
                text = f"Nobody matches {query!r}. Press {walk_in} to add a walk-in."
            else:
                text = (
                    f"No attendees yet. Press {key_display(self, 'desk.import')} to import a list, "
                    f"{walk_in} for a walk-in."
                )
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
        if attendee.walk_in:
            parts.append("walk-in")
        detail.update(" · ".join(parts), layout=False)

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_search":
            search = self.query_one(SearchBox)
            return bool(search.value) or not search.has_focus
        if action == "undo_check_in" and not self._checked_in_here:
            return False  # offered once there is a check-in to undo
        if action in self._WRITING and not self._loaded:
            return None  # shown dimmed until the list is read
        if action in ("check_in", "edit", "set_sector") and self._highlighted_attendee() is None:
            return None
        return True

    def _highlighted_attendee(self) -> Attendee | None:
        return self.query_one(AttendeeList).highlighted

    # -- typing ----------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """A printable key typed anywhere on the desk goes into the search box.

        The search box types its own keys; this catches those typed while the list
        has the focus, before any binding sees them. Space is left to check in, and
        the digits 1-6 to the event's tab keys.
        """
        modifiers = set(event.key.split("+")[:-1]) - {"shift"}  # "+" itself is "plus"
        # Keys typed quickly reach the list before the focus has moved to the search
        # box: once it has, a space is part of the name ("ahmed, e"), not a check-in.
        typing = self.screen.focused is self.query_one(SearchBox)
        if (event.key == "space" and not typing) or event.key in TAB_DIGITS:
            return
        if not event.is_printable or modifiers:
            return
        event.stop()
        event.prevent_default()
        self.action_type_key(event.character or "")

    def action_type_key(self, character: str) -> None:
        fresh, self._next_key_starts_a_search = self._next_key_starts_a_search, False
        self.query_one(SearchBox).type_key(character, fresh=fresh)

    def action_new_search(self) -> None:
        search = self.query_one(SearchBox)
        search.value = ""
        search.focus()

    # -- check-in --------------------------------------------------------------------------

    async def action_check_in(self) -> None:
        """Check in the highlighted person; someone already in is only told so."""
        attendee = self._highlighted_attendee()
        if attendee is None:
            return
        if attendee.checked_in:
            self.notify(
                f"{attendee.display_name} was already checked in, "
                f"at {clock_time(attendee.checked_in_at)}.",
                title="Already checked in",
                timeout=6,
            )
            return
        changed = attendee.edited(checked_in_at=now_iso())
        # Set before the save: a name typed while it lands starts a new search.
        self._next_key_starts_a_search = True
        if not await self._save(changed):
            self._next_key_starts_a_search = False
            return
        self._checked_in_here.append(changed.id)
        self.screen.refresh_bindings()  # undo is on offer now
        self.notify(
            f"Checked in {changed.display_name} at {clock_time(changed.checked_in_at)}.",
            title="Saved",
            timeout=6,
        )

    async def action_undo_check_in(self) -> None:
        """Undo the last check-in made here (each press goes one further back)."""
        attendee = None
        while self._checked_in_here and attendee is None:
            attendee_id = self._checked_in_here[-1]
            attendee = next((a for a in self._index.attendees if a.id == attendee_id), None)
            if attendee is None or not attendee.checked_in:
                self._checked_in_here.pop()  # undone some other way (the form, an import)
                attendee = None
        if attendee is None:
            return
        if await self._save(attendee.edited(checked_in_at="")):
            self._checked_in_here.pop()
            self.screen.refresh_bindings()
            self.notify(
                f"{attendee.display_name} is no longer checked in.",
                title="Check-in undone",
                timeout=6,
            )

    async def _save(self, attendee: Attendee) -> bool:
        """Save durably, then show it; on failure the session says why, nothing changes here."""
        if not await self.session.save(attendee, origin=self):
            return False
        self._show_here(attendee)
        self._show_figures()
        self.query_one(AttendeeList).replace(attendee)
        return True

    def saved(self, attendee: Attendee) -> None:
        """Show an attendee a dialog has just saved: in the counts, the index and the list."""
        self._show_here(attendee)
        self._show_figures()
        self.query_one(AttendeeList).fit_names([attendee], grow_only=True)
        self._search(keep=attendee.id)

    def _show_here(self, *people: Attendee) -> None:
        """Put people this desk has just saved into the index, ahead of any read."""
        for person in people:
            self._index = self._index.with_attendee(person)
        self._changes_here += 1

    @work(group="attendee-dialog")
    async def action_walk_in(self) -> None:
        from workshop_app.core.organisations import known_sector
        from workshop_app.tui.directions_source import load_directions
        from workshop_app.tui.screens.walk_in import NO_ROOM, DirectionsDialog, WalkInForm

        if self._cannot_save_here("Walk-in not added"):
            return
        everyone = self._index.attendees
        form = WalkInForm(
            self.session, lambda organisation: known_sector(everyone, organisation), shown_by=self
        )
        attendee = await self.app.push_screen_wait(form)
        if attendee is not None:
            self.query_one(SearchBox).value = ""
            self.saved(attendee)
            # In a thread: the plans behind the directions may take a moment to work out.
            try:
                directions_of = await asyncio.to_thread(load_directions, self.session)
            except EventUnreadable as error:  # they are saved; only the way is unknown
                self.notify(
                    f"{attendee.display_name} is saved and checked in, but where to go "
                    f"could not be worked out: {error}",
                    title="Ask at the desk",
                    severity="error",
                    timeout=15,
                )
            else:
                directions = directions_of(attendee)
                no_room = form.seating == NO_ROOM
                dialog = DirectionsDialog(directions, walk_in=True, no_room=no_room)
                await self.app.push_screen_wait(dialog)
        self._restore_focus()

    @work(group="attendee-dialog")
    async def action_edit(self) -> None:
        from workshop_app.tui.screens.attendee_form import AttendeeForm

        attendee = self._highlighted_attendee()
        if attendee is None or self._cannot_save_here("Not saved"):
            return
        form = AttendeeForm(self.session, attendee, shown_by=self)
        edited = await self.app.push_screen_wait(form)
        if edited is not None:
            self.saved(edited)
            self.notify(f"{edited.display_name}: details saved.", title="Saved", timeout=4)
        self._restore_focus()

    @work(group="attendee-dialog")
    async def action_set_sector(self) -> None:
        """One sector for everyone from the highlighted person's organisation, in one save."""
        from workshop_app.core.organisations import same_organisation, with_sector
        from workshop_app.tui.screens.sector_dialog import SectorDialog

        attendee = self._highlighted_attendee()
        if attendee is None:
            return
        if not attendee.organisation:
            self.notify(f"{attendee.display_name} has no organisation.", title="Sector")
            return
        if self._cannot_save_here("Sector not saved"):
            return
        people = same_organisation(self._index.attendees, attendee.organisation)
        sector = await self.app.push_screen_wait(SectorDialog(attendee.organisation, people))
        changed = with_sector(people, sector) if sector else []
        if changed and await self.session.save(*changed, origin=self, failed="Sector not saved"):
            self._show_here(*changed)
            self._search(keep=attendee.id)
            self.notify(
                f"{len(changed)} from {attendee.organisation} now {sector}.",
                title="Sector saved",
                timeout=6,
            )
        self._restore_focus()

    @work(group="attendee-dialog")
    async def action_import_list(self) -> None:
        from workshop_app.tui.screens.import_flow import run_import

        if self._cannot_save_here("Nothing imported"):
            return
        saved = await run_import(self.app, self.session, self._index.attendees, shown_by=self)
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
            try:
                directions_of = await asyncio.to_thread(load_directions, self.session)
                rounds = self.session.all(DiscussionRound)
            except EventUnreadable as error:  # before the public screen is up: said here
                self.notify(str(error), title="Kiosk not opened", severity="error", timeout=15)
            else:
                kiosk = KioskScreen(self._index, directions_of, pin=pin, rounds=rounds)
                await self.app.push_screen_wait(kiosk)
        self._restore_focus()

    def _cannot_save_here(self, failed: str) -> bool:
        """True on an event open read-only here, having said why and who has it open:
        told when the key is pressed, not after a form was filled in for nothing."""
        return self.session.refuse_if_read_only(failed)

    def _restore_focus(self) -> None:
        """After a dialog: back to the list if it has people, else to the search box."""
        if not self.is_attached:
            return
        target = self.query_one(AttendeeList)
        if not target.attendees:
            self.query_one(SearchBox).focus()
        else:
            target.focus()
