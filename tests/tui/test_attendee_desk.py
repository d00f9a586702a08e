"""The registration desk: search, check-in, walk-ins, editing, and how the tab looks."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static, TabbedContent
from textual.widgets._footer import FooterKey

from workshop_app.core.models import Attendee
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore
from workshop_app.tui.screens.attendee_form import AttendeeForm
from workshop_app.tui.screens.confirm import ConfirmDialog
from workshop_app.tui.screens.event import EventScreen
from workshop_app.tui.screens.launcher import LauncherScreen
from workshop_app.tui.screens.walk_in import DirectionsDialog, WalkInForm
from workshop_app.tui.widgets.app_footer import AppFooter
from workshop_app.tui.widgets.attendee_list import AttendeeList
from workshop_app.tui.widgets.attendees_pane import AttendeesPane, SearchBox

from .conftest import AppFactory
from .helpers import notifications, wait_for_open_event, wait_for_screen, wait_until

PEOPLE = (
    Attendee(first_name="Zoë", surname="Ní Bhriain", organisation="Age Friendly Network"),
    Attendee(first_name="Sean", surname="O'Brien", organisation="Riverside Food Bank"),
    Attendee(first_name="Anna", surname="van der Berg", organisation="Northfield Council"),
    Attendee(
        first_name="Tom",
        surname="Smith-Jones",
        organisation="Hartley Builders",
        checked_in_at="2026-11-23T09:05:00+00:00",
    ),
)


def small_event(catalog: EventCatalog) -> Path:
    with catalog.create("Desk test", "2026-11-23", "Civic Centre") as store:
        store.save_many(PEOPLE)
        return store.path


async def open_desk(pilot: Pilot[Any]) -> AttendeesPane:
    screen = await wait_for_open_event(pilot)
    pane = screen.query_one(AttendeesPane)
    await wait_until(pilot, lambda: len(pane.index) > 0 or "No attendees" in detail(pane))
    return pane


def shown(pane: AttendeesPane) -> list[str]:
    return [a.surname for a in pane.query_one(AttendeeList).attendees]


def figures(pane: AttendeesPane) -> str:
    return str(pane.query_one("#attendee-figures", Static).content)


def detail(pane: AttendeesPane) -> str:
    return str(pane.query_one("#attendee-detail", Static).content)


def saved(path: Path) -> dict[str, Attendee]:
    with EventStore(path, read_only=True) as store:
        return {a.surname: a for a in store.all(Attendee)}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("zoe", ["Ní Bhriain"]),
        ("nibhriain", ["Ní Bhriain"]),
        ("Ni Bhriain", ["Ní Bhriain"]),
        ("obrien", ["O'Brien"]),
        ("berg", ["van der Berg"]),
        ("riverside", ["O'Brien"]),
        ("xyz", []),
    ],
)
async def test_search_ignores_accents_case_and_punctuation(
    make_app: AppFactory, catalog: EventCatalog, typed: str, expected: list[str]
) -> None:
    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        assert shown(pane) == ["Ní Bhriain", "O'Brien", "Smith-Jones", "van der Berg"]
        pane.query_one(SearchBox).focus()
        await pilot.press(*typed)
        await pilot.pause()
        assert shown(pane) == expected
        if not expected:
            assert "Nobody matches" in detail(pane)


async def test_the_collector_waits_only_until_the_matches_are_painted(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        pane.query_one(SearchBox).focus()
        assert gc.isenabled()
        await pilot.press("z")
        await pilot.pause()
        assert shown(pane) == ["Ní Bhriain"] and gc.isenabled(), "started again once painted"
        gc.disable()  # as Textual does while it scrolls: not ours to start again
        try:
            await pilot.press("o")
            await pilot.pause()
            assert shown(pane) == ["Ní Bhriain"] and not gc.isenabled()
        finally:
            gc.enable()


async def test_closing_between_a_keystroke_and_its_frame_starts_the_collector_again(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        assert gc.get_freeze_count() > 0, "the open event's list is kept out of its sight"
        pane.query_one(SearchBox).value = "zo"
        assert not gc.isenabled(), "paused until the matches are painted"
        app.exit()
    assert gc.isenabled() and gc.get_freeze_count() == 0


async def test_a_list_read_again_is_frozen_without_a_full_collection(
    make_app: AppFactory, catalog: EventCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A desk following the writer re-reads every second in a rush: a full collection
    (a quarter of a second at 10,000 people) each time would stall it."""
    path = small_event(catalog)
    collections: list[int] = []
    collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append(1) or collect(*args))
    app = make_app(event_path=path, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        assert len(collections) == 1, "once, as the event opens"
        with EventStore(path) as writer:
            for minute in range(3):
                zoe = next(a for a in writer.all(Attendee) if a.surname == "Ní Bhriain")
                writer.save(zoe.edited(checked_in_at=f"2026-11-23T09:3{minute}:00+00:00"))
                pane.refresh_data()
                at = f"09:3{minute}"
                await wait_until(
                    pilot, lambda at=at: any(at in a.checked_in_at for a in pane.index.attendees)
                )
        assert len(collections) == 1 and gc.get_freeze_count() > 0


async def test_keys_typed_while_the_list_is_read_search_and_do_nothing_else(
    make_app: AppFactory, catalog: EventCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    read_all = EventStore.all

    def slow_read(store: EventStore, kind: type) -> Any:
        if kind is Attendee:
            release.wait(10)
        return read_all(store, kind)

    monkeypatch.setattr(EventStore, "all", slow_read)
    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            screen = await wait_for_screen(pilot, EventScreen)
            await wait_until(pilot, lambda: isinstance(app.focused, SearchBox))
            await pilot.press("z", "o", "e", "q")  # e exports and q closes, from the tabs
        finally:
            release.set()
        pane = screen.query_one(AttendeesPane)
        await wait_until(pilot, lambda: len(pane.index) == 4)
        await pilot.pause()
        assert shown(pane) == [] and pane.query_one(SearchBox).value == "zoeq"
        assert isinstance(app.focused, SearchBox), "the focus stays where the typing is"
        await pilot.press("backspace")
        assert shown(pane) == ["Ní Bhriain"]
        assert app.screen is screen and not notifications(app)


async def test_a_read_that_started_before_a_check_in_never_undoes_it_on_screen(
    make_app: AppFactory, catalog: EventCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A re-read (another window saved) lands after the check-in it did not see."""
    read_all, read, release = EventStore.all, threading.Event(), threading.Event()
    held = [True]

    def stale_read(store: EventStore, kind: type) -> Any:
        records = read_all(store, kind)
        if kind is Attendee and held[0]:
            held[0] = False  # only this read is held back: the ones after it run freely
            read.set()
            release.wait(10)
        return records

    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        pane.query_one(SearchBox).focus()
        await pilot.press(*"zoe", "enter")
        monkeypatch.setattr(EventStore, "all", stale_read)
        pane.refresh_data()
        await wait_until(pilot, read.is_set)
        await pilot.press("space")
        assert saved(pane.session.path)["Ní Bhriain"].checked_in
        reads = [w for w in app.workers if w.group == "attendees"]
        release.set()
        await wait_until(pilot, lambda: all(w.is_finished for w in reads))
        # ... and the read it was dropped for, asked once the held one finished
        await wait_until(
            pilot, lambda: all(w.is_finished for w in app.workers if w.group == "attendees")
        )
        await pilot.pause()
        zoe = next(a for a in pane.index.attendees if a.surname == "Ní Bhriain")
        assert zoe.checked_in and "Checked in 2 of 4" in figures(pane)
        await pilot.press("enter")
        assert notifications(app)[-1].startswith("Already checked in: Zoë Ní Bhriain")


def footer_label(pilot: Pilot[Any], key: str) -> str | None:
    labels = [k.description for k in pilot.app.screen.query(FooterKey) if k.key == key]
    return labels[0] if labels else None


async def test_escape_clears_at_once_and_the_footer_says_so_when_typing_pauses(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        search = pane.query_one(SearchBox)
        search.focus()
        await wait_until(pilot, lambda: footer_label(pilot, "escape") is None)
        await pilot.press("z", "o", "escape")
        assert search.value == "" and len(shown(pane)) == 4, "cleared, not closed"
        assert isinstance(app.screen, EventScreen)
        await pilot.press("z")
        await wait_until(pilot, lambda: footer_label(pilot, "escape") == "New search")
        await pilot.press("backspace")
        await wait_until(pilot, lambda: footer_label(pilot, "escape") is None)


async def test_escape_never_closes_the_event_ctrl_w_asks_first(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen), "escape only leaves a field"
        assert isinstance(app.focused, SearchBox)
        await pilot.press("ctrl+w")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("escape")
        await wait_for_screen(pilot, EventScreen)
        pane.query_one(AttendeeList).focus()
        await pilot.press("ctrl+w")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LauncherScreen))


async def test_a_name_typed_in_one_burst_on_the_list_keeps_its_spaces(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    """A fast typist's keys reach the list before the focus has moved to the search
    box: the space in "ahmed, e" was lost (or taken for a check-in)."""
    from textual import events

    path = small_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        assert isinstance(app.focused, AttendeeList)
        checked_in_before = {s for s, a in saved(path).items() if a.checked_in}

        for character in "ni b":  # all queued before any is handled, as a terminal sends them
            key = "space" if character == " " else character
            app.post_message(events.Key(key, character))
        await wait_until(pilot, lambda: pane.query_one(SearchBox).value == "ni b")

        assert isinstance(app.focused, SearchBox)
        assert {s for s, a in saved(path).items() if a.checked_in} == checked_in_before


async def test_a_surname_typed_on_the_list_only_searches(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    """ "carter" once undid a check-in and wrote an export, "quinn" closed the event and
    "wilson" opened the walk-in form: letters typed where the list has the focus."""
    path = small_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        await pilot.press(*"zoe", "enter", "space")
        assert saved(path)["Ní Bhriain"].checked_in
        assert isinstance(app.focused, AttendeeList), "the list keeps the focus"
        for surname in ("carter", "quinn", "wilson", "eqk"):
            await pilot.press(*surname)
            await pilot.pause()
            # After a check-in the next key starts a new search; else it is added.
            assert pane.query_one(SearchBox).value == surname, "every key, searched for"
            assert isinstance(app.focused, SearchBox)
            await pilot.press("escape", "enter")  # a new search, then back to the list
            assert isinstance(app.focused, AttendeeList)
        assert isinstance(app.screen, EventScreen)
        assert app.screen.query_one(TabbedContent).active == "attendees"
        assert saved(path)["Ní Bhriain"].checked_in
        assert not (catalog.folder.parent / "exports").exists(), "nothing written"
        assert [n for n in notifications(app) if not n.startswith("Saved: Checked in")] == []


async def test_digits_switch_tabs_from_the_desk_even_while_typing_a_name(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    """alt+digit never reaches a Textual app from a terminal (it arrives as "™"), so the
    tab keys are the digits everywhere, the search box included."""
    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(160, 40)) as pilot:
        from workshop_app.tui.keys import screen_commands

        pane = await open_desk(pilot)
        tab_keys = {c.description: c.keys for c in screen_commands(app.screen)}
        assert tab_keys["Workshops"] == ("2",)
        await pilot.press(*"zo")
        assert isinstance(app.focused, SearchBox)
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "workshops"
        assert pane.query_one(SearchBox).value == "zo", "the digit was not typed"
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "attendees"


def footer_keys_in_view(pilot: Pilot[Any]) -> list[FooterKey]:
    """The footer's keys on screen, left to right."""
    keys = [k for k in pilot.app.screen.query_one(AppFooter).query(FooterKey) if k.region]
    return sorted(keys, key=lambda k: k.region.x)


def cut_off(keys: list[FooterKey]) -> list[str]:
    """Keys drawn under the palette, or beyond it."""
    palette = next(k for k in keys if k.has_class("-command-palette"))
    return [k.description for k in keys if k is not palette and k.region.right > palette.region.x]


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (80, ["Help", "Check in", "Walk-in", "New search", "Edit", "Sector", "palette"]),
        (
            160,
            ["Help", "Check in", "Walk-in", "New search", "Edit", "Sector", "Import", "Kiosk"],
        ),
    ],
)
async def test_the_footer_starts_with_help_and_shows_only_whole_keys(
    make_app: AppFactory, catalog: EventCatalog, width: int, expected: list[str]
) -> None:
    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(width, 30)) as pilot:
        pane = await open_desk(pilot)
        pane.query_one(AttendeeList).focus()
        await wait_until(pilot, lambda: footer_label(pilot, "enter") == "Check in")
        # What does not fit is left out once the footer is laid out (F1 lists it).
        await wait_until(pilot, lambda: not cut_off(footer_keys_in_view(pilot)))
        described = [k.description for k in footer_keys_in_view(pilot) if k.description]
        assert described[: len(expected)] == expected


async def test_a_terminal_too_narrow_for_the_list_does_not_crash(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(2, 20)) as pilot:
        pane = await open_desk(pilot)
        await pilot.pause()
        assert shown(pane) == ["Ní Bhriain", "O'Brien", "Smith-Jones", "van der Berg"]


async def test_check_in_and_undo_with_one_key(make_app: AppFactory, catalog: EventCatalog) -> None:
    path = small_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        assert figures(pane) == "Registered 4 · Walk-ins 0 · Checked in 1 of 4"
        pane.query_one(SearchBox).focus()
        await pilot.press(*"zoe", "enter")  # Enter moves to the list
        assert isinstance(app.focused, AttendeeList)
        await pilot.press("space")
        assert saved(path)["Ní Bhriain"].checked_in, "saved before the screen says so"
        assert figures(pane) == "Registered 4 · Walk-ins 0 · Checked in 2 of 4"
        assert "arrived" in detail(pane)
        assert notifications(app)[-1].startswith("Saved: Checked in Zoë Ní Bhriain at")
        await pilot.press("enter")  # a second press only says so
        assert notifications(app)[-1].startswith("Already checked in: Zoë Ní Bhriain was")
        assert saved(path)["Ní Bhriain"].checked_in
        await pilot.press("ctrl+z")
        assert not saved(path)["Ní Bhriain"].checked_in
        assert figures(pane) == "Registered 4 · Walk-ins 0 · Checked in 1 of 4"
        assert notifications(app)[-1] == "Check-in undone: Zoë Ní Bhriain is no longer checked in."
        await pilot.pause()
        assert footer_label(pilot, "ctrl+z") is None, "nothing more to undo"


async def test_arrow_keys_in_the_search_move_the_highlight(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        pane.query_one(SearchBox).focus()
        await pilot.press("down", "down")
        assert pane.query_one(AttendeeList).highlighted.surname == "Smith-Jones"
        assert isinstance(app.focused, SearchBox), "typing carries on in the search"


async def test_a_walk_in_is_saved_checked_in_and_told_where_to_go(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = small_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        pane.query_one(SearchBox).focus()
        await pilot.press("ctrl+n")  # works while typing in the search box
        form = await wait_for_screen(pilot, WalkInForm)
        await pilot.press("enter", "enter")
        assert "Type the walk-in's name" in form.error
        await pilot.press(*"Siân Ó Briain", "enter", *"Repair Café", "enter")
        dialog = await wait_for_screen(pilot, DirectionsDialog)
        assert dialog.directions.name == "Siân Ó Briain"
        lines = str(dialog.query_one("#directions-lines", Static).content)
        assert "Ask at the desk for your workshop" in lines
        walk_in = saved(path)["Ó Briain"]
        assert walk_in.first_name == "Siân" and walk_in.organisation == "Repair Café"
        assert walk_in.walk_in and walk_in.checked_in
        assert figures(pane) == "Registered 4 · Walk-ins 1 · Checked in 2 of 5"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.focused, AttendeeList))
        assert pane.query_one(AttendeeList).highlighted.surname == "Ó Briain"


def seated_event(catalog: EventCatalog) -> Path:
    """The small event with two tables of four, the room seated: one seat left."""
    from workshop_app.core import seating_desk
    from workshop_app.core.models import DiscussionTable

    people = [
        p if p.checked_in else p.edited(checked_in_at="2026-11-23T09:00:00+00:00") for p in PEOPLE
    ]
    people += [Attendee(first_name="Kim", surname="Kaur", checked_in_at="2026-11-23T09:01:00")]
    people += [Attendee(first_name="Lee", surname="Lowe", checked_in_at="2026-11-23T09:02:00")]
    people += [Attendee(first_name="Max", surname="Moss", checked_in_at="2026-11-23T09:03:00")]
    tables = [DiscussionTable(number=1, size=4), DiscussionTable(number=2, size=4)]
    plan = seating_desk.seat_room(people, tables, {}, everyone=False)
    with catalog.create("Seated", "2026-11-23") as store:
        store.save_many([*people, *tables, plan])
        return store.path


async def test_a_walk_in_takes_name_organisation_and_four_keys_and_is_told_their_table(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=seated_event(catalog))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        keys = ["ctrl+n", *"Ann Vale", "enter", *"Repair Café", "enter"]
        await pilot.press(*keys)
        dialog = await wait_for_screen(pilot, DirectionsDialog)
        lines = str(dialog.query_one("#directions-lines", Static).content)
        assert "Your table: Table" in lines
        await pilot.press("enter")
        keys.append("enter")
        await wait_until(pilot, lambda: isinstance(app.focused, AttendeeList))
        typed = len("Ann Vale") + len("Repair Café")
        assert len(keys) - typed == 4, "ctrl+n, enter, enter, enter"
        # The eighth seat is gone: the next walk-in is told every table is full.
        await pilot.press("ctrl+n", *"Bo Hale", "enter", "enter")
        dialog = await wait_for_screen(pilot, DirectionsDialog)
        lines = str(dialog.query_one("#directions-lines", Static).content)
        assert "Every table is full" in lines and "Your table" not in lines


async def test_a_walk_in_from_a_known_organisation_gets_its_sector(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    with catalog.create("Sectors", "2026-11-23") as store:
        store.save(
            Attendee(first_name="Ed", surname="Ng", organisation="Repair Café", sector="VCSE")
        )
        path = store.path
    app = make_app(event_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await pilot.press("ctrl+n", *"Anna van der Berg")
        form = await wait_for_screen(pilot, WalkInForm)
        split = str(form.query_one("#name-split", Static).content)
        assert split == "First name: Anna · Surname: van der Berg"
        await pilot.press("enter", *"repair cafe", "enter")
        await wait_for_screen(pilot, DirectionsDialog)
        assert saved(path)["van der Berg"].sector == "VCSE"


async def test_editing_saves_every_field_and_keeps_the_id(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = small_event(catalog)
    before = saved(path)["O'Brien"]
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        pane.query_one(SearchBox).focus()
        await pilot.press(*"obrien", "enter", "f2")
        form = await wait_for_screen(pilot, AttendeeForm)
        form.query_one("#role", Input).value = "Volunteer Coordinator"
        form.query_one("#access_needs", Input).value = "Hearing loop"
        form.query_one("#email", Input).value = "not an email"
        await pilot.press("ctrl+s")
        assert "does not look like an email" in str(form.query_one("#form-error").content)
        form.query_one("#email", Input).value = "sean@example.org"
        form.query_one("#consent_photos").focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.focused, AttendeeList))
        after = saved(path)["O'Brien"]
        assert after.id == before.id and after.created == before.created
        assert (after.role, after.access_needs, after.email, after.consent_photos) == (
            "Volunteer Coordinator",
            "Hearing loop",
            "sean@example.org",
            True,
        )
        assert "Access needs: Hearing loop" in detail(pane)


async def test_cancelling_the_form_saves_nothing_and_returns_focus(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = small_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        pane.query_one(AttendeeList).focus()
        await pilot.press("f2")
        form = await wait_for_screen(pilot, AttendeeForm)
        form.query_one("#surname", Input).value = "Changed"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.focused, AttendeeList))
        assert "Changed" not in saved(path)


async def test_a_read_only_event_says_why_a_key_changes_nothing(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = small_event(catalog)
    app = make_app(event_path=path, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        pane.query_one(AttendeeList).focus()
        await pilot.press("space")
        await wait_until(pilot, lambda: notifications(app))
        assert notifications(app) == [f"Not saved: {pane.session.read_only_reason}"]
        assert "read-only here" in notifications(app)[0]
        await pilot.press("ctrl+n")  # said at once, not after a form was filled in
        await wait_until(pilot, lambda: len(notifications(app)) == 2)
        assert notifications(app)[-1].startswith("Walk-in not added: This event is open read-only")
        assert not isinstance(app.screen, WalkInForm)
        assert not saved(path)["Ní Bhriain"].checked_in
        assert "Checked in 1 of 4" in figures(pane)


async def test_a_walk_in_and_their_seat_are_one_change(
    make_app: AppFactory, catalog: EventCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_app.core.seating import SeatingPlan

    changes: list[list[type]] = []
    apply = EventStore.apply

    def recorded(store: EventStore, saves: Any = (), deletes: Any = ()) -> int:
        saves = list(saves)
        changes.append([type(record) for record in saves])
        return apply(store, saves, deletes)

    path = seated_event(catalog)
    monkeypatch.setattr(EventStore, "apply", recorded)
    app = make_app(event_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await pilot.press("ctrl+n", *"Ann Vale", "enter", "enter")
        await wait_for_screen(pilot, DirectionsDialog)
    assert changes == [[Attendee, SeatingPlan]]


async def test_a_walk_in_that_cannot_be_saved_keeps_the_form_and_what_was_typed(
    make_app: AppFactory, catalog: EventCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    path = small_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await pilot.press("ctrl+n", *"Ann Vale", "enter")
        form = await wait_for_screen(pilot, WalkInForm)

        def full(*args: object, **kwargs: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(EventStore, "apply", full)
        await pilot.press("enter")
        await wait_until(pilot, lambda: notifications(app))
        assert notifications(app) == ["Not saved: The disk is full: nothing was changed."]
        assert app.screen is form and form.query_one("#name", Input).value == "Ann Vale"
        monkeypatch.undo()
        await pilot.press("ctrl+s")  # room again: the same form saves
        await wait_for_screen(pilot, DirectionsDialog)
    assert saved(path)["Vale"].walk_in


def damage(monkeypatch: pytest.MonkeyPatch, kind: type) -> None:
    """From now on, reading every record of `kind` fails as a damaged merge does."""
    from workshop_app.store.errors import RecordError

    read = EventStore.all

    def damaged(store: EventStore, wanted: type) -> list[Any]:
        if wanted is kind:
            raise RecordError(f"The {kind.__name__} table of event.json is damaged: bad date")
        return read(store, wanted)

    monkeypatch.setattr(EventStore, "all", damaged)


async def test_a_walk_in_is_saved_when_their_directions_cannot_be_read(
    make_app: AppFactory, catalog: EventCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_app.core.models import Workshop

    path = small_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        await pilot.press("ctrl+n", *"Ann Vale", "enter")
        await wait_for_screen(pilot, WalkInForm)
        damage(monkeypatch, Workshop)  # the workshops behind the directions
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("Ask at the desk" in n for n in notifications(app)))
        [told] = [n for n in notifications(app) if n.startswith("Ask at the desk")]
        assert "Ann Vale is saved and checked in" in told and "Workshop table" in told
        assert app.screen is pane.screen and not isinstance(app.screen, DirectionsDialog)
        assert "Walk-ins 1 · Checked in 2 of 5" in figures(pane)
    assert saved(path)["Vale"].checked_in


async def test_the_kiosk_on_a_damaged_event_says_why_it_did_not_open(
    make_app: AppFactory, catalog: EventCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_app.core.models import DiscussionRound
    from workshop_app.tui.screens.kiosk import KioskEntryDialog, KioskScreen

    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        pane.query_one(AttendeeList).focus()
        damage(monkeypatch, DiscussionRound)
        await pilot.press("ctrl+k")
        await wait_for_screen(pilot, KioskEntryDialog)
        await pilot.press(*"2468", "enter")
        await wait_until(pilot, lambda: any("Kiosk not opened" in n for n in notifications(app)))
        assert "DiscussionRound table" in notifications(app)[-1]
        await app.workers.wait_for_complete()
        assert app.screen is pane.screen and not isinstance(app.screen, KioskScreen)


async def test_a_read_only_desk_shows_the_check_ins_of_the_window_that_writes(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = small_event(catalog)
    app = make_app(event_path=path, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        await pilot.press("down")
        assert pane.query_one(AttendeeList).highlighted.surname == "O'Brien"
        with EventStore(path) as writer:
            zoe = next(a for a in writer.all(Attendee) if a.surname == "Ní Bhriain")
            writer.save(zoe.edited(checked_in_at="2026-11-23T09:30:00+00:00"))
            await wait_until(pilot, lambda: "Checked in 2 of 4" in figures(pane))
        assert pane.query_one(AttendeeList).highlighted.surname == "O'Brien", "kept"


async def _desk_shown(pilot: Pilot[Any]) -> None:
    pane = await open_desk(pilot)
    pane.query_one(AttendeeList).focus()
    await pilot.pause()


def test_attendees_tab_on_the_demo_event(
    snap_compare: Any, make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=catalog.demo())
    assert snap_compare(app, terminal_size=(80, 24), run_before=_desk_shown)


async def test_every_desk_action_is_in_the_footer_and_the_palette(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    from workshop_app.tui.keys import screen_commands

    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        assert isinstance(app.focused, AttendeeList), "the desk has the focus once read"
        offered = {c.description for c in screen_commands(app.screen) if c.enabled}
        assert {"Check in", "Walk-in", "Edit", "Sector", "Import", "Kiosk"} <= offered
        assert {"New search", "Close event", "Export JSON", "Workshops"} <= offered
        pane.query_one(SearchBox).focus()
        await pilot.press("z")
        offered = {c.description for c in screen_commands(app.screen) if c.enabled}
        assert {"Walk-in", "Import", "Kiosk", "New search", "Close event"} <= offered


async def test_o_b_then_enter_enter_checks_in_o_briain_not_bob_jones(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    """ "o'b" is inside "Bob": surname starts come first, so the top match is Ó Briain."""
    with catalog.create("Ranking", "2026-11-23") as store:
        store.save_many(
            [
                Attendee(first_name="Bob", surname="Jones", organisation="Hartley Builders"),
                Attendee(first_name="Zoë", surname="Ó Briain", organisation="Repair Café"),
            ]
        )
        path = store.path
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_desk(pilot)
        await pilot.press(*"o'b")
        assert shown(pane) == ["Ó Briain", "Jones"]
        await pilot.press("enter", "enter")
        assert saved(path)["Ó Briain"].checked_in and not saved(path)["Jones"].checked_in
        assert notifications(app)[-1].startswith("Saved: Checked in Zoë Ó Briain at ")


async def test_f3_sets_the_sector_of_everyone_from_one_organisation(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    from workshop_app.tui.screens.sector_dialog import SectorDialog

    with catalog.create("Sectors", "2026-11-23") as store:
        store.save_many(
            [
                Attendee(first_name="Ann", surname="Abbott", organisation="Repair Café"),
                Attendee(first_name="Bo", surname="Bell", organisation="repair cafe"),
                Attendee(first_name="Cy", surname="Cole", organisation="Northfield Council"),
            ]
        )
        path = store.path
    app = make_app(event_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_desk(pilot)
        await pilot.press(*"bell", "enter", "f3")
        dialog = await wait_for_screen(pilot, SectorDialog)
        assert str(dialog.query_one("#sector-message", Static).content).startswith(
            "2 people from repair cafe."
        )
        await pilot.press("down", "enter")  # VCSE, then statutory
        await wait_until(pilot, lambda: isinstance(app.focused, AttendeeList))
        sectors = {surname: a.sector for surname, a in saved(path).items()}
        assert sectors == {"Abbott": "statutory", "Bell": "statutory", "Cole": "other"}
        assert notifications(app)[-1] == "Sector saved: 2 from repair cafe now statutory."
        assert pane.query_one(AttendeeList).highlighted.sector == "statutory"


async def test_the_empty_list_hint_names_the_keys_the_footer_shows(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    with catalog.create("Empty", "2026-11-23") as store:
        path = store.path
    app = make_app(event_path=path)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await wait_for_screen(pilot, EventScreen)
        pane = await wait_for_pane(pilot, screen)
        await wait_until(pilot, lambda: "No attendees yet" in detail(pane))
        await wait_until(pilot, lambda: footer_label(pilot, "ctrl+o") == "Import")
        shown_keys = {
            k.key_display: k.description for k in app.screen.query(FooterKey) if k.description
        }
        assert shown_keys["^o"] == "Import" and shown_keys["^n"] == "Walk-in"
        assert detail(pane) == "No attendees yet. Press ^o to import a list, ^n for a walk-in."
        await pilot.press(*"zed")
        await pilot.pause()
        assert detail(pane) == "Nobody matches 'zed'. Press ^n to add a walk-in."


async def wait_for_pane(pilot: Pilot[Any], screen: EventScreen) -> AttendeesPane:
    await wait_until(pilot, lambda: screen.query(AttendeesPane))
    return screen.query_one(AttendeesPane)


@pytest.mark.parametrize("width", [80, 60, 160])
async def test_names_get_the_room_they_need_before_other_columns(
    make_app: AppFactory, catalog: EventCatalog, width: int
) -> None:
    """At 80x24 "Ó Súilleabháin, Pri…" was cut while other columns had room."""
    with catalog.create("Long names", "2026-11-23") as store:
        store.save_many(
            [
                *PEOPLE,
                Attendee(
                    first_name="Priya",
                    surname="Ó Súilleabháin",
                    organisation="Northfield Community Transport Partnership",
                    walk_in=True,
                    checked_in_at="2026-11-23T09:12:00+00:00",
                ),
            ]
        )
        path = store.path
    app = make_app(event_path=path)
    async with app.run_test(size=(width, 24)) as pilot:
        pane = await open_desk(pilot)
        listing = pane.query_one(AttendeeList)
        rows = [listing.render_line(y).text for y in range(1 + len(listing.attendees))]
        row = next(r for r in rows if "Súilleabháin" in r)
        assert "Ó Súilleabháin, Priya" in row
        assert "09:12" in row and "Northfield" in row
        if width >= 80:
            assert "VCSE" in rows[1] or "other" in rows[1], "the sector still shown"
