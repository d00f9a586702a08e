"""What every tab's contents share: the event is read and changed through one session."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession


class EventView:
    """A mixin for a tab's contents (a Textual widget), given the event's session.

    The event screen calls `refresh_data` when the tab is shown and, while it is shown,
    after another view changed the event (`EventChanged`), so a view shows the event as
    it is now without asking the other tabs.
    """

    session: EventSession

    def refresh_data(self) -> None:
        """Show the event as it is now: re-read what this view shows from the session."""
        raise NotImplementedError
