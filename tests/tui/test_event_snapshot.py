"""How the event screen looks on the demo event, at the smallest supported terminal.

The Attendees tab has its own snapshot (test_attendee_desk); this one shows the
header, the tabs and the footer around the market place's stallholders.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from workshop_app.store.catalog import EventCatalog
from workshop_app.tui.widgets.attendee_list import AttendeeList

from .conftest import AppFactory
from .helpers import wait_for_open_event, wait_for_workers, wait_until


async def _market_place_shown(pilot: Pilot[Any]) -> None:
    screen = await wait_for_open_event(pilot)
    listing = screen.query_one(AttendeeList)
    await wait_until(pilot, lambda: len(listing.attendees) > 0)
    await pilot.press("5")
    await wait_for_workers(pilot)


def test_event_screen_on_the_demo_event(
    snap_compare: Any, make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=catalog.demo())
    assert snap_compare(app, terminal_size=(80, 24), run_before=_market_place_shown)
