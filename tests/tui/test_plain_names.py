"""Names with markup and control characters, shown by the TUI: literal, inert, no crash."""

from __future__ import annotations

from textual.widgets import Static

from workshop_app.core.models import Attendee
from workshop_app.core.plain_text import printable
from workshop_app.store.catalog import EventCatalog
from workshop_app.tui.widgets.event_header import EventHeader

from .conftest import AppFactory
from .helpers import wait_for_open_event, wait_until
from .test_kiosk import FakeClock, KioskHost, results

HOSTILE = "Team [/red] [link=https://x]y[/link] \x1b[2J\r\x00\u202emeeting"
UNSAFE = ("\x1b", "\r", "\x00", "\u202e")


def painted(widget: Static) -> str:
    """The characters the widget sends to the terminal."""
    lines = widget.render_lines(widget.region.reset_offset)
    return "".join(segment.text for line in lines for segment in line)


async def test_the_event_header_and_toasts_show_a_hostile_name_literally(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    with catalog.create(HOSTILE) as store:
        store.save(Attendee(first_name="[bold]Ann\x1b[31m", surname="Lee [/red]"))
        path = store.path
    app = make_app(event_path=path)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_open_event(pilot)
        name = app.screen.query_one(EventHeader).query_one("#event-name", Static)
        await wait_until(pilot, lambda: "[/red]" in painted(name))
        text = painted(name)
        assert printable(" ".join(HOSTILE.split())) in text
        assert not any(char in text for char in UNSAFE)
        app.notify(f"{HOSTILE} saved.", title="[/b]Saved")  # once crashed on markup
        await pilot.pause()
        assert app.is_running


async def test_the_kiosk_shows_a_hostile_name_inertly() -> None:
    person = Attendee(first_name="Ann\u202e", surname="Teal [/red]\x1b[2J")
    app = KioskHost(FakeClock(), people=(person,))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.screen is app.kiosk)
        await pilot.press(*"teal")
        shown = results(app.kiosk)
        assert "Teal [/red]␛[2J" in shown
        assert not any(char in shown for char in UNSAFE)
