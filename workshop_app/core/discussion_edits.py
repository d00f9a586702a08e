"""Correcting the discussion after the fact: grid lines and actions edited or removed,
notes taken back out of a grid column, and a single mistaken dot taken back.

Pure functions over the frozen records of core/discussion.py; each returns what to save
and what to delete, so the screens only carry it out. A note is never deleted here:
taking it out of a column only clears its column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workshop_app.core.discussion import (
    Action,
    GridColumn,
    GridEntry,
    Note,
    Theme,
    Vote,
    place_note,
)

GridItem = GridEntry | Note


@dataclass(frozen=True)
class DotWithdrawal:
    """One dot taken back: save `changed` (a cast of several dots, one fewer) or delete
    the cast with id `removed_vote_id` (it held the last dot)."""

    changed: Vote | None
    removed_vote_id: str


def grid_items(
    theme: Theme, grid_entries: Iterable[GridEntry], notes: Iterable[Note]
) -> dict[str, tuple[GridItem, ...]]:
    """Column -> the records in it for one theme: typed entries first, then placed notes.

    The same order as `discussion.theme_grid`, but the records themselves, so a screen
    can edit or remove the one highlighted.
    """
    entries, placed_notes = list(grid_entries), list(notes)
    grid: dict[str, tuple[GridItem, ...]] = {}
    for column in GridColumn:
        here = (theme.id, column.value)
        typed = sorted(
            (e for e in entries if (e.theme_id, e.column) == here),
            key=lambda e: (e.position, e.created),
        )
        placed = sorted(
            (n for n in placed_notes if (n.theme_id, n.grid_column) == here),
            key=lambda n: (n.position, n.created),
        )
        grid[column.value] = (*typed, *placed)
    return grid


def edit_grid_entry(entry: GridEntry, text: str) -> GridEntry:
    """The entry with new text; refuses a blank line (remove the entry instead)."""
    return entry.edited(text=_text(text, "A grid entry"))


def edit_note_text(note: Note, text: str) -> Note:
    """The note with its wording corrected; it keeps its theme and column."""
    return note.edited(text=_text(text, "A note"))


def take_out_of_grid(note: Note) -> Note:
    """The note back out of its column, still under its theme (and never deleted)."""
    return place_note(note, "")


def edit_action(action: Action, text: str) -> Action:
    """The action with new text; refuses a blank one (remove the action instead)."""
    return action.edited(text=_text(text, "An action"))


def votes_on(votes: Iterable[Vote], target_id: str) -> tuple[Vote, ...]:
    """The casts on one theme or action: deleted with it, so those dots go back."""
    return tuple(v for v in votes if v.target_id == target_id)


def withdraw_one_dot(votes: Sequence[Vote], voter: str, target_id: str) -> DotWithdrawal:
    """Take back the voter's most recent dot on the target; ValueError if they have none."""
    mine = [v for v in votes if (v.voter, v.target_id) == (voter, target_id)]
    if not mine:
        raise ValueError("This voter has no dots on that item to take back.")
    latest = max(mine, key=lambda v: (v.created, v.id))
    if latest.dots > 1:
        return DotWithdrawal(latest.edited(dots=latest.dots - 1), "")
    return DotWithdrawal(None, latest.id)


def _text(text: str, what: str) -> str:
    clean = text.strip()
    if not clean:
        raise ValueError(f"{what} needs some text.")
    return clean
