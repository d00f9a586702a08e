"""The Tables tab on the demo event: tables and their mix, the round timer, adding a
table, seating late arrivals, pinning, and exporting the plan."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, OptionList, Static
from textual.widgets._footer import FooterKey

from workshop_app.core import seating_desk
from workshop_app.core.models import Attendee, DiscussionRound, DiscussionTable, Sector
from workshop_app.core.seating import SeatingPlan
from workshop_app.core.seating_desk import TablePin
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore
from workshop_app.tui.keys import screen_commands
from workshop_app.tui.screens.capture import CaptureScreen
from workshop_app.tui.screens.confirm import ConfirmDialog
from workshop_app.tui.screens.table_dialogs import PickDialog, RoundForm, TableForm
from workshop_app.tui.widgets.round_timer import RoundTimer
from workshop_app.tui.widgets.tables_pane import TablesPane

from .conftest import AppFactory
from .helpers import (
    notifications,
    wait_for_open_event,
    wait_for_screen,
    wait_for_workers,
    wait_until,
)


async def open_tables_tab(pilot: Pilot[Any]) -> TablesPane:
    screen = await wait_for_open_event(pilot)
    await pilot.press("3")
    pane = screen.query_one(TablesPane)
    await wait_until(pilot, lambda: pane.query_one("#table-list", DataTable).row_count > 0)
    await pilot.pause()
    return pane


async def test_the_tab_shows_each_table_with_its_people_and_mix(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    async with make_app(event_path=catalog.demo()).run_test(size=(120, 40)) as pilot:
        pane = await open_tables_tab(pilot)
        table_list = pane.query_one("#table-list", DataTable)
        assert table_list.row_count == 8
        assert pilot.app.focused is table_list
        assert str(table_list.get_cell_at((0, 0))) == "1 · Riverside"
        mix = str(pane.query_one("#table-mix", Static).content)
        assert mix.startswith("Table 1 – Riverside: VCSE")
        people = pane.query_one("#table-people", DataTable)
        assert people.row_count == len(pane.plan.seats[pane.tables[0].id]) or people.row_count > 0
        prompt = str(pane.query_one("#round-prompt", Static).content)
        assert prompt.startswith("Round 1 of 2: How are you and your organisation")


async def test_the_timer_starts_extends_and_is_saved_on_the_round(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = catalog.demo()
    async with make_app(event_path=path).run_test(size=(120, 40)) as pilot:
        pane = await open_tables_tab(pilot)
        round_id = pane.round_id
        await pilot.press("k", "plus")
        round_ = pane.session.get(DiscussionRound, round_id)
        assert round_.timer_started_at and round_.extended_minutes == 1
        face = str(pane.query_one(RoundTimer).content)
        assert "(+1 min)" in face and "running" in face
        await pilot.press("r")
        assert pane.round_id != round_id
        assert str(pane.query_one("#round-prompt", Static).content).startswith("Round 2 of 2")
        assert pane.query_one(RoundTimer).round_id == pane.round_id
    with EventStore(path, read_only=True) as store:  # what a kiosk or a restart sees
        assert store.get(DiscussionRound, round_id).timer_started_at


async def test_add_a_table_refusing_a_number_in_use(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    async with make_app(event_path=catalog.demo()).run_test(size=(120, 40)) as pilot:
        pane = await open_tables_tab(pilot)
        await pilot.press("a")
        form = await wait_for_screen(pilot, TableForm)
        assert form.query_one("#table-number", Input).value == "9"
        form.query_one("#table-number", Input).value = "3"
        form.query_one("#table-name", Input).value = "Library"
        form.query_one("#table-size", Input).focus()
        await pilot.press("enter")
        assert "already a table 3" in str(form.query_one(".form-error", Static).content)
        form.query_one("#table-number", Input).value = "9"
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(pane.session.all(DiscussionTable)) == 9)
        await wait_until(pilot, lambda: pane.query_one("#table-list", DataTable).row_count == 9)
        assert pilot.app.focused is pane.query_one("#table-list", DataTable)


async def test_late_arrivals_are_seated_and_a_person_can_be_pinned(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = catalog.demo()
    with EventStore(path) as store:
        tables = sorted(store.all(DiscussionTable), key=lambda t: t.number)
        store.save(tables[0].edited(size=14))  # room for late arrivals
        late = Attendee(
            first_name="Late",
            surname="Comer",
            organisation="Nowhere Trust",
            sector=Sector.VCSE.value,
            checked_in_at="2026-11-23T10:15:00+00:00",
        )
        store.save(late)
    async with make_app(event_path=path).run_test(size=(120, 40)) as pilot:
        pane = await open_tables_tab(pilot)
        assert "1 waiting" in str(pane.query_one("#tables-summary", Static).content)
        await pilot.press("l")
        await wait_until(pilot, lambda: late.id in pane.plan.seat_of if pane.plan else False)
        await wait_until(
            pilot, lambda: "0 waiting" in str(pane.query_one("#tables-summary", Static).content)
        )
        # now every table but table 1 is full
        # pin the first person of table 1 to table 2 (its seats are full: refused, clearly)
        await pilot.press("tab")
        assert pilot.app.focused is pane.query_one("#table-people", DataTable)
        await pilot.press("p")
        dialog = await wait_for_screen(pilot, PickDialog)
        dialog.query_one(OptionList).highlighted = 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("is full" in n for n in notifications(pilot.app)))
        assert pane.session.all(TablePin) == []
        # someone from table 2 pinned to table 1, which has room
        await pilot.press("shift+tab", "down", "tab")
        people = pane.query_one("#table-people", DataTable)
        person_id = str(people.coordinate_to_cell_key(people.cursor_coordinate).row_key.value)
        await pilot.press("p")
        dialog = await wait_for_screen(pilot, PickDialog)
        dialog.query_one(OptionList).highlighted = 0
        await pilot.press("enter")
        await wait_until(pilot, lambda: pane.session.all(TablePin) != [])
        (pin,) = pane.session.all(TablePin)
        assert (pin.attendee_id, pin.table_id) == (person_id, tables[0].id)
        await wait_until(pilot, lambda: pane.plan.seat_of[person_id] == tables[0].id)


async def test_shift_p_unpins_the_highlighted_person(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = catalog.demo()
    with EventStore(path) as store:
        plan = seating_desk.current_plan(store.all(SeatingPlan))
        table = min(store.all(DiscussionTable), key=lambda t: t.number)
        pinned_id = plan.seats[table.id][0]
        store.save(seating_desk.pin(pinned_id, table.id))
    async with make_app(event_path=path).run_test(size=(120, 40)) as pilot:
        pane = await open_tables_tab(pilot)
        people = pane.query_one("#table-people", DataTable)
        await pilot.press("tab")
        assert pilot.app.focused is people
        row = people.get_row_index(pinned_id)
        assert str(people.get_cell_at((row, 0))).endswith("📌")
        people.move_cursor(row=row)
        await pilot.press("P")
        await wait_until(pilot, lambda: pane.session.all(TablePin) == [])
        await wait_until(pilot, lambda: pinned_id not in pane.pins)
        assert not str(people.get_cell_at((people.get_row_index(pinned_id), 0))).endswith("📌")
        assert pane.plan.seat_of[pinned_id] == table.id  # they keep their seat for now
        assert pilot.app.focused is people
        await pilot.press("P")  # not pinned any more: said so, nothing else happens
        assert any("is not pinned" in n for n in notifications(pilot.app))


async def test_the_timer_line_fits_one_row_at_80_columns(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    async with make_app(event_path=catalog.demo()).run_test(size=(80, 24)) as pilot:
        pane = await open_tables_tab(pilot)
        await pilot.press("k", "plus")  # the longest face: extended and running
        timer, summary = pane.query_one(RoundTimer), pane.query_one("#tables-summary", Static)
        await wait_until(pilot, lambda: "(+1 min)" in str(timer.content))
        assert pane.query_one("#round-bar").size.height == 1
        assert timer.region.y == summary.region.y and summary.region.right <= 80
        assert summary.region.width - 2 >= len(str(summary.content))  # nothing cut


async def test_export_the_table_plan(make_app: AppFactory, catalog: EventCatalog) -> None:
    async with make_app(event_path=catalog.demo()).run_test(size=(120, 40)) as pilot:
        await open_tables_tab(pilot)
        await pilot.press("x")
        await wait_until(
            pilot, lambda: any("Table plan exported" in n for n in notifications(pilot.app))
        )
        await wait_for_workers(pilot)
    exports = catalog.folder.parent / "exports"
    assert sorted(p.suffix for p in exports.iterdir()) == [".html", ".xlsx"]


async def test_c_opens_capture_on_the_highlighted_table(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    async with make_app(event_path=catalog.demo()).run_test(size=(120, 40)) as pilot:
        pane = await open_tables_tab(pilot)
        await pilot.press("down", "c")
        screen = await wait_for_screen(pilot, CaptureScreen)
        assert screen.table_id == sorted(pane.tables, key=lambda t: t.number)[1].id
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen.query(TablesPane))
        assert pilot.app.focused is pane.query_one("#table-list", DataTable)


async def check_in(pane: TablesPane, pilot: Pilot[Any], when: str) -> Attendee:
    """Check someone in, as the desk does, and wait until the tab shows them waiting."""
    person = next(a for a in pane.session.all(Attendee) if not a.checked_in)
    await pane.session.save(person.edited(checked_in_at=when))
    await wait_until(pilot, lambda: pane._waiting and pane._waiting[-1].id == person.id)
    return person


async def test_every_seating_leaves_one_plan_record_and_no_old_seats(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    """Seat all, seat all again, seat late arrivals: each is one change that leaves one
    plan record, holding the new seats; an older plan (a second laptop's copy merged in)
    goes in the same change."""
    path = catalog.demo()
    with EventStore(path) as store:
        (demo_plan,) = store.all(SeatingPlan)
        table = min(store.all(DiscussionTable), key=lambda t: t.number)
        store.save(table.edited(size=14))  # room for those who arrive
        someone = next(iter(demo_plan.seat_of))
        stray = SeatingPlan(
            table_ids=demo_plan.table_ids,
            seat_of={someone: demo_plan.table_ids[-1]},
            sector_of={someone: demo_plan.sector_of[someone]},
            organisation_key_of={someone: demo_plan.organisation_key_of[someone]},
            created="2026-01-01T09:00:00+00:00",
            updated="2026-01-01T09:00:00+00:00",
        )
        store.save(stray)

    async with make_app(event_path=path).run_test(size=(120, 40)) as pilot:
        pane = await open_tables_tab(pilot)
        assert len(pane.session.all(SeatingPlan)) == 2 and pane.plan.id == demo_plan.id

        async def seat_all(times: int) -> SeatingPlan:
            await pilot.press("s")
            await wait_for_screen(pilot, ConfirmDialog)  # seated already: asked first
            await pilot.click("#confirm")
            await wait_until(
                pilot,
                lambda: sum("people seated at" in n for n in notifications(pilot.app)) == times,
            )
            (plan,) = pane.session.all(SeatingPlan)  # the stray plan went in the same change
            await wait_until(pilot, lambda: pane.plan.seat_of == plan.seat_of)
            return plan

        arrived = await check_in(pane, pilot, "2026-11-23T10:01:00+00:00")
        plan = await seat_all(1)
        assert plan.id == demo_plan.id and arrived.id in plan.seat_of

        arrived = await check_in(pane, pilot, "2026-11-23T10:02:00+00:00")
        again = await seat_all(2)
        assert again.id == demo_plan.id and set(again.seat_of) == {*plan.seat_of, arrived.id}

        late = await check_in(pane, pilot, "2026-11-23T10:30:00+00:00")
        await pilot.press("l")
        await wait_until(
            pilot, lambda: any("1 late arrival seated" in n for n in notifications(pilot.app))
        )
        (last,) = pane.session.all(SeatingPlan)
        assert last.seat_of == {**again.seat_of, late.id: last.seat_of[late.id]}  # nobody moved
    with EventStore(path, read_only=True) as store:
        assert [p.seat_of for p in store.all(SeatingPlan)] == [last.seat_of]


async def test_a_write_key_in_a_read_only_window_says_why_nothing_changed(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = catalog.demo()
    async with make_app(event_path=path, read_only=True).run_test(size=(120, 40)) as pilot:
        pane = await open_tables_tab(pilot)
        round_ = pane.current_round
        await pilot.press("k")
        await wait_until(
            pilot,
            lambda: any(
                n.startswith("Timer not changed: This event is open read-only here")
                for n in notifications(pilot.app)
            ),
        )
        assert pane.session.get(DiscussionRound, round_.id) == round_
        await pilot.press("n")  # a form keeps what was typed when its save is refused
        form = await wait_for_screen(pilot, RoundForm)
        await pilot.press(*"Still here?", "ctrl+s")
        await wait_until(
            pilot, lambda: sum("read-only here" in n for n in notifications(pilot.app)) == 2
        )
        assert pilot.app.screen is form
        assert form.query_one("#round-prompt", Input).value == "Still here?"
        assert len(pane.session.all(DiscussionRound)) == 2


async def test_someone_checked_in_at_the_desk_shows_as_waiting_on_the_tables_tab(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    """Tabs show what other tabs changed: the desk's check-in is a late arrival here."""
    async with make_app(event_path=catalog.demo()).run_test(size=(120, 40)) as pilot:
        pane = await open_tables_tab(pilot)
        summary = pane.query_one("#tables-summary", Static)
        assert " 0 waiting " in str(summary.content)
        not_here = next(a for a in pane.session.all(Attendee) if not a.checked_in)
        await pilot.press("1")
        await pane.session.save(not_here.edited(checked_in_at="2026-11-23T10:05:00+00:00"))

        await pilot.press("3")  # from the desk

        await wait_until(pilot, lambda: " 1 waiting " in str(summary.content))


async def test_with_sectors_unknown_seating_spreads_organisations_and_says_so(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = catalog.demo()
    with EventStore(path) as store:  # as after an import whose sector column was not mapped
        store.save_many([a.edited(sector=Sector.OTHER.value) for a in store.all(Attendee)])
    async with make_app(event_path=path).run_test(size=(120, 40)) as pilot:
        pane = await open_tables_tab(pilot)
        await pilot.press("s")
        await wait_for_screen(pilot, ConfirmDialog)  # the demo is seated already
        await pilot.click("#confirm")
        message = "Sectors unknown: seated to spread organisations apart."
        await wait_until(pilot, lambda: any(message in n for n in notifications(pilot.app)))
        await wait_until(pilot, lambda: pane.plan is not None and pane.plan.sectors_unknown)
        assert pane.plan.mix_quality().colleague_pairs == 0
        mix = str(pane.query_one("#table-mix", Static).content)
        assert "other" not in mix and "organisations (sectors unknown)" in mix


def shown_in_footer(app: Any) -> list[str]:
    return [
        f"{key.key_display} {key.description}"
        for key in app.screen.query(FooterKey)
        if key.display and key.description
    ]


async def test_the_most_used_keys_are_in_the_footer_and_every_key_in_the_palette(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    on_the_day = ["s Seat all", "c Note", "k Timer", "h Themes", "v Dots", "o Plenary"]
    setting_up = ["a Add table", "n New round", "x Export plan"]
    app = make_app(event_path=catalog.demo())
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_tables_tab(pilot)
        await wait_until(pilot, lambda: set(on_the_day) <= set(shown_in_footer(pilot.app)))
        await pilot.resize_terminal(120, 40)
        await wait_until(
            pilot, lambda: set(on_the_day + setting_up) <= set(shown_in_footer(pilot.app))
        )
        commands = {c.action: c.description for c in screen_commands(pilot.app.screen)}
        for binding in pane.BINDINGS:
            assert isinstance(binding, Binding) and binding.description and binding.tooltip
            assert commands[binding.action] == binding.description


async def test_a_new_round_is_saved_with_enter_on_the_last_field_or_ctrl_s(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = catalog.demo()
    async with make_app(event_path=path).run_test(size=(80, 24)) as pilot:
        pane = await open_tables_tab(pilot)
        await pilot.press("n")
        form = await wait_for_screen(pilot, RoundForm)
        save = form.query_one("#submit", Button)
        assert str(save.label) == "Save" and save.region.bottom <= 24  # in plain sight
        await pilot.press(*"What next?")
        await pilot.press("enter")  # moves on to the minutes
        assert isinstance(pilot.app.screen, RoundForm)
        assert pilot.app.focused is form.query_one("#round-minutes", Input)
        await pilot.press("enter")  # the last field: saves
        await wait_until(pilot, lambda: len(pane.session.all(DiscussionRound)) == 3)
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, RoundForm))
        await pilot.press("n")
        form = await wait_for_screen(pilot, RoundForm)
        await pilot.press(*"And then?", "ctrl+s")  # from the first field
        await wait_until(pilot, lambda: len(pane.session.all(DiscussionRound)) == 4)
    with EventStore(path, read_only=True) as store:
        assert {"What next?", "And then?"} <= {r.prompt for r in store.all(DiscussionRound)}


async def test_a_damaged_round_or_pin_is_said_and_the_tab_goes_on(
    make_app: AppFactory, catalog: EventCatalog, monkeypatch: Any
) -> None:
    """The timer ticks every second: a damaged round shows "—", it never stops the app."""
    from workshop_app.store.errors import RecordError

    def damaged(*args: object) -> None:
        raise RecordError("The rounds table of event.json is damaged: bad date")

    async with make_app(event_path=catalog.demo()).run_test(size=(120, 40)) as pilot:
        pane = await open_tables_tab(pilot)
        timer = pane.query_one(RoundTimer)
        monkeypatch.setattr(EventStore, "get", damaged)
        timer.tick()
        assert str(timer.content) == "—"
        assert "rounds table of event.json" in str(timer.tooltip)
        monkeypatch.setattr(EventStore, "all", damaged)
        people = pane.query_one("#table-people", DataTable)
        people.focus()
        pane.pins = {people.coordinate_to_cell_key((0, 0)).row_key.value: "a pin"}
        await pilot.press("P")
        told = lambda: any("Not unpinned" in n for n in notifications(pilot.app))  # noqa: E731
        await wait_until(pilot, told)
        monkeypatch.undo()
        timer.tick()
        assert str(timer.content).endswith("left · ready") and timer.tooltip is None
