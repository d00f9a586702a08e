"""The Workshops tab, driven by keys: set up, allocate, pin, recompute after check-in."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, Static

from workshop_app.core.models import Attendee, Workshop
from workshop_app.core.workshop_plan import AllocationPin, WorkshopPlan, WorkshopRound
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore
from workshop_app.tui.screens.form_dialog import FormDialog
from workshop_app.tui.screens.pin_dialog import PinDialog
from workshop_app.tui.screens.round_form import WorkshopRoundForm
from workshop_app.tui.screens.workshop_form import WorkshopForm
from workshop_app.tui.widgets.workshop_setup_tables import RoundTable
from workshop_app.tui.widgets.workshops_pane import WorkshopsPane

from .conftest import AppFactory
from .helpers import wait_for_open_event, wait_for_screen, wait_for_workers, wait_until

ARRIVED = "2026-11-23T09:05:00+00:00"


def small_event(catalog: EventCatalog) -> Path:
    with catalog.create("Network Day", "2026-11-23") as store:
        store.save_many(
            [
                Attendee(first_name="Ann", surname="Abbott", checked_in_at=ARRIVED),
                Attendee(first_name="Kim", surname="Kaur", checked_in_at=ARRIVED),
                Attendee(first_name="Yan", surname="Young"),
                Attendee(first_name="Bo", surname="Baker"),
            ]
        )
        return store.path


async def type_into(pilot, selector: str, text: str) -> None:  # noqa: ANN001
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.press(*text)


async def test_set_up_allocate_pin_and_recompute_after_check_in(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = small_event(catalog)
    app = make_app(event_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_open_event(pilot)
        screen.action_show_tab("workshops")  # digits go to the desk's search box
        pane = screen.query_one(WorkshopsPane)
        await wait_until(pilot, lambda: pane.inputs is not None)
        assert "No workshops yet" in str(pane.query_one("#ws-summary", Static).content)

        for title, room, places in (
            ("Workshop A", "Conference Room", "40"),
            ("Workshop B", "Meeting Room 3", ""),
        ):
            await pilot.press("a")
            form = await wait_for_screen(pilot, WorkshopForm)
            await pilot.press("ctrl+s")
            assert "needs a title" in form.error, "problems are explained inside the form"
            await type_into(pilot, "#title", title)
            await type_into(pilot, "#room", room)
            await type_into(pilot, "#capacity", "lots")
            await pilot.press("enter")
            assert "whole number" in form.error
            form.query_one("#capacity", Input).value = places
            await pilot.press("enter")
            await wait_until(pilot, lambda: not isinstance(app.screen, WorkshopForm))
        for number, (starts, ends) in enumerate((("10:30", "11:30"), ("11:45", "12:45")), 1):
            await pilot.press("t")
            await wait_for_screen(pilot, WorkshopRoundForm)
            await type_into(pilot, "#starts", starts)
            await type_into(pilot, "#ends", ends)
            await pilot.press("enter")
            await wait_until(pilot, lambda n=number: len(screen.store.all(WorkshopRound)) == n)
        await wait_until(
            pilot, lambda: pane.allocation is not None and len(pane.allocation.workshops) == 2
        )
        assert [w.title for w in screen.store.all(Workshop)] == ["Workshop A", "Workshop B"]
        assert app.focused is not None, "focus comes back after the forms"

        await pilot.press("c")  # count only people who have checked in
        await wait_until(
            pilot, lambda: pane.inputs.plan.only_checked_in and sum(pane.allocation.counts[0]) == 2
        )

        await pilot.press("slash")
        await pilot.press(*"abbott")
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: "Workshop A" in str(pane.query_one("#route", Static).content)
        )
        await pilot.press("p")
        await wait_for_screen(pilot, PinDialog)
        await pilot.press("down", "enter")  # Workshop B, then the reason box
        await pilot.press(*"lift")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(screen.store.all(AllocationPin)) == 1)
        abbott = next(a for a in screen.store.all(Attendee) if a.surname == "Abbott")
        await wait_until(pilot, lambda: pane.allocation.route(abbott.id) == (1, 1))
        pinned = screen.store.all(AllocationPin)[0]
        assert pinned.reason == "lift" and pinned.workshop_id == pane.allocation.workshops[1].id

        young = next(a for a in screen.store.all(Attendee) if a.surname == "Young")
        screen.store.save(young.edited(checked_in_at=ARRIVED))  # the desk checks Young in
        before = pane.allocation.counts
        await pilot.press("r")
        await wait_until(pilot, lambda: sum(pane.allocation.counts[0]) == 3)
        assert pane.allocation.counts != before
        assert pane.allocation.route(abbott.id) == (1, 1), "the pin holds after a recompute"
        assert pane.allocation.route(young.id), "Young is placed now"
        [plan] = screen.store.all(WorkshopPlan)
        assert plan.chosen_ranges == pane.allocation.range_labels
        await wait_for_workers(pilot)


async def test_typed_ranges_are_checked_inline_and_then_used(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = small_event(catalog)
    with __import__("workshop_app.store.event_store", fromlist=["EventStore"]).EventStore(
        path
    ) as store:
        store.save_many(
            [
                Workshop(title="Workshop A", capacity=40, position=1),
                Workshop(title="Workshop B", capacity=30, position=2),
            ]
        )
    app = make_app(event_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_open_event(pilot)
        screen.action_show_tab("workshops")  # digits go to the desk's search box
        pane = screen.query_one(WorkshopsPane)
        await wait_until(pilot, lambda: pane.allocation is not None)
        await pilot.press("h")
        await pilot.press(*"A-J, K-Y")
        error = pane.query_one("#ranges-error", Static)
        await wait_until(pilot, lambda: "Z uncovered" in str(error.content))
        await pilot.press("enter")
        assert not screen.store.all(WorkshopPlan)[0].typed_ranges, "nothing saved"
        await pilot.press("backspace", "Z", "enter")
        await wait_until(pilot, lambda: pane.allocation.range_labels == "A–J, K–Z")
        assert "set by hand" in pane.allocation.reason
        await pilot.press("escape")
        assert app.focused is pane.query_one("#allocation"), "Escape leaves the box, not the event"
        assert app.screen is screen


async def test_a_round_form_shows_save_enter_moves_on_and_saves_on_the_last_field(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_open_event(pilot)
        screen.action_show_tab("workshops")
        pane = screen.query_one(WorkshopsPane)
        await wait_until(pilot, lambda: pane.inputs is not None)
        await pilot.press("t")
        form = await wait_for_screen(pilot, WorkshopRoundForm)
        save = form.query_one("#submit", Button)
        assert str(save.label) == "Save"
        assert form.screen.region.contains_region(save.region), "Save is on the screen at 80x24"
        await pilot.press(*"10:30", "enter")
        assert app.focused is form.query_one("#ends", Input), "Enter moves to the next field"
        assert app.screen is form and not screen.store.all(WorkshopRound), "nothing saved yet"
        await pilot.press(*"11:30", "enter")
        await wait_until(pilot, lambda: len(screen.store.all(WorkshopRound)) == 1)
        assert screen.store.all(WorkshopRound)[0].times == "10:30\u201311:30"

        await pilot.press("t")
        form = await wait_for_screen(pilot, WorkshopRoundForm)
        await pilot.press(*"11:45", "ctrl+s")  # ctrl+s saves from any field
        await wait_until(pilot, lambda: len(screen.store.all(WorkshopRound)) == 2)


async def test_every_form_saves_with_ctrl_s_and_shows_its_save_button(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=small_event(catalog))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_open_event(pilot)
        screen.action_show_tab("workshops")
        pane = screen.query_one(WorkshopsPane)
        await wait_until(pilot, lambda: pane.inputs is not None)
        await pilot.press("a")
        form = await wait_for_screen(pilot, WorkshopForm)
        assert isinstance(form, FormDialog)
        save = form.query_one("Button.-primary", Button)
        assert form.screen.region.contains_region(save.region), "Save is on the screen at 80x24"
        await pilot.press(*"Workshop A", "ctrl+s")
        await wait_until(pilot, lambda: len(screen.store.all(Workshop)) == 1)
        footer_keys = {b.binding.key for b in form.active_bindings.values() if b.binding.show}
        assert "ctrl+s" in footer_keys


async def test_the_rounds_list_shows_the_rounds_the_split_uses_before_any_is_saved(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    path = small_event(catalog)
    with EventStore(path) as store:
        store.save_many([Workshop(title="Workshop A", position=1), Workshop(title="B", position=2)])
    app = make_app(event_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_open_event(pilot)
        screen.action_show_tab("workshops")
        pane = screen.query_one(WorkshopsPane)
        await wait_until(pilot, lambda: pane.allocation is not None)
        assert pane.allocation.rounds == 2
        rounds = pane.query_one(RoundTable)
        assert rounds.row_count == 2, "Round 1 and Round 2, as the split shows them"
        assert "Not saved yet" in str(pane.query_one("#rounds-note", Static).content)
        summary = str(pane.query_one("#ws-reason", Static).content)
        assert "no places set" in summary and "%" not in summary

        rounds.focus()
        await pilot.press("enter")  # Round 1: set its times
        await wait_for_screen(pilot, WorkshopRoundForm)
        await pilot.press(*"10:30", "enter", *"11:30", "enter")
        await wait_until(pilot, lambda: len(screen.store.all(WorkshopRound)) == 2)
        saved = sorted(screen.store.all(WorkshopRound), key=lambda r: r.number)
        assert [(r.number, r.times) for r in saved] == [(1, "10:30\u201311:30"), (2, "")]
        await wait_until(pilot, lambda: not pane.query_one("#rounds-note").display)
        assert pane.allocation.rounds == 2, "saving one round's times keeps both rounds"


async def test_a_read_only_window_says_why_before_a_form_opens(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    from .helpers import notifications

    path = small_event(catalog)
    app = make_app(event_path=path, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_open_event(pilot)
        screen.action_show_tab("workshops")
        pane = screen.query_one(WorkshopsPane)
        await wait_until(pilot, lambda: pane.inputs is not None)
        await pilot.press("a")
        await wait_until(pilot, lambda: notifications(app))
        assert notifications(app) == [f"Workshop not added: {pane.session.read_only_reason}"]
        assert not isinstance(app.screen, WorkshopForm)
    with EventStore(path, read_only=True) as store:
        assert store.all(Workshop) == []
