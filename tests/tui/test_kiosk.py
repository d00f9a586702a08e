"""The "Where do I go?" kiosk: only the typed surname's people, and only the facilitator leaves."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Input, Static

from workshop_app.core.directions import directions_for
from workshop_app.core.models import Attendee
from workshop_app.core.search import SearchIndex
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore
from workshop_app.tui.kiosk_app import KioskApp
from workshop_app.tui.screens.event import EventScreen
from workshop_app.tui.screens.kiosk import KioskEntryDialog, KioskPinDialog, KioskScreen
from workshop_app.tui.widgets.attendee_list import AttendeeList
from workshop_app.tui.widgets.attendees_pane import AttendeesPane

from .conftest import AppFactory
from .helpers import wait_for_open_event, wait_for_screen, wait_until

PEOPLE = (
    Attendee(
        first_name="Zoë", surname="Ní Bhriain", organisation="Secret Org", email="zoe@example.org"
    ),
    Attendee(first_name="Sean", surname="O'Brien"),
    Attendee(first_name="Siân", surname="Ó Briain"),
    Attendee(first_name="Anna", surname="van der Berg"),
    *(Attendee(first_name=f"Person{n}", surname="Jones") for n in range(8)),
)


def kiosk_event(catalog: EventCatalog) -> Path:
    with catalog.create("Kiosk test", "2026-11-23") as store:
        store.save_many(PEOPLE)
        return store.path


async def enter_kiosk(pilot, pin: str = "2468") -> KioskScreen:  # type: ignore[no-untyped-def]
    screen = await wait_for_open_event(pilot)
    pane = screen.query_one(AttendeesPane)
    await wait_until(pilot, lambda: len(pane.index) > 0)
    pane.query_one(AttendeeList).focus()
    await pilot.press("ctrl+k")  # a plain k on the desk is typed into the search
    dialog = await wait_for_screen(pilot, KioskEntryDialog)
    await pilot.press(*"12", "enter")
    assert "at least 4" in str(dialog.query_one("#form-error", Static).content)
    dialog.query_one(Input).value = ""
    await pilot.press(*pin, "enter")
    return await wait_for_screen(pilot, KioskScreen)


def results(kiosk: KioskScreen) -> str:
    return kiosk.view.results_text


async def test_typing_a_surname_shows_only_its_people(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=kiosk_event(catalog))
    async with app.run_test(size=(100, 30)) as pilot:
        kiosk = await enter_kiosk(pilot)
        assert results(kiosk) == ""
        await pilot.press("n", "i")
        assert "at least 3 letters" in results(kiosk), "two letters show nobody"
        assert "Zoë" not in results(kiosk)
        await pilot.press("b")
        assert "Zoë Ní Bhriain" in results(kiosk), "one person: the whole name"
        assert "Ask at the desk for your workshop" in results(kiosk)
        assert "O'Brien" not in results(kiosk) and "Secret Org" not in results(kiosk)
        assert "zoe@example.org" not in results(kiosk)
        kiosk.view.clear()
        await pilot.press(*"obri")
        assert "S. O'Brien" in results(kiosk) and "S. Ó Briain" in results(kiosk)
        assert "Sean" not in results(kiosk) and "Siân" not in results(kiosk), "initials only"
        assert "Zoë" not in results(kiosk)


async def test_a_common_surname_never_lists_a_crowd(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=kiosk_event(catalog))
    async with app.run_test(size=(100, 30)) as pilot:
        kiosk = await enter_kiosk(pilot)
        await pilot.press(*"jones")
        assert "Keep typing" in results(kiosk)
        assert "Person" not in results(kiosk)


async def test_the_desk_s_messages_never_show_on_the_kiosk(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    """A check-in's toast names a person: the public screen must not show it."""
    from textual.widgets._toast import Toast

    app = make_app(event_path=kiosk_event(catalog))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.notify("Checked in Zoë Ní Bhriain at 09:12.", title="Saved")  # just before
        kiosk = await enter_kiosk(pilot)
        app.notify("Checked in Siân Ó Briain at 09:13.", title="Saved")  # while it shows
        await pilot.press("ctrl+k")
        pin = await wait_for_screen(pilot, KioskPinDialog)
        app.notify("Checked in Sean O'Brien at 09:14.", title="Saved")
        await pilot.pause()

        for screen in (kiosk, pin):
            assert [t for t in screen.query(Toast) if t.region.area] == [], screen


async def test_escape_and_quit_do_not_leave_only_the_pin_does(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    app = make_app(event_path=kiosk_event(catalog))
    async with app.run_test(size=(100, 30)) as pilot:
        kiosk = await enter_kiosk(pilot)
        await pilot.press(*"berg", "escape")
        assert app.screen is kiosk and results(kiosk) == "", "escape only clears"
        await pilot.press("ctrl+q", "ctrl+p", "f1")
        await pilot.pause()
        assert app.screen is kiosk and app.is_running
        await pilot.press("ctrl+k")
        pin = await wait_for_screen(pilot, KioskPinDialog)
        await pilot.press(*"0000", "enter")
        assert "not the PIN" in str(pin.query_one("#form-error", Static).content)
        await pilot.press("ctrl+q")
        assert app.is_running
        await pilot.press("escape")
        await wait_for_screen(pilot, KioskScreen)
        await pilot.press("ctrl+k")
        await wait_for_screen(pilot, KioskPinDialog)
        await pilot.press(*"2468", "enter")
        await wait_for_screen(pilot, EventScreen)
        await wait_until(pilot, lambda: isinstance(app.focused, AttendeeList))


async def test_the_standalone_kiosk_reads_the_event_and_follows_the_desk(
    catalog: EventCatalog,
) -> None:
    path = kiosk_event(catalog)
    desk = EventStore(path)  # the desk has the event open for writing
    try:
        app = KioskApp(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_screen(pilot, KioskEntryDialog)
            await pilot.press(*"9999", "enter")
            kiosk = await wait_for_screen(pilot, KioskScreen)
            await pilot.press(*"zie")
            assert "Nobody with that surname" in results(kiosk)
            desk.save(Attendee(first_name="Marta", surname="Zieliński", walk_in=True))
            app._check_for_changes()  # what the 2-second timer does
            await wait_until(pilot, lambda: "Marta Zieliński" in results(kiosk))
            await pilot.press("escape", "ctrl+q")
            assert app.is_running
            await pilot.press("ctrl+k")
            await wait_for_screen(pilot, KioskPinDialog)
            await pilot.press(*"9999", "enter")
            await wait_until(pilot, lambda: not app.is_running)
    finally:
        desk.close()


async def test_the_kiosk_shows_the_discussion_countdown_while_a_round_runs(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    from datetime import UTC, datetime

    from workshop_app.core.models import DiscussionRound

    path = kiosk_event(catalog)
    with EventStore(path) as store:
        store.save(DiscussionRound(number=1, prompt="Ready", minutes=20))
        started = datetime.now(UTC).isoformat()
        store.save(DiscussionRound(number=2, prompt="Now", minutes=15, timer_started_at=started))
    async with make_app(event_path=path).run_test(size=(100, 30)) as pilot:
        kiosk = await enter_kiosk(pilot)
        text = kiosk.view.timer_text
        assert text.startswith("Table discussion, round 2: 1")  # 15:00 or 14:59 left
        assert text.endswith("left")


async def test_the_kiosk_shows_no_countdown_when_no_round_has_started(
    make_app: AppFactory, catalog: EventCatalog
) -> None:
    from workshop_app.core.models import DiscussionRound

    path = kiosk_event(catalog)
    with EventStore(path) as store:
        store.save(DiscussionRound(number=1, prompt="Ready", minutes=20))
    async with make_app(event_path=path).run_test(size=(100, 30)) as pilot:
        kiosk = await enter_kiosk(pilot)
        assert kiosk.view.timer_text == ""
        assert not kiosk.view.query_one("#kiosk-timer").display


# -- the exit PIN cannot be guessed quickly ----------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class KioskHost(App[None]):
    """The kiosk screen alone, on a clock the test turns."""

    CSS_PATH = ["../../workshop_app/tui/app.tcss", "../../workshop_app/tui/dialogs.tcss"]

    def __init__(self, clock: FakeClock, people: tuple[Attendee, ...] = PEOPLE) -> None:
        super().__init__()
        self.kiosk = KioskScreen(
            SearchIndex(people), directions_for, pin="2468", event_name="Kiosk test", clock=clock
        )

    def on_mount(self) -> None:
        self.push_screen(self.kiosk)


async def try_pin(pilot, guess: str) -> str:  # type: ignore[no-untyped-def]
    dialog = pilot.app.screen
    assert isinstance(dialog, KioskPinDialog)
    dialog.query_one(Input).value = guess
    await pilot.press("enter")
    return str(dialog.query_one("#form-error", Static).content)


async def test_wrong_pins_make_the_next_try_wait_longer_and_longer() -> None:
    clock = FakeClock()
    app = KioskHost(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, KioskScreen)
        await pilot.press("ctrl+k")
        dialog = await wait_for_screen(pilot, KioskPinDialog)
        box = dialog.query_one(Input)
        assert await try_pin(pilot, "1111") == "That is not the PIN."
        assert await try_pin(pilot, "2222") == "That is not the PIN."
        assert "Wait 2 s" in await try_pin(pilot, "3333"), "the third wrong try starts a wait"
        assert box.disabled, "the box refuses input while the wait is on"
        # Twenty quick tries (what main accepted in three seconds) are refused unchecked,
        # even the right PIN, and do not lengthen the wait.
        for _ in range(20):
            await dialog.query_one(Input).action_submit()
        box.value = "2468"
        dialog.post_message(Input.Submitted(box, "2468"))
        await pilot.pause()
        assert app.screen is dialog and "Wait 2 s" in str(
            dialog.query_one("#form-error", Static).content
        )
        clock.now += 2
        dialog.show_wait()  # what the one-second timer does
        assert not box.disabled
        assert "Wait 4 s" in await try_pin(pilot, "4444")
        clock.now += 4
        dialog.show_wait()
        assert "Wait 8 s" in await try_pin(pilot, "5555")
        # Leaving the dialog and coming back does not forget the wrong tries.
        await pilot.press("escape")
        await wait_for_screen(pilot, KioskScreen)
        await pilot.press("ctrl+k")
        dialog = await wait_for_screen(pilot, KioskPinDialog)
        assert dialog.query_one(Input).disabled
        assert "Wait 8 s" in str(dialog.query_one("#form-error", Static).content)
        clock.now += 8
        dialog.show_wait()
        dialog.query_one(Input).value = "2468"
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, KioskScreen | KioskPinDialog))


async def test_the_pin_message_never_says_how_close_a_guess_was() -> None:
    app = KioskHost(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, KioskScreen)
        await pilot.press("ctrl+k")
        await wait_for_screen(pilot, KioskPinDialog)
        close = await try_pin(pilot, "2467")
        far = await try_pin(pilot, "zz")
        assert close == far == "That is not the PIN."


# -- the search asks for enough of a surname ----------------------------------------------

SHORT_AND_SHARED = (
    Attendee(first_name="Mei", surname="Ng"),
    Attendee(first_name="Nia", surname="Ngata"),
    Attendee(first_name="Jo", surname="Smith"),
    Attendee(first_name="Jane", surname="Smith"),
    Attendee(first_name="Ian", surname="McDonald"),
    Attendee(first_name="Ann", surname="McLean"),
)


async def kiosk_answer(pilot, kiosk: KioskScreen, typed: str) -> str:  # type: ignore[no-untyped-def]
    kiosk.view.clear()
    await pilot.press(*typed)
    return results(kiosk)


async def test_two_letters_list_nobody_and_shared_surnames_show_initials() -> None:
    app = KioskHost(FakeClock(), people=SHORT_AND_SHARED)
    async with app.run_test(size=(100, 30)) as pilot:
        kiosk = await wait_for_screen(pilot, KioskScreen)
        for prefix in ("Mc", "Sm", "Ng"[:1], "Jo"):
            answer = await kiosk_answer(pilot, kiosk, prefix)
            assert "at least 3 letters" in answer, prefix
            assert not any(p.surname in answer for p in SHORT_AND_SHARED), prefix
        assert (
            await kiosk_answer(pilot, kiosk, "ng") == "Mei Ng\n  Ask at the desk for your workshop"
        )
        smiths = await kiosk_answer(pilot, kiosk, "smi")
        assert "J. Smith" in smiths and "Jo Smith" not in smiths and "Jane" not in smiths
        assert "Ian McDonald" in await kiosk_answer(pilot, kiosk, "mcd")
        assert "Nobody" in await kiosk_answer(pilot, kiosk, "ith"), "from the start only"
