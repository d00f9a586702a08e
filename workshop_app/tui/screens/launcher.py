"""The first screen: the events in the sessions folder, and keys to create, open, copy, delete."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from workshop_app.core.plain_text import printable_lines
from workshop_app.store.catalog import EventCatalog, EventSummary
from workshop_app.store.errors import StoreError
from workshop_app.tui.formatting import count, long_date
from workshop_app.tui.keys import with_keys
from workshop_app.tui.screens.confirm import ConfirmDialog
from workshop_app.tui.screens.event_form import EventDetails, EventDetailsForm
from workshop_app.tui.widgets.app_footer import AppFooter
from workshop_app.tui.widgets.event_list import EventList

# Actions that need an event under the cursor.
ON_HIGHLIGHTED_EVENT = {"open_event", "duplicate_event", "delete_event"}


class LauncherScreen(Screen[None]):
    """Lists the events of a sessions folder; opening one pushes its event screen.

    Args:
        catalog: the sessions folder.
        open_first: an event to open straight away (from the command line).
        read_only: open `open_first` without saving.
    """

    TITLE = "Events"
    HELP = """
    Every event is one file in the sessions folder. Open one to run its day:
    registration, table discussions, workshops, asset mapping and the market place.
    Deleted events are moved to the .deleted folder inside the sessions folder, never erased.
    """
    BINDINGS = [
        Binding(
            "n",
            "new_event",
            "New",
            tooltip="Create an event: name, date and venue",
            id="launcher.new",
        ),
        Binding(
            "enter",
            "open_event",
            "Open",
            tooltip="Open the highlighted event",
            priority=True,
            id="launcher.open",
        ),
        Binding(
            "d",
            "duplicate_event",
            "Duplicate",
            tooltip="A new event with the same workshops, questions and groups, and no people",
            id="launcher.duplicate",
        ),
        Binding(
            "delete",
            "delete_event",
            "Delete",
            tooltip="Move the highlighted event to the .deleted folder, after asking",
            id="launcher.delete",
        ),
        Binding(
            "m",
            "open_demo",
            "Demo",
            tooltip="Open the demo event (all people invented)",
            id="launcher.demo",
        ),
        Binding(
            "r",
            "refresh",
            "Refresh",
            tooltip="Read the sessions folder again",
            show=False,
            id="launcher.refresh",
        ),
        Binding(
            "q",
            "app.quit",
            "Quit",
            tooltip="Leave the app; every save is already on disk",
            id="launcher.quit",
        ),
    ]

    def __init__(
        self, catalog: EventCatalog, *, open_first: Path | None = None, read_only: bool = False
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self._open_first = open_first
        self._read_only_first = read_only

    def compose(self) -> ComposeResult:
        if self._open_first is None:
            yield from self._content()

    def _content(self) -> ComposeResult:
        yield Header(icon="≡")
        yield EventList(id="events")
        yield Static(self._empty_message(), id="empty", markup=False)
        yield Static("", id="event-detail", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.sub_title = str(self.catalog.folder)
        if self._open_first is not None:
            # The event is what the user asked for; the list is built when they leave it,
            # so the event screen's first frame does not wait for the launcher's.
            self.open_event(self._open_first, read_only=self._read_only_first)
        else:
            self._start_listing()

    def _start_listing(self, select: Path | None = None) -> None:
        self.query_one("#empty").display = False
        self.query_one(EventList).loading = True
        self.reload_events(select)

    # -- what the screen shows ---------------------------------------------------------

    @property
    def highlighted(self) -> EventSummary | None:
        """The event under the cursor."""
        events = self.query(EventList)
        return events.first().highlighted if events else None

    @work(thread=True, exclusive=True, group="summaries")
    def reload_events(self, select: Path | None = None) -> None:
        """Read every event's summary in a thread: a big folder never blocks the screen."""
        try:
            summaries = self.catalog.summaries()
        except OSError as error:
            self.app.call_from_thread(
                self.notify,
                f"Could not read {self.catalog.folder}: {error}",
                title="Events not listed",
                severity="error",
            )
            summaries = []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_events, summaries, select)

    def _show_events(self, summaries: list[EventSummary], select: Path | None) -> None:
        events = self.query_one(EventList)
        events.loading = False
        events.show(summaries, select)
        events.display = bool(summaries)
        self.query_one("#empty").display = not summaries
        if summaries:
            events.focus()
        self._describe_highlighted()

    @on(DataTable.RowHighlighted, "#events")
    def _describe_highlighted(self) -> None:
        detail = self.query_one("#event-detail", Static)
        summary = self.highlighted
        detail.display = summary is not None
        detail.set_class(bool(summary and summary.problem), "-problem")
        if summary is not None:
            detail.update(printable_lines(_describe(summary)))
        self.refresh_bindings()

    def _empty_message(self) -> str:
        return f"No events yet in {self.catalog.folder}.\n\n" + with_keys(
            self,
            "Press {launcher.new} to create one (a name, a date and a venue), or "
            "{launcher.demo} to open the demo event: a network event with 120 invented people.",
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ON_HIGHLIGHTED_EVENT:
            summary = self.highlighted
            if summary is None:
                return False
            if action == "duplicate_event" and summary.problem:
                return None  # shown dimmed: a damaged event has no set-up to copy
        return True

    # -- actions -----------------------------------------------------------------------

    @on(EventList.Chosen, "#events")
    def action_open_event(self) -> None:
        if (summary := self.highlighted) is not None:
            self.open_event(summary.path)

    def open_event(self, path: Path, read_only: bool = False) -> None:
        """Show an event; its screen opens it and closes it when it is left."""
        # Imported here: the launcher's first frame does not need the event screen.
        from workshop_app.tui.screens.event import EventScreen

        async def event_closed(_: None) -> None:
            if self.query(EventList):
                self.reload_events(select=path)
            else:  # shown for the first time: the event was opened from the command line
                await self.mount_all(self._content())
                self._start_listing(select=path)

        self.app.push_screen(
            EventScreen(
                path, read_only=read_only, exports_folder=self.catalog.folder.parent / "exports"
            ),
            callback=event_closed,
        )

    @work
    async def action_new_event(self) -> None:
        def create(details: EventDetails) -> Path:
            with self.catalog.create(details.name, details.date, details.venue) as store:
                return store.path

        created = await self.app.push_screen_wait(EventDetailsForm("New event", "Create", create))
        if created is not None:
            self.open_event(created)

    @work
    async def action_duplicate_event(self) -> None:
        source = self.highlighted
        if source is None:
            return

        def duplicate(details: EventDetails) -> Path:
            return self.catalog.duplicate(source.path, details.name, details.date, details.venue)

        form = EventDetailsForm(
            f"Duplicate {source.name}",
            "Duplicate",
            duplicate,
            EventDetails(name=f"{source.name} (copy)", venue=source.venue),
        )
        copy = await self.app.push_screen_wait(form)
        if copy is not None:
            self.notify(
                f"The copy has the workshops, questions and groups of {source.name}, "
                "and no people.",
                title="Event duplicated",
            )
            self.reload_events(select=copy)

    @work
    async def action_delete_event(self) -> None:
        summary = self.highlighted
        if summary is None:
            return
        bin_folder = f"{self.catalog.folder.name}/.deleted"
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog(
                "Delete event",
                f"Delete “{summary.name}” ({long_date(summary.date)})?\n\n"
                f"It is moved to {bin_folder}, not erased: move the file back to "
                f"{self.catalog.folder.name} to restore it.",
                confirm="Delete",
                cancel="Keep it",
                danger=True,
            )
        )
        if not confirmed:
            return
        try:
            await asyncio.to_thread(self.catalog.delete, summary.path)
        except (StoreError, OSError) as error:
            self.notify(str(error), title="Not deleted", severity="error", timeout=15)
        else:
            self.notify(f"{summary.name} was moved to {bin_folder}.", title="Deleted")
        self.reload_events()

    @work
    async def action_open_demo(self) -> None:
        try:
            path = await asyncio.to_thread(self.catalog.demo)
        except (StoreError, OSError) as error:
            self.notify(str(error), title="Could not make the demo event", severity="error")
            return
        self.open_event(path)

    def action_refresh(self) -> None:
        self.reload_events()


def _describe(summary: EventSummary) -> str:
    if summary.problem:
        restore = " Press enter to restore it." if summary.recoverable else ""
        return f"{summary.path} cannot be read: {summary.problem}{restore}"
    return (
        f"{summary.name}\n"
        f"{long_date(summary.date)} · {summary.venue or 'no venue yet'} · "
        f"{count(summary.attendees, 'attendee')} · {summary.path}"
    )
