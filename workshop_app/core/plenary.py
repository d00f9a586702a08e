"""What the plenary shows: places with ties, and each theme's top actions.

Places follow standard competition ranking ("1, 2=, 2=, 4"), as people read a league
table: themes with the same dots share a place, and the next place skips as many as
shared it, so nobody's theme looks ahead of an equal one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from workshop_app.core.discussion import (
    Action,
    GridColumn,
    GridEntry,
    Note,
    Theme,
    Vote,
    dots_by_target,
    theme_grid,
)


class Place(NamedTuple):
    """A place in the ranking; `tied` when another item has the same count."""

    rank: int
    tied: bool

    @property
    def label(self) -> str:
        """ "2=" for a shared second place, "4" for a place of its own."""
        return f"{self.rank}=" if self.tied else str(self.rank)


class TopAction(NamedTuple):
    """One thing to be done about a theme, with the dots people put on it (0 for a line
    of the grid's "what needs to happen", which cannot take dots)."""

    text: str
    dots: int


def competition_ranks(counts: Sequence[int]) -> tuple[Place, ...]:
    """The place of each count, most first: one more than the counts strictly above it.

    Works in any order; for counts sorted most first the places never go down.
    """
    seen: dict[int, int] = {}
    for value in counts:
        seen[value] = seen.get(value, 0) + 1
    above = {value: sum(n for other, n in seen.items() if other > value) for value in seen}
    return tuple(Place(above[value] + 1, seen[value] > 1) for value in counts)


def top_actions(
    theme: Theme,
    actions: Iterable[Action],
    votes: Iterable[Vote],
    grid_entries: Iterable[GridEntry],
    notes: Iterable[Note],
    limit: int,
) -> tuple[TopAction, ...]:
    """Up to `limit` things to be done about the theme: its actions, most dots first,
    then the lines of its grid's "what needs to happen" that no action repeats."""
    dots = dots_by_target(votes)
    own = sorted(
        (a for a in actions if a.theme_id == theme.id and a.text.strip()),
        key=lambda a: (-dots.get(a.id, 0), a.position, a.created),
    )
    found = [TopAction(a.text, dots.get(a.id, 0)) for a in own]
    said = {a.text.casefold() for a in found}
    for line in theme_grid(theme, grid_entries, notes)[GridColumn.NEEDS.value]:
        if line.casefold() not in said:
            said.add(line.casefold())
            found.append(TopAction(line, 0))
    return tuple(found[: max(limit, 0)])
