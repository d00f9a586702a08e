"""Theming notes in bulk, merging themes, voting within a budget, and the plenary view."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Digits, Input, ListView, OptionList, Static
from textual.widgets._footer import FooterKey

from workshop_app.core import discussion as rules
from workshop_app.core.discussion import Action, GridEntry, Note, Theme, Vote
from workshop_app.core.dot_budget import DotBudget
from workshop_app.core.models import Attendee, DiscussionRound, DiscussionTable, Event
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore
from workshop_app.tui.keys import keyed_actions
from workshop_app.tui.screens.confirm import ConfirmDialog
from workshop_app.tui.screens.plenary import PlenaryScreen
from workshop_app.tui.screens.table_dialogs import PickDialog, TextDialog
from workshop_app.tui.screens.theme_grid import ThemeGridScreen
from workshop_app.tui.screens.themes import ThemesScreen
from workshop_app.tui.screens.voting import VotingScreen
from workshop_app.tui.widgets.big_title import BigTitle

from .discussion_host import DiscussionHost
from .helpers import notifications, wait_for_screen, wait_until


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EventStore]:
    """A small event: two tables, four notes, no themes yet."""
    with EventStore.create(tmp_path / "event.json", Event(name="Themes")) as store:
        tables = [DiscussionTable(number=n, name=f"T{n}") for n in (1, 2)]
        notes = [
            Note(table_id=tables[k % 2].id, round_id="r", text=f"note {k}", position=k)
            for k in range(4)
        ]
        store.save_many([*tables, *notes])
        yield store


def theme_named(store: EventStore, name: str) -> Theme:
    return next(t for t in store.all(Theme) if t.name == name)


async def pick(pilot: Pilot[Any], label: str) -> None:
    dialog = await wait_for_screen(pilot, PickDialog)
    options = dialog.query_one(OptionList)
    index = next(
        i
        for i in range(options.option_count)
        if str(options.get_option_at_index(i).prompt) == label
    )
    options.highlighted = index
    await pilot.press("enter")


async def test_bulk_assign_selected_notes_to_a_theme(store: EventStore) -> None:
    async with DiscussionHost(store, ThemesScreen).run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, ThemesScreen)
        await pilot.press("s")  # the six starter themes
        assert len(store.all(Theme)) == 6
        await pilot.press("space", "down", "space")  # space selects and steps down: rows 1 and 3
        selected = set(screen.selected)
        assert len(selected) == 2
        await pilot.press("t")
        await pick(pilot, "Volunteering")
        await wait_for_screen(pilot, ThemesScreen)
        volunteering = theme_named(store, "Volunteering")
        themed = {n.id for n in store.all(Note) if n.theme_id == volunteering.id}
        assert themed == selected
        assert screen.selected == set()
        # the theme's notes across all tables: highlight it on the left
        listing = screen.query_one("#theme-list", OptionList)
        listing.highlighted = next(
            i
            for i in range(listing.option_count)
            if listing.get_option_at_index(i).id == volunteering.id
        )
        await pilot.pause()
        assert screen.query_one("#theme-notes", DataTable).row_count == 2
        assert "2 notes from 2 tables" in str(screen.query_one("#themes-title", Static).content)
        # move one of them to another theme at any time: grouping never locks
        await pilot.press("t")
        await pick(pilot, "Capacity building")
        await wait_for_screen(pilot, ThemesScreen)
        assert sum(n.theme_id == volunteering.id for n in store.all(Note)) == 1


async def test_merging_two_themes_keeps_notes_and_votes(store: EventStore) -> None:
    notes = store.all(Note)
    keep, gone = rules.add_theme([], "Volunteering"), rules.add_theme([], "Volunteers")
    gone = gone.edited(position=1)
    vote = Vote(voter="someone", target_id=gone.id)
    store.save_many(
        [
            keep,
            gone,
            vote,
            *rules.assign_notes(notes, [notes[0].id], keep),
            *rules.assign_notes(notes, [notes[1].id, notes[2].id], gone),
        ]
    )
    async with DiscussionHost(store, ThemesScreen).run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, ThemesScreen)
        listing = screen.query_one("#theme-list", OptionList)
        listing.highlighted = next(
            i for i in range(listing.option_count) if listing.get_option_at_index(i).id == gone.id
        )
        await pilot.pause()
        await pilot.press("m")
        await pick(pilot, "Volunteering")
        await wait_for_screen(pilot, ThemesScreen)
        await wait_until(pilot, lambda: store.get(Theme, gone.id) is None)
        merged = pilot.app.changes[-1]  # one change: the theme gone, its notes and dots moved
        assert merged.kinds == {Theme, Note, Vote} and merged.origin is pilot.app.screen
    assert sum(n.theme_id == keep.id for n in store.all(Note)) == 3
    assert len(store.all(Note)) == 4  # nothing lost
    assert store.get(Vote, vote.id).target_id == keep.id


async def test_a_theme_name_already_used_is_refused_in_the_dialog(store: EventStore) -> None:
    store.save(rules.add_theme([], "Volunteering"))
    async with DiscussionHost(store, ThemesScreen).run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, ThemesScreen)
        await pilot.press("n")
        dialog = await wait_for_screen(pilot, TextDialog)
        for key in "volunteering":
            await pilot.press(key)
        await pilot.press("enter")
        assert "already a theme" in str(dialog.query_one(".form-error", Static).content)
        assert len(store.all(Theme)) == 1


async def test_voting_enforces_the_budget_with_a_clear_message(store: EventStore) -> None:
    theme = rules.add_theme([], "Volunteering")
    store.save_many([theme, DotBudget(dots=2)])
    async with DiscussionHost(store, VotingScreen).run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, VotingScreen)
        await pilot.press("d", "d")
        assert len(store.all(Vote)) == 2
        ranking = screen.query_one("#target-list", DataTable)
        assert ranking.get_cell_at((0, 0)) == "2"  # the ranking moved live
        await pilot.press("d")
        assert len(store.all(Vote)) == 2
        message = "This table has 0 of 2 dots left, so cannot place 1 more."
        assert message in str(screen.query_one("#voting-budget", Static).content)
        assert any(message in n for n in notifications(pilot.app))
        assert "T1 → Volunteering" in str(screen.query_one("#voting-audit", Static).content)
        await pilot.press("w")  # take back one dot: the latest cast goes
        assert len(store.all(Vote)) == 1
        assert ranking.get_cell_at((0, 0)) == "1"
        assert "T1: 1 left" in str(screen.query_one("#voting-budget", Static).content)
        await pilot.press("d", "W")  # take back all of them
        assert store.all(Vote) == []
        await pilot.press("b")
        dialog = await wait_for_screen(pilot, TextDialog)
        dialog.query_one(Input).value = "0"
        await pilot.press("enter")
        assert "between 1 and" in str(dialog.query_one(".form-error", Static).content)
        dialog.query_one(Input).value = "5"
        await pilot.press("enter")
        await wait_for_screen(pilot, VotingScreen)
        assert store.all(DotBudget)[0].dots == 5


async def test_the_voters_are_read_once_off_the_ui_thread(store: EventStore) -> None:
    here = Attendee(first_name="Ada", surname="Here", checked_in_at="2026-11-23T09:00:00+00:00")
    store.save_many([here, Attendee(first_name="Bo", surname="Away")])
    app = DiscussionHost(store, VotingScreen)
    on_the_ui_thread: list[bool] = []
    read = app.session.all

    def counting_reads(kind: Any) -> Any:
        if kind is Attendee:
            on_the_ui_thread.append(threading.current_thread() is threading.main_thread())
        return read(kind)

    app.session.all = counting_reads  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, VotingScreen)
        voters = screen.query_one("#voter-list", OptionList)
        await wait_until(pilot, lambda: voters.option_count == 2)  # the two tables
        await pilot.press("k")  # people vote: those checked in
        assert [str(voters.get_option_at_index(0).prompt)] == ["Ada Here"]
        assert voters.option_count == 1
        await pilot.press("k")
        assert voters.option_count == 2
    assert on_the_ui_thread == [False]


async def test_a_voter_takes_back_one_dot_at_a_time(store: EventStore) -> None:
    theme = rules.add_theme([], "Volunteering")
    table = min(store.all(DiscussionTable), key=lambda t: t.number)
    casts = [Vote(voter=table.id, voter_kind="table", target_id=theme.id) for _ in range(2)]
    store.save_many([theme, DotBudget(dots=3), *casts, casts[1].edited(dots=2)])
    async with DiscussionHost(store, VotingScreen).run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, VotingScreen)
        ranking = screen.query_one("#target-list", DataTable)
        assert ranking.get_cell_at((0, 0)) == "3"
        await pilot.press("w")  # the latest cast held two dots: it keeps one
        assert sorted(v.dots for v in store.all(Vote)) == [1, 1]
        assert ranking.get_cell_at((0, 0)) == "2"
        await pilot.press("w", "w")
        assert store.all(Vote) == []
        await pilot.press("w")  # nothing left: said, not silently ignored
        assert any("no dots on that item" in n for n in notifications(pilot.app))


async def test_the_highlighted_item_is_shown_in_full_under_the_ranking(store: EventStore) -> None:
    theme = rules.add_theme([], "Volunteering")
    long_text = "Set up one shared calendar of community events for the whole borough, kept by"
    long_text += " the volunteer centre"
    store.save_many([theme, Action(theme_id=theme.id, text=long_text)])
    async with DiscussionHost(store, VotingScreen).run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, VotingScreen)
        await pilot.press("tab")  # from the voters to the ranking
        ranking = screen.query_one("#target-list", DataTable)
        assert screen.focused is ranking
        in_full = screen.query_one("#target-in-full", Static)
        assert str(in_full.content) == f"Action: {long_text} (theme: Volunteering)"
        assert ranking.columns["name"].width < len(long_text)  # the ranking cuts it short
        await pilot.press("down")
        assert str(in_full.content) == "Theme: Volunteering"


@pytest.fixture
def grid_store(store: EventStore) -> tuple[EventStore, Theme]:
    """A theme with a typed line, a note placed in "gaps", a note not placed, an action
    with two dots on it."""
    theme = rules.add_theme([], "Information sharing")
    notes = sorted(store.all(Note), key=lambda n: n.position)
    placed = rules.place_note(rules.move_note(notes[0], theme), "gaps")
    loose = rules.move_note(notes[1], theme)
    entry = rules.add_grid_entry([], theme, "needs", "One directory of groups")
    action = Action(theme_id=theme.id, text="Shared calendar")
    votes = [Vote(voter=f"v{k}", target_id=action.id) for k in range(2)]
    store.save_many([theme, placed, loose, entry, action, *votes])
    return store, theme


async def edit_in_dialog(pilot: Pilot[Any], expected: str, text: str) -> None:
    dialog = await wait_for_screen(pilot, TextDialog)
    box = dialog.query_one(Input)
    assert box.value == expected
    box.value = text
    await pilot.press("enter")


async def test_grid_lines_are_edited_and_removed(grid_store: tuple[EventStore, Theme]) -> None:
    store, theme = grid_store
    (entry,) = store.all(GridEntry)
    app = DiscussionHost(store, lambda session: ThemeGridScreen(session, theme.id))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, ThemeGridScreen)
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # notes -> gaps -> ... -> needs
        needs = screen.query_one("#grid-needs", ListView)
        assert screen.focused is needs
        await pilot.press("e")
        await edit_in_dialog(pilot, "One directory of groups", "One directory, kept up to date")
        await wait_for_screen(pilot, ThemeGridScreen)
        assert store.get(GridEntry, entry.id).text == "One directory, kept up to date"
        assert screen.focused is needs
        await pilot.press("delete")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "One directory, kept up to date" in str(dialog.query_one("#message").content)
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: store.all(GridEntry) == [])
        await wait_for_screen(pilot, ThemeGridScreen)
        assert screen.focused is needs
        assert screen.lines["grid-needs"] == []


async def test_a_note_is_edited_and_taken_back_out_of_its_column(
    grid_store: tuple[EventStore, Theme],
) -> None:
    store, theme = grid_store
    placed = next(n for n in store.all(Note) if n.grid_column)
    app = DiscussionHost(store, lambda session: ThemeGridScreen(session, theme.id))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, ThemeGridScreen)
        await pilot.press("shift+tab")
        gaps = screen.query_one("#grid-gaps", ListView)
        assert screen.focused is gaps
        await pilot.press("enter")  # Enter edits in a column, as e does
        await edit_in_dialog(pilot, placed.text, "Groups do not know each other")
        await wait_until(pilot, lambda: store.get(Note, placed.id).text.startswith("Groups"))
        await pilot.press("delete")  # a note only leaves the column: no question asked
        await wait_until(pilot, lambda: store.get(Note, placed.id).grid_column == "")
        note = store.get(Note, placed.id)
        assert note.theme_id == theme.id and note.text == "Groups do not know each other"
        assert len(store.all(Note)) == 4  # never deleted here
        assert screen.lines["grid-gaps"] == [] and screen.focused is gaps
        await pilot.press("tab")  # the notes list: a note in no column stays put
        await pilot.press("delete")
        assert any("deleted in capture" in n for n in notifications(pilot.app))
        assert len(store.all(Note)) == 4


async def test_actions_are_edited_and_removed_with_their_dots(
    grid_store: tuple[EventStore, Theme],
) -> None:
    store, theme = grid_store
    (action,) = store.all(Action)
    app = DiscussionHost(store, lambda session: ThemeGridScreen(session, theme.id))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, ThemeGridScreen)
        await pilot.press("tab")
        assert screen.focused is screen.query_one("#grid-actions", ListView)
        await pilot.press("e")
        await edit_in_dialog(pilot, "Shared calendar", "Shared events calendar")
        await wait_until(pilot, lambda: store.get(Action, action.id).text.endswith("calendar"))
        assert store.get(Action, action.id).text == "Shared events calendar"
        await pilot.press("delete")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "(2) go back to the voters" in str(dialog.query_one("#message").content)
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: store.all(Action) == [])
        assert store.all(Vote) == []  # the dots went back to the voters' budgets


def test_the_grid_keys_are_described_for_the_palette_and_help(
    grid_store: tuple[EventStore, Theme],
) -> None:
    store, theme = grid_store
    described = {b.action: b.description for b in ThemeGridScreen.BINDINGS}  # type: ignore[union-attr]
    assert described["edit"] == "Edit" and described["remove"] == "Remove"
    assert all(described.values())


async def test_shift_tab_moves_between_the_notes_and_the_themes(store: EventStore) -> None:
    store.save_many(list(rules.starter_themes()))
    async with DiscussionHost(store, ThemesScreen).run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, ThemesScreen)
        themes = screen.query_one("#theme-list", OptionList)
        notes = screen.query_one("#theme-notes", DataTable)
        assert screen.focused is notes
        await pilot.press("shift+tab")
        assert screen.focused is themes
        await pilot.press("down")  # the arrows now move in the theme list
        assert screen.showing == "unthemed"
        await pilot.press("tab")
        assert screen.focused is notes
        await pilot.press("t")  # a dialog opens and closes: focus comes back to the notes
        await wait_for_screen(pilot, PickDialog)
        await pilot.press("escape")
        await wait_for_screen(pilot, ThemesScreen)
        assert screen.focused is notes
        await pilot.press("shift+tab")
        assert screen.focused is themes
        await pilot.press("shift+tab")  # round the ring, back to the notes
        assert screen.focused is notes
        commands = {a.description for a in keyed_actions(screen)}
        assert {"Give theme", "Rename", "Merge", "Grid", "Done"} <= commands
        assert "Starter set" not in commands  # all six are here: nothing to add


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_plenary_view_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    store = EventStore(EventCatalog(tmp_path / "sessions").demo())
    try:
        app = DiscussionHost(store, lambda session: PlenaryScreen(session, live=False))

        async def shown(pilot: Pilot[Any]) -> None:
            screen = await wait_for_screen(pilot, PlenaryScreen)
            await wait_until(pilot, lambda: screen.query(".plenary-row"))

        assert snap_compare(app, terminal_size=size, run_before=shown)
    finally:
        store.close()


async def test_the_plenary_shows_the_question_places_with_ties_and_actions(
    store: EventStore,
) -> None:
    themes = [rules.add_theme([], name).edited(position=k) for k, name in enumerate("ABCD")]
    top, second, third, last = themes
    action = Action(theme_id=second.id, text="Pilot a volunteer passport")
    dots = {top.id: 3, second.id: 2, third.id: 2, last.id: 0}
    votes = [Vote(voter=f"v{k}", target_id=t) for t, n in dots.items() for k in range(n)]
    store.save_many([*themes, action, *votes, DiscussionRound(prompt="What matters most?")])
    app = DiscussionHost(store, lambda session: PlenaryScreen(session, live=False))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_screen(pilot, PlenaryScreen)
        await wait_until(pilot, lambda: screen.query(".plenary-row"))
        question = screen.query_one("#plenary-question", Static)
        assert str(question.content) == "What matters most?"
        ranks = [str(d.value) for d in screen.query(".plenary-rank").results(Digits)]
        assert ranks == ["1", "2", "2", "4"]  # places, not dot counts; the tie is shared
        rows = list(screen.query(".plenary-row"))
        joint = [bool(row.query(".plenary-joint")) for row in rows]
        assert joint == [False, True, True, False]
        actions = [str(a.content) for a in rows[1].query(".plenary-action").results(Static)]
        assert actions == ["→ Pilot a volunteer passport"]
        names = list(screen.query(BigTitle))
        assert all(name.is_large for name in names)  # read from the back of the room
        assert names[0].size.height == 3


async def test_a_resize_during_a_timed_refresh_never_shows_the_ranking_twice(
    store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The timer and a resize refresh at the same time, each seeing a different size."""
    store.save_many([rules.add_theme([], name).edited(position=k) for k, name in enumerate("AB")])
    app = DiscussionHost(store, lambda session: PlenaryScreen(session, live=False))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_screen(pilot, PlenaryScreen)
        await wait_until(pilot, lambda: screen.query(".plenary-row"))
        sizes = iter([False, True] * 20)  # each refresh sees the terminal change size
        monkeypatch.setattr(PlenaryScreen, "large", property(lambda self: next(sizes)))

        await asyncio.gather(screen.refresh_ranking(), screen.refresh_ranking())

        await pilot.pause()
        assert len(screen.query(".plenary-row")) == 2


async def test_two_dots_in_a_row_land_on_the_same_item(store: EventStore) -> None:
    """The ranking re-sorts after a dot; the cursor follows the item voted for."""
    first, second = rules.add_theme([], "Alpha"), rules.add_theme([], "Beta").edited(position=1)
    store.save_many([first, second, DotBudget(dots=3)])
    async with DiscussionHost(store, VotingScreen).run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, VotingScreen)
        await pilot.press("tab", "down")  # Beta, second while nobody has voted
        await pilot.press("d", "d")  # Beta goes to the top after the first dot
        assert {v.target_id for v in store.all(Vote)} == {second.id}
        ranking = screen.query_one("#target-list", DataTable)
        assert ranking.cursor_row == 0  # the cursor went up with Beta
        assert "Theme: Beta" in str(screen.query_one("#target-in-full", Static).content)


def footer_keys(screen: Any) -> list[str]:
    return [
        f"{key.key_display} {key.description}"
        for key in screen.query(FooterKey)
        if key.display and key.description
    ]


async def test_the_starter_themes_are_offered_while_there_are_no_themes(store: EventStore) -> None:
    async with DiscussionHost(store, ThemesScreen).run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, ThemesScreen)
        assert "s Starter set" in footer_keys(screen)
        status = str(screen.query_one("#themes-status", Static).content)
        assert status.startswith("No themes yet: s adds the six usual ones (Information sharing")
        await pilot.press("shift+tab")  # the theme list, where the offer is a line of its own
        listing = screen.query_one("#theme-list", OptionList)
        assert str(listing.get_option_at_index(listing.option_count - 1).prompt).startswith(
            "+ The six starter themes"
        )
        listing.highlighted = listing.option_count - 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(store.all(Theme)) == 6)
        await wait_until(pilot, lambda: "s Starter set" not in footer_keys(screen))
        assert "Merge" in {k.split(" ", 1)[1] for k in footer_keys(screen)}
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert not any(p.startswith("+ The six") for p in prompts)


async def test_notes_are_shown_whole_in_the_themes_list_at_80_columns(store: EventStore) -> None:
    long_note = "We run a weekly lunch club with 40 volunteers and a befriending phone line"
    (first, *_) = sorted(store.all(Note), key=lambda n: n.position)
    store.save(first.edited(text=long_note))
    async with DiscussionHost(store, ThemesScreen).run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, ThemesScreen)
        await pilot.pause()
        notes = screen.query_one("#theme-notes", DataTable)
        width = notes.columns["text"].width
        assert width < len(long_note)
        assert str(notes.get_cell(first.id, "text")) == long_note  # never cut
        assert notes.rows[first.id].height >= -(-len(long_note) // width)  # wrapped, all lines


def test_a_title_in_large_letters_is_worked_out_once_per_width() -> None:
    """Laid out and drawn several times a frame: the figlet text is not redone each time."""
    from workshop_app.tui.widgets.big_title import large_lines

    rows = large_lines("Funding and capacity", 60)
    assert rows is not None and large_lines("Funding and capacity", 60) is rows
    assert len(rows) == 3 and len(large_lines("Funding and capacity", 40) or ()) == 6
    assert large_lines("Ó Briain", 200) is None  # a letter the font lacks: bold instead
