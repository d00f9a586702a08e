"""Discussion rules: notes kept, themes assigned/moved/merged/renamed, grid, dot votes, ranking."""

from __future__ import annotations

import ast
import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_app.core import discussion
from workshop_app.core.discussion import (
    GRID_COLUMN_TITLES,
    STARTER_THEME_NAMES,
    Action,
    DiscussionRound,
    GridColumn,
    GridEntry,
    Note,
    Theme,
    ThemeRank,
    Vote,
    add_grid_entry,
    add_note,
    add_theme,
    assign_notes,
    cast_vote,
    dots_by_target,
    dots_used,
    merge_themes,
    move_note,
    place_note,
    ranking,
    rename_theme,
    starter_themes,
    theme_grid,
    unthemed_notes,
    votes_by_voter,
    withdraw_votes,
)

PROPERTY_SETTINGS = settings(max_examples=50, deadline=None, database=None)


def note(
    nid: str,
    text: str = "",
    *,
    table: str = "t1",
    theme: str = "",
    column: str = "",
    position: int = 0,
) -> Note:
    return Note(
        id=nid,
        table_id=table,
        round_id="r1",
        text=text or nid,
        theme_id=theme,
        grid_column=column,
        position=position,
    )


# --- notes and themes ----------------------------------------------------------------------


def test_starter_themes_are_the_six_council_strategy_themes_in_order():
    themes = starter_themes()
    assert [t.name for t in themes] == [
        "Information sharing",
        "Consultation and engagement",
        "Resource efficiency",
        "Commissioning and procurement",
        "Capacity building",
        "Volunteering",
    ]
    assert [t.position for t in themes] == list(range(6))
    assert len({t.id for t in themes}) == 6
    assert tuple(t.name for t in themes) == STARTER_THEME_NAMES


def test_notes_are_numbered_within_their_table_and_round():
    first = add_note([], table_id="t1", round_id="r1", text="  Share data across partners ")
    second = add_note([first], table_id="t1", round_id="r1", text="Joint training")
    other_table = add_note([first, second], table_id="t2", round_id="r1", text="Hubs")

    assert (first.text, first.position, first.theme_id) == ("Share data across partners", 0, "")
    assert (second.position, other_table.position) == (1, 0)
    with pytest.raises(ValueError, match="text"):
        add_note([], table_id="t1", round_id="r1", text="   ")


def test_a_round_records_its_question_and_length():
    question = "How are you contributing to social action in your communities?"
    assert DiscussionRound(number=2, prompt=question, minutes=25).minutes == 25


def test_assigning_notes_in_bulk_returns_only_the_changed_notes():
    theme = Theme(name="Volunteering")
    notes = [note("a"), note("b"), note("c", theme=theme.id)]

    changed = assign_notes(notes, ["a", "b", "c", "a"], theme)

    assert [n.id for n in changed] == ["a", "b"]
    assert all(n.theme_id == theme.id for n in changed)
    assert all(n.updated >= old.updated for n, old in zip(changed, notes, strict=False))
    with pytest.raises(ValueError, match="No such notes: zzz"):
        assign_notes(notes, ["zzz"], theme)


def test_moving_a_note_keeps_its_grid_column_but_unthemed_notes_leave_the_grid():
    old, new = Theme(name="Old"), Theme(name="New")
    placed = note("a", theme=old.id, column="gaps")

    moved = move_note(placed, new)
    assert (moved.theme_id, moved.grid_column) == (new.id, "gaps")
    assert move_note(moved, new) is moved

    unthemed = move_note(moved, None)
    assert (unthemed.theme_id, unthemed.grid_column, unthemed.text) == ("", "", "a")
    assert unthemed_notes([unthemed, moved]) == (unthemed,)


def test_renaming_tidies_spaces_and_refuses_blank_or_taken_names():
    themes = starter_themes()
    renamed = rename_theme(themes, themes[0].id, "  Data   sharing ")
    assert (renamed.id, renamed.name) == (themes[0].id, "Data sharing")

    assert rename_theme(themes, themes[0].id, "INFORMATION sharing").name == "INFORMATION sharing"
    with pytest.raises(ValueError, match="already a theme called 'Volunteering'"):
        rename_theme(themes, themes[0].id, "volunteering")
    with pytest.raises(ValueError, match="needs a name"):
        rename_theme(themes, themes[0].id, "  ")
    with pytest.raises(ValueError, match="No theme"):
        rename_theme(themes, "missing", "Anything")


def test_a_new_theme_goes_at_the_end_and_must_be_new():
    themes = starter_themes()
    added = add_theme(themes, "Health inequalities")
    assert added.position == 6
    with pytest.raises(ValueError, match="already"):
        add_theme(themes, " capacity  BUILDING")


# --- merging -------------------------------------------------------------------------------


def test_merging_moves_notes_grid_lines_actions_and_votes_to_the_survivor():
    keep, gone, other = Theme(name="Volunteering"), Theme(name="Volunteers"), Theme(name="Hubs")
    notes = [note("a", theme=keep.id), note("b", theme=gone.id, column="needs"), note("c")]
    entries = [GridEntry(theme_id=gone.id, column="gaps", text="No DBS budget")]
    actions = [Action(theme_id=gone.id, text="Shared volunteer passport")]
    votes = [
        Vote(voter="p1", target_id=gone.id, dots=2),
        Vote(voter="p2", target_id=keep.id),
        Vote(voter="p3", target_id=other.id),
    ]

    merge = merge_themes(
        [keep, gone, other], notes, entries, actions, votes, keep_id=keep.id, remove_id=gone.id
    )

    assert merge.theme == keep
    assert merge.removed_theme_id == gone.id
    assert [(n.id, n.theme_id, n.grid_column) for n in merge.notes] == [("b", keep.id, "needs")]
    assert [e.theme_id for e in merge.grid_entries] == [keep.id]
    assert [a.theme_id for a in merge.actions] == [keep.id]
    assert [(v.voter, v.target_id, v.dots) for v in merge.votes] == [("p1", keep.id, 2)]
    assert merge.votes[0].id == votes[0].id  # re-pointed, not replaced: the audit trail stays


def test_merging_can_rename_and_refuses_nonsense():
    keep, gone = Theme(name="Volunteering"), Theme(name="Volunteers")
    themes = [keep, gone]

    merged = merge_themes(
        themes, [], [], [], [], keep_id=keep.id, remove_id=gone.id, name="Volunteers"
    )
    assert merged.theme.name == "Volunteers"  # the removed theme's name is free to take
    with pytest.raises(ValueError, match="itself"):
        merge_themes(themes, [], [], [], [], keep_id=keep.id, remove_id=keep.id)
    with pytest.raises(ValueError, match="No theme"):
        merge_themes(themes, [], [], [], [], keep_id=keep.id, remove_id="missing")


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(["keep", "gone", "other", ""]), max_size=30))
def test_merging_never_loses_a_note(theme_ids):
    themes = {key: Theme(id=key, name=key) for key in ["keep", "gone", "other"]}
    notes = [note(f"n{i}", theme=key) for i, key in enumerate(theme_ids)]

    merge = merge_themes(list(themes.values()), notes, [], [], [], keep_id="keep", remove_id="gone")
    saved = {n.id: n for n in notes} | {n.id: n for n in merge.notes}

    assert len(saved) == len(notes)
    assert not any(n.theme_id == "gone" for n in saved.values())
    assert sum(n.theme_id == "keep" for n in saved.values()) == theme_ids.count("keep") + (
        theme_ids.count("gone")
    )


# --- grid ----------------------------------------------------------------------------------


def test_grid_has_three_columns_with_typed_lines_then_placed_notes():
    theme, other = Theme(name="Information sharing"), Theme(name="Other")
    first = add_grid_entry([], theme, "needs", "A shared directory")
    second = add_grid_entry([first], theme, "needs", "One data-sharing agreement")
    entries = [second, first, GridEntry(theme_id=other.id, column="needs", text="elsewhere")]
    notes = [
        place_note(note("n2", "Newsletter exists", theme=theme.id, position=2), "happening"),
        place_note(note("n1", "Forum meets monthly", theme=theme.id, position=1), "happening"),
        note("n3", "Unplaced", theme=theme.id),
        note("n4", "Gap elsewhere", theme=other.id, column="gaps"),
    ]

    grid = theme_grid(theme, entries, notes)

    assert list(grid) == ["needs", "happening", "gaps"]
    assert grid == {
        "needs": ("A shared directory", "One data-sharing agreement"),
        "happening": ("Forum meets monthly", "Newsletter exists"),
        "gaps": (),
    }
    assert [GRID_COLUMN_TITLES[c] for c in GridColumn] == [
        "What needs to happen",
        "What is already happening",
        "What are the gaps",
    ]


def test_grid_columns_are_checked():
    themed = note("a", theme="t")
    with pytest.raises(ValueError, match="Unknown grid column"):
        place_note(themed, "wishes")
    with pytest.raises(ValueError, match="theme before"):
        place_note(note("b"), "needs")
    with pytest.raises(ValueError, match="Unknown grid column"):
        GridEntry(theme_id="t", column="later")
    assert place_note(place_note(themed, "gaps"), "").grid_column == ""


# --- votes and ranking ---------------------------------------------------------------------


def test_votes_are_refused_over_budget_with_a_clear_message():
    theme = Theme(name="Volunteering")
    votes = cast_vote((), "p1", theme, budget=3, dots=2)
    votes = cast_vote(votes, "p1", theme, budget=3)

    assert dots_used(votes, "p1") == 3
    with pytest.raises(ValueError, match=r"This person has 0 of 3 dots left, so cannot place 1"):
        cast_vote(votes, "p1", theme, budget=3)
    table_votes = cast_vote(votes, "t1", theme, budget=5, voter_kind="table", dots=5)
    assert table_votes[-1].voter_kind == "table"
    with pytest.raises(ValueError, match="This table has 5 of 5"):
        cast_vote(votes, "t1", theme, budget=5, voter_kind="table", dots=6)


def test_a_vote_needs_a_known_voter_kind_and_at_least_one_dot():
    with pytest.raises(ValueError, match="kind of voter"):
        Vote(voter="x", voter_kind="crowd", target_id="t")
    with pytest.raises(ValueError, match="at least one dot"):
        cast_vote((), "p1", Theme(name="T"), budget=3, dots=0)


def test_votes_can_be_audited_by_voter_and_withdrawn():
    theme, action = Theme(name="Volunteering"), Action(theme_id="x", text="Passport")
    votes = cast_vote((), "p1", theme, budget=5)
    votes = cast_vote(votes, "p2", action, budget=5, dots=2)
    votes = cast_vote(votes, "p1", action, budget=5)

    audit = votes_by_voter(votes)
    assert list(audit) == ["p1", "p2"]
    assert [v.target_id for v in audit["p1"]] == [theme.id, action.id]
    assert dots_by_target(votes) == {theme.id: 1, action.id: 3}

    remaining = withdraw_votes(votes, "p1", action.id)
    assert dots_used(remaining, "p1") == 1
    assert dots_by_target(remaining) == {theme.id: 1, action.id: 2}


@PROPERTY_SETTINGS
@given(
    st.lists(st.tuples(st.sampled_from(["p1", "p2", "t1"]), st.integers(1, 4)), max_size=25),
    st.integers(0, 8),
)
def test_no_voter_ever_goes_over_budget(attempts, budget):
    theme = Theme(name="Any")
    votes: tuple[Vote, ...] = ()
    for voter, dots in attempts:
        try:
            votes = cast_vote(votes, voter, theme, budget, dots=dots)
        except ValueError:
            assert dots_used(votes, voter) + dots > budget
    assert all(dots_used(votes, voter) <= budget for voter in votes_by_voter(votes))


def test_ranking_orders_by_dots_then_name_with_note_and_table_counts():
    hubs, data, vols = Theme(name="hubs"), Theme(name="Data"), Theme(name="Volunteering")
    notes = [
        note("a", table="t1", theme=vols.id),
        note("b", table="t2", theme=vols.id),
        note("c", table="t2", theme=vols.id),
        note("d", table="t3", theme=data.id),
        note("e", table="t3"),
    ]
    votes = cast_vote((), "p1", vols, budget=9, dots=3)
    votes = cast_vote(votes, "p2", hubs, budget=9, dots=1)
    votes = cast_vote(votes, "p3", data, budget=9, dots=1)

    ranks = ranking([hubs, data, vols], votes, notes)

    assert ranks == [ThemeRank(vols, 3, 3, 2), ThemeRank(data, 1, 1, 1), ThemeRank(hubs, 1, 0, 0)]
    theme, dots, note_count, table_count = ranks[0]
    assert (theme.name, dots, note_count, table_count) == ("Volunteering", 3, 3, 2)


# --- layer rules ---------------------------------------------------------------------------


def test_records_survive_a_json_round_trip_for_the_store():
    for record in [
        DiscussionRound(number=1, prompt="Q?", minutes=20),
        note("a", theme="t", column="needs"),
        Theme(name="Volunteering", position=5),
        GridEntry(theme_id="t", column="gaps", text="No budget"),
        Action(theme_id="t", text="Passport"),
        Vote(voter="t1", voter_kind="table", target_id="t", dots=2),
    ]:
        data = json.loads(json.dumps(dataclasses.asdict(record)))
        assert type(record)(**data) == record


def test_discussion_stays_pure():
    """Core must not reach for the TUI, the database or files (see DESIGN.md)."""
    tree = ast.parse(Path(discussion.__file__).read_text(encoding="utf-8"))
    imported = {
        a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    imported |= {
        (n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
    }
    assert imported.isdisjoint({"textual", "tinydb", "pathlib", "os", "io", "shutil", "json"})
    calls = {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    assert "open" not in calls


def test_one_dot_is_taken_back_at_a_time_latest_first():
    from workshop_app.core.discussion_edits import withdraw_one_dot

    first = Vote(voter="t1", target_id="x", created="2026-01-01T10:00:00+00:00")
    latest = Vote(voter="t1", target_id="x", dots=2, created="2026-01-01T10:05:00+00:00")
    other = Vote(voter="t2", target_id="x")
    taken = withdraw_one_dot([first, latest, other], "t1", "x")
    assert taken.changed is not None and taken.changed.id == latest.id and taken.changed.dots == 1
    taken = withdraw_one_dot([first, other], "t1", "x")
    assert (taken.changed, taken.removed_vote_id) == (None, first.id)
    with pytest.raises(ValueError, match="no dots"):
        withdraw_one_dot([other], "t1", "x")
