"""How the event screen looks on the demo event, at the smallest supported terminal."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable

from workshop_app.store.catalog import EventCatalog

from .conftest import AppFactory
from .helpers import wait_for_open_event, wait_for_workers, wait_until


async def _attendees_shown(pilot: Pilot[Any]) -> None:
    screen = await wait_for_open_event(pilot)
    table = screen.query_one("#attendee-table", DataTable)
    await wait_until(pilot, lambda: table.row_count > 0)
    await wait_for_workers(pilot)


def test_event_screen_on_the_demo_event(
    snap_compare: Any, make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=catalog.demo())
    assert snap_compare(app, terminal_size=(80, 24), run_before=_attendees_shown)
