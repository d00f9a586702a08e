"""Table discussions as data: rounds, notes, themes, the three-column grid and dot votes.

Every value is a frozen record and every rule a pure function that returns new values, so
the store saves exactly what a function hands back. Nothing typed is ever thrown away:
theming, moving and merging only re-point notes, grid entries, actions and votes; a note
that never gets a theme is still kept (and reported as "other comments").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, NamedTuple, TypeVar

from workshop_app.core.models import DiscussionRound as DiscussionRound  # re-exported
from workshop_app.core.models import Record

# The themes that keep coming up in council community-strategy work; a starting point
# the facilitator renames, merges or adds to.
STARTER_THEME_NAMES: tuple[str, ...] = (
    "Information sharing",
    "Consultation and engagement",
    "Resource efficiency",
    "Commissioning and procurement",
    "Capacity building",
    "Volunteering",
)


class GridColumn(StrEnum):
    """The three questions asked of every theme, in the order the grid shows them."""

    NEEDS = "needs"
    HAPPENING = "happening"
    GAPS = "gaps"


GRID_COLUMNS: frozenset[str] = frozenset(c.value for c in GridColumn)
GRID_COLUMN_TITLES: dict[str, str] = {
    GridColumn.NEEDS: "What needs to happen",
    GridColumn.HAPPENING: "What is already happening",
    GridColumn.GAPS: "What are the gaps",
}


class VoterKind(StrEnum):
    """Dots are given by a person, or by a table voting together."""

    PERSON = "person"
    TABLE = "table"


@dataclass(frozen=True, kw_only=True)
class Note(Record):
    """One thing a table said, as the scribe typed it."""

    table: ClassVar[str] = "notes"

    table_id: str = ""
    round_id: str = ""
    text: str = ""
    theme_id: str = ""  # "" until it is themed; unthemed notes are kept all the same
    grid_column: str = ""  # "" or a GridColumn: where it sits in its theme's grid
    position: int = 0  # order among the notes of its table and round

    def __post_init__(self) -> None:
        if self.grid_column and self.grid_column not in GRID_COLUMNS:
            raise ValueError(f"Unknown grid column {self.grid_column!r}.")


@dataclass(frozen=True, kw_only=True)
class Theme(Record):
    """A heading the notes are grouped under."""

    table: ClassVar[str] = "themes"

    name: str
    position: int = 0  # order on the themes board


@dataclass(frozen=True, kw_only=True)
class GridEntry(Record):
    """A line typed straight into one column of a theme's grid (not from a note)."""

    table: ClassVar[str] = "grid_entries"

    theme_id: str
    column: str
    text: str = ""
    position: int = 0

    def __post_init__(self) -> None:
        if self.column not in GRID_COLUMNS:
            raise ValueError(f"Unknown grid column {self.column!r}.")


@dataclass(frozen=True, kw_only=True)
class Action(Record):
    """Something to be done about a theme; people can put dots on it too."""

    table: ClassVar[str] = "actions"

    theme_id: str
    text: str = ""
    position: int = 0


@dataclass(frozen=True, kw_only=True)
class Vote(Record):
    """Dots one voter put on one theme or action; kept per cast so it can be audited."""

    table: ClassVar[str] = "votes"

    voter: str  # a person's or a table's id
    voter_kind: str = VoterKind.PERSON.value
    target_id: str  # a theme's or an action's id
    dots: int = 1

    def __post_init__(self) -> None:
        if self.voter_kind not in {k.value for k in VoterKind}:
            raise ValueError(f"Unknown kind of voter {self.voter_kind!r}.")
        if self.dots < 1:
            raise ValueError(f"A vote needs at least one dot, not {self.dots}.")


class ThemeRank(NamedTuple):
    """One line of the plenary ranking: unpacks as (theme, dots, note_count, table_count)."""

    theme: Theme
    dots: int
    note_count: int
    table_count: int


@dataclass(frozen=True)
class ThemeMerge:
    """What merging two themes changed; save all of it, then delete `removed_theme_id`."""

    theme: Theme  # the surviving theme
    notes: tuple[Note, ...]  # notes moved from the removed theme
    grid_entries: tuple[GridEntry, ...]
    actions: tuple[Action, ...]
    votes: tuple[Vote, ...]  # votes re-pointed at the surviving theme
    removed_theme_id: str


def starter_themes() -> tuple[Theme, ...]:
    """Fresh records for the six usual themes, in their usual order."""
    return tuple(Theme(name=name, position=i) for i, name in enumerate(STARTER_THEME_NAMES))


def add_note(notes: Sequence[Note], *, table_id: str, round_id: str, text: str) -> Note:
    """A new note at the end of its table's list for that round."""
    if not text.strip():
        raise ValueError("A note needs some text.")
    same_list = [n.position for n in notes if (n.table_id, n.round_id) == (table_id, round_id)]
    position = max(same_list, default=-1) + 1
    return Note(table_id=table_id, round_id=round_id, text=text.strip(), position=position)


def add_theme(themes: Sequence[Theme], name: str) -> Theme:
    """A new theme at the end of the board; names are unique ignoring case and spacing."""
    clean = _unique_name(themes, name, renaming_id="")
    return Theme(name=clean, position=max((t.position for t in themes), default=-1) + 1)


def rename_theme(themes: Sequence[Theme], theme_id: str, name: str) -> Theme:
    """The theme with its new name; refuses a name another theme already has."""
    theme = _find(themes, theme_id, "theme")
    return theme.edited(name=_unique_name(themes, name, renaming_id=theme_id))


def assign_notes(
    notes: Sequence[Note], note_ids: Iterable[str], theme: Theme | None
) -> tuple[Note, ...]:
    """Put many notes under one theme at once (None takes them out of any theme).

    Returns only the notes that changed, ready to save. See `move_note` for the grid.
    """
    wanted = list(dict.fromkeys(note_ids))
    by_id = {n.id: n for n in notes}
    if missing := [i for i in wanted if i not in by_id]:
        raise ValueError(f"No such notes: {', '.join(missing)}.")
    moved = (move_note(by_id[i], theme) for i in wanted)
    return tuple(n for n in moved if n is not by_id[n.id])


def move_note(note: Note, theme: Theme | None) -> Note:
    """The note under another theme (or none). Unchanged value if it is already there.

    A note keeps its grid column when it moves between themes (a gap is still a gap);
    a note taken out of every theme leaves the grid, which belongs to a theme.
    """
    theme_id = theme.id if theme is not None else ""
    if note.theme_id == theme_id:
        return note
    return note.edited(theme_id=theme_id, grid_column=note.grid_column if theme_id else "")


def merge_themes(
    themes: Sequence[Theme],
    notes: Sequence[Note],
    grid_entries: Sequence[GridEntry],
    actions: Sequence[Action],
    votes: Sequence[Vote],
    *,
    keep_id: str,
    remove_id: str,
    name: str = "",
) -> ThemeMerge:
    """Fold one theme into another: its notes, grid lines, actions and dots follow it.

    Votes are re-pointed, not combined, so the audit trail of who gave which dots stays
    intact and nobody's budget changes. `name` optionally renames the surviving theme.
    """
    if keep_id == remove_id:
        raise ValueError("Cannot merge a theme into itself.")
    keep = _find(themes, keep_id, "theme")
    _find(themes, remove_id, "theme")
    if name:
        others = [t for t in themes if t.id != remove_id]
        keep = keep.edited(name=_unique_name(others, name, renaming_id=keep_id))
    return ThemeMerge(
        theme=keep,
        notes=tuple(n.edited(theme_id=keep_id) for n in notes if n.theme_id == remove_id),
        grid_entries=tuple(
            e.edited(theme_id=keep_id) for e in grid_entries if e.theme_id == remove_id
        ),
        actions=tuple(a.edited(theme_id=keep_id) for a in actions if a.theme_id == remove_id),
        votes=tuple(v.edited(target_id=keep_id) for v in votes if v.target_id == remove_id),
        removed_theme_id=remove_id,
    )


def unthemed_notes(notes: Iterable[Note]) -> tuple[Note, ...]:
    """Notes no theme has claimed: kept, and reported as "other comments"."""
    return tuple(n for n in notes if not n.theme_id)


def place_note(note: Note, column: str) -> Note:
    """Put a themed note in one column of its theme's grid ("" takes it out of the grid)."""
    if column and column not in GRID_COLUMNS:
        raise ValueError(f"Unknown grid column {column!r}.")
    if column and not note.theme_id:
        raise ValueError("Give the note a theme before placing it in a grid column.")
    return note if note.grid_column == column else note.edited(grid_column=column)


def add_grid_entry(
    grid_entries: Sequence[GridEntry], theme: Theme, column: str, text: str
) -> GridEntry:
    """A line typed into a theme's grid column, at the end of that column."""
    if not text.strip():
        raise ValueError("A grid entry needs some text.")
    same = [e.position for e in grid_entries if (e.theme_id, e.column) == (theme.id, column)]
    position = max(same, default=-1) + 1
    return GridEntry(theme_id=theme.id, column=column, text=text.strip(), position=position)


def theme_grid(
    theme: Theme, grid_entries: Iterable[GridEntry], notes: Iterable[Note]
) -> dict[str, tuple[str, ...]]:
    """Column -> texts for one theme: typed entries first, then notes placed there.

    Every column is present (possibly empty) in the order the grid is shown.
    """
    entries, placed_notes = list(grid_entries), list(notes)  # read once per column
    grid: dict[str, tuple[str, ...]] = {}
    for column in GridColumn:
        here = (theme.id, column)
        typed = _in_order(e for e in entries if (e.theme_id, e.column) == here)
        placed = _in_order(n for n in placed_notes if (n.theme_id, n.grid_column) == here)
        grid[column.value] = tuple(x.text for x in (*typed, *placed))
    return grid


def dots_used(votes: Iterable[Vote], voter: str) -> int:
    """How many of their dots a voter has already placed."""
    return sum(v.dots for v in votes if v.voter == voter)


def cast_vote(
    votes: Sequence[Vote],
    voter: str,
    target: Theme | Action,
    budget: int,
    *,
    voter_kind: str = VoterKind.PERSON.value,
    dots: int = 1,
) -> tuple[Vote, ...]:
    """All votes plus this one; refuses, with a message to show, if it would go over budget.

    Each cast is its own record (voter, kind, target, dots, time) so the tally can be
    audited and a mistaken dot withdrawn.
    """
    used = dots_used(votes, voter)
    if used + dots > budget:
        left = max(budget - used, 0)
        raise ValueError(
            f"This {voter_kind} has {left} of {budget} dots left, so cannot place {dots} more."
        )
    vote = Vote(voter=voter, voter_kind=voter_kind, target_id=target.id, dots=dots)
    return (*votes, vote)


def withdraw_votes(votes: Sequence[Vote], voter: str, target_id: str) -> tuple[Vote, ...]:
    """All votes except this voter's on this target: their dots go back to their budget."""
    return tuple(v for v in votes if (v.voter, v.target_id) != (voter, target_id))


def votes_by_voter(votes: Iterable[Vote]) -> dict[str, tuple[Vote, ...]]:
    """Voter id -> their votes in the order cast, for auditing the tally."""
    grouped: dict[str, list[Vote]] = {}
    for vote in votes:
        grouped.setdefault(vote.voter, []).append(vote)
    return {voter: tuple(cast) for voter, cast in grouped.items()}


def dots_by_target(votes: Iterable[Vote]) -> dict[str, int]:
    """Target id (theme or action) -> dots it received."""
    totals: Counter[str] = Counter()
    for vote in votes:
        totals[vote.target_id] += vote.dots
    return dict(totals)


def ranking(
    themes: Iterable[Theme], votes: Iterable[Vote], notes: Iterable[Note]
) -> list[ThemeRank]:
    """Themes by dots (most first), then name, for the plenary screen.

    Counts dots placed on the theme itself (dots on its actions are in `dots_by_target`),
    the notes under it and how many tables those notes came from.
    """
    dots = dots_by_target(votes)
    note_count: Counter[str] = Counter()
    tables: dict[str, set[str]] = {}
    for note in notes:
        if note.theme_id:
            note_count[note.theme_id] += 1
            if note.table_id:
                tables.setdefault(note.theme_id, set()).add(note.table_id)
    ranks = [
        ThemeRank(t, dots.get(t.id, 0), note_count[t.id], len(tables.get(t.id, ()))) for t in themes
    ]
    return sorted(ranks, key=lambda r: (-r.dots, r.theme.name.casefold(), r.theme.id))


_Item = TypeVar("_Item", GridEntry, Note)
_Found = TypeVar("_Found", bound=Record)


def _in_order(items: Iterable[_Item]) -> list[_Item]:
    return sorted(items, key=lambda item: (item.position, item.created))


def _find(records: Sequence[_Found], record_id: str, kind: str) -> _Found:
    for record in records:
        if record.id == record_id:
            return record
    raise ValueError(f"No {kind} with id {record_id!r}.")


def _unique_name(themes: Sequence[Theme], name: str, *, renaming_id: str) -> str:
    """The name tidied of extra spaces; refuses a blank name or one already in use."""
    clean = " ".join(name.split())
    if not clean:
        raise ValueError("A theme needs a name.")
    for other in themes:
        if other.id != renaming_id and " ".join(other.name.split()).casefold() == clean.casefold():
            raise ValueError(f"There is already a theme called {other.name!r}; merge instead?")
    return clean
