"""The home of one event: a tab for each part of the day.

The screen opens the event itself, in a worker, so its first frame never waits for a
big file; it asks the user what to do when the event is locked or damaged. It owns
the open store and closes it when it is left or the app exits, so the journal is
folded into the file and the lock released.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    ContentSwitcher,
    Input,
    TabbedContent,
    TabPane,
    Tabs,
    TextArea,
)
from textual.worker import get_current_worker

from workshop_app.store.errors import StoreError
from workshop_app.tui.event_opener import open_event_store
from workshop_app.tui.widgets.app_footer import AppFooter
from workshop_app.tui.widgets.event_header import EventHeader
from workshop_app.tui.widgets.event_view import EventView

if TYPE_CHECKING:
    from workshop_app.store.event_store import EventStore
    from workshop_app.tui.event_session import EventChanged, EventSession
    from workshop_app.tui.widgets.export_pane import ExportPane

# (pane id, tab label), in the order of the day; number keys 1-6 follow this order.
PARTS_OF_THE_DAY = (
    ("attendees", "Attendees"),
    ("workshops", "Workshops"),
    ("tables", "Tables"),
    ("assets", "Assets"),
    ("market", "Market place"),
    ("export", "Export"),
)
TAB_KEYS = Binding.Group("Tabs", compact=True)


class EventScreen(Screen[None]):
    """One event, read-only views for now; later features add their work to the tabs.

    Args:
        path: the event's database file.
        read_only: open it without saving anything.
        exports_folder: where exports are written.
    """

    HELP = """
    Each tab is one part of the day. Press 1 to 6 to go to a tab (also from the desk's
    search box), or use the arrow keys when the row of tabs has focus; Tab moves
    between the tabs and what they show.
    Ctrl+W closes the event, after asking; everything is already saved.
    """
    BINDINGS = [
        Binding(
            "ctrl+w",
            "leave",
            "Close event",
            tooltip="Close this event (after asking), back to the list of events",
            id="event.close",
        ),
        *(
            Binding(
                str(number),
                f"show_tab('{pane_id}')",
                label,
                tooltip=f"Show the {label} tab",
                group=TAB_KEYS,
                id=f"event.tab-{number}",
            )
            for number, (pane_id, label) in enumerate(PARTS_OF_THE_DAY, start=1)
        ),
        # A control key: a letter would write personal data to a file when a name
        # typed somewhere not meant for it reached the event's own keys.
        Binding(
            "ctrl+e",
            "export_json",
            "Export JSON",
            tooltip="Save the whole event as a JSON file in the exports folder",
            id="event.export-json",
        ),
    ]

    def __init__(self, path: Path, *, read_only: bool = False, exports_folder: Path) -> None:
        super().__init__()
        self.path = path
        self.exports_folder = exports_folder
        self.store: EventStore | None = None
        """The open event; None while it is being opened."""
        self.session: EventSession | None = None
        """How the tabs read and change it; None while it is being opened."""
        self._open_read_only = read_only
        self._following = False  # a look for the writing window's saves is running
        self._exporting = False
        self.all_tabs_built = False
        """True once every tab has its contents (the desk's come first)."""
        self.title = path.stem

    def compose(self) -> ComposeResult:
        yield EventHeader(self.path)
        with TabbedContent(initial="attendees", id="parts"):
            for pane_id, label in PARTS_OF_THE_DAY:
                yield TabPane(label, id=pane_id)
        yield AppFooter()

    def on_mount(self) -> None:
        self.watch(self.query_one(TabbedContent), "active", self._tab_shown, init=False)
        self._tab_contents().loading = True
        # After the first frame: parsing a big file holds the GIL and would delay it.
        self.call_after_refresh(self.open_event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave" and self.store is None:
            return None  # shown dimmed until the event is open
        if action == "export_json" and not self.all_tabs_built:
            return None  # and until every tab is built (the Export tab shows the progress)
        return True

    # -- opening and leaving ---------------------------------------------------------------

    @work(exclusive=True, group="open-event")
    async def open_event(self) -> None:
        """Open the event in a thread, asking the user if it is locked or damaged."""
        store = await open_event_store(self.app, self.path, self._open_read_only)
        if store is None:
            self.dismiss()
            return
        from workshop_app.tui.event_session import EventSession  # with the domain, after frame 1

        self.store = store
        self.session = EventSession(store, self)
        await self._show(store)
        if store.read_only:  # another window may be saving: show its changes as they land
            self.set_interval(1.0, self._follow_the_writer)
        for warning in store.warnings:
            self.notify(warning, title="Recovered after a crash", severity="warning", timeout=20)

    def _follow_the_writer(self) -> None:
        # One look at a time. A look cancelled by the next one (an exclusive worker) after
        # it had taken in the saves would leave them read but never shown.
        if not self._following:
            self._following = True
            self._look_for_the_writers_saves()

    @work(thread=True, group="follow-writer")
    def _look_for_the_writers_saves(self) -> None:
        """Read-only: take in what the writing window saved (a stat when it saved nothing)."""
        store = self.store
        try:
            changed = store is not None and store.refresh()
            if changed and not get_current_worker().is_cancelled:  # cancelled: leaving
                self.app.call_from_thread(self._show_the_writers_changes)
        except (StoreError, OSError):
            pass  # the writer is mid-fold or the disk is busy: the next look catches up
        finally:
            self._following = False

    def _show_the_writers_changes(self) -> None:
        if self.is_attached:  # the other tabs re-read when they are shown
            self._refresh_shown_part(self.query_one(TabbedContent).active)

    def on_event_changed(self, changed: EventChanged) -> None:
        """A view changed the event: the shown tab's other views show it now, the other
        tabs when they are next shown (they re-read then)."""
        if self.is_attached:
            self._refresh_shown_part(self.query_one(TabbedContent).active, but=changed.origin)

    async def _show(self, store: EventStore) -> None:
        """Fill the header and the desk from the open store; the other tabs follow.

        The desk comes first and alone: its list is read while nothing else competes
        for the processor; the other tabs are built once it is read.
        Until then each of them shows that it is loading.
        """
        # Imported now, not with the module: the first frame shows none of them.
        from workshop_app.tui.widgets.attendees_pane import AttendeesPane

        event = store.event
        self.title = event.name
        self.sub_title = "READ-ONLY" if store.read_only else ""
        self.query_one(EventHeader).show(event, store.read_only)
        if not await self._fill("attendees", AttendeesPane(self.session)):
            return
        for pane in self.query(TabPane):
            pane.loading = pane.id != "attendees"
        self._tab_contents().loading = False

    def on_attendees_pane_first_read(self) -> None:
        self._build_the_other_tabs()

    @work(exclusive=True, group="build-tabs")
    async def _build_the_other_tabs(self) -> None:
        """The tabs after the desk, each built and uncovered in turn."""
        from workshop_app.core.models import CommunityGroup
        from workshop_app.tui.event_session import EventUnreadable
        from workshop_app.tui.widgets.export_pane import ExportPane
        from workshop_app.tui.widgets.groups_pane import GroupsPane
        from workshop_app.tui.widgets.stalls_pane import StallsPane
        from workshop_app.tui.widgets.tables_pane import TablesPane
        from workshop_app.tui.widgets.workshops_pane import WorkshopsPane

        session = self.session
        if session is None or self.all_tabs_built:
            return
        try:
            groups = session.all(CommunityGroup)
        except EventUnreadable as error:  # the other tabs still open; this one says why
            groups = []
            self.notify(str(error), title="Community groups not read", severity="error")
        later: dict[str, Widget] = {
            "workshops": WorkshopsPane(self.session, self.exports_folder),
            "tables": TablesPane(self.session, self.exports_folder),
            "assets": GroupsPane(groups),
            "market": StallsPane(groups),
            "export": ExportPane(self.exports_folder),
        }
        for pane_id, content in later.items():
            if not await self._fill(pane_id, content):
                return
        self.all_tabs_built = True
        self.refresh_bindings()

    async def _fill(self, pane_id: str, content: Widget) -> bool:
        """Put `content` in its tab; False if the event was left or the app is closing."""
        panes = self.query(f"#{pane_id}")
        if not self.is_attached or not panes:
            return False
        pane = panes.first(TabPane)
        await pane.mount(content)
        pane.loading = False
        if pane_id == self.query_one(TabbedContent).active and isinstance(self.focused, Tabs):
            # Its key was pressed while it was still being built: the focus went to the
            # row of tabs, where none of the tab's own keys would work.
            self.call_after_refresh(self._focus_inside, pane_id)
        return True

    def _tab_contents(self) -> ContentSwitcher:
        return self.query_one(TabbedContent).query_one(ContentSwitcher)

    @work(exclusive=True, group="leave")
    async def action_leave(self) -> None:
        """Close the event once the user confirms: one key must never close it by accident."""
        from workshop_app.tui.screens.confirm import ConfirmDialog

        name = self.store.event.name if self.store is not None else self.path.stem
        question = ConfirmDialog(
            "Close event",
            f"Close {name!r} and go back to the list of events? Everything is saved.",
            confirm="Close event",
        )
        if await self.app.push_screen_wait(question) and self.is_current:
            self._close_store()
            self.dismiss()

    def on_unmount(self) -> None:
        # Also reached when the app exits with this screen open.
        self._close_store()

    def _close_store(self) -> None:
        if self.store is None:
            return
        try:
            self.store.close()
        except (StoreError, OSError) as error:
            # Every save is already durable in the journal; it is folded on the next open.
            self.notify(str(error), title="Closing the event", severity="warning", timeout=15)

    # -- tabs ------------------------------------------------------------------------------

    def _tab_shown(self, pane_id: str) -> None:
        self._refresh_shown_part(pane_id)

    def _refresh_shown_part(self, pane_id: str, but: object | None = None) -> None:
        """Show what other tabs changed (a check-in at the desk changes who needs a seat).

        Watching `active` catches every way of changing tab; Textual posts no
        TabActivated message when the number keys set it.
        """
        for content in self.query_one(f"#{pane_id}", TabPane).children:
            if isinstance(content, EventView) and content is not but:
                content.refresh_data()

    def action_show_tab(self, pane_id: str) -> None:
        self.query_one(TabbedContent).active = pane_id
        self.call_after_refresh(self._focus_inside, pane_id)

    def _focus_inside(self, pane_id: str) -> None:
        """Focus the first thing in the tab that takes focus, else the row of tabs.

        A text box is passed over when there is anything else: it would swallow the
        number keys, and the next tab could no longer be reached with them.
        """
        if self.query_one(TabbedContent).active != pane_id:
            return  # another tab was chosen since: focusing in here would show this one
        pane = self.query_one(f"#{pane_id}", TabPane)
        inside = [widget for widget in self.focus_chain if pane in widget.ancestors]
        not_typing = [widget for widget in inside if not isinstance(widget, Input | TextArea)]
        target = (not_typing or inside or [self.query_one(TabbedContent).query_one(Tabs)])[0]
        target.focus()

    # -- export ----------------------------------------------------------------------------

    @on(Button.Pressed, "#export-json")
    def action_export_json(self) -> None:
        if self.store is None or not self.all_tabs_built:
            return
        if self._exporting:
            self.notify("An export is already running.", title="Export")
            return
        self._exporting = True
        self._export_pane().show_running()
        self.export_json(self.store)

    @work(thread=True, group="export")
    def export_json(self, store: EventStore) -> None:
        """Write the JSON export in a thread; a big event never freezes the screen."""
        from workshop_app.io.json_export import export_event_json

        try:
            path = export_event_json(store, self.exports_folder)
        except (StoreError, OSError) as error:
            self.app.call_from_thread(self._export_failed, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._exported, path)

    def _export_pane(self) -> ExportPane:
        from workshop_app.tui.widgets.export_pane import ExportPane

        return self.query_one(ExportPane)

    def _exported(self, path: Path) -> None:
        self._exporting = False
        self._export_pane().show_done(path)
        self.notify(
            f"{path.name}\nin {path.parent}\nOnly you can read it.",
            title="Event exported",
            timeout=10,
        )

    def _export_failed(self, message: str) -> None:
        self._exporting = False
        self._export_pane().show_failed(message)
        self.notify(message, title="Not exported", severity="error", timeout=15)
