"""The saved set-up of a surname-split workshop session, and the allocation it gives.

`core.allocation` holds the rules; this module holds what the facilitator decided
(rounds and their times, who counts, how boundaries are drawn, pins and moves) as
records the store can keep, and turns them into an `Allocation`.

The ranges a recompute chooses are saved with the plan (`chosen_ranges`). Signs are
printed from them and the desk and kiosk give routes from them, so a walk-in who checks
in later is told the same room the sign says, until the facilitator recomputes.

Pure: no Textual, no store. The store is read through a `read_all(kind)` callable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar, Literal, TypeVar

from workshop_app.core.allocation import Allocation, GroupMove, Pin, allocate
from workshop_app.core.clock import now_iso
from workshop_app.core.models import Attendee, Record, Workshop
from workshop_app.core.surnames import (
    LetterRange,
    RangeError,
    filing_key,
    parse_ranges,
)

if TYPE_CHECKING:
    from workshop_app.core.search import SearchIndex

R = TypeVar("R", bound=Record)
BoundaryMode = Literal["auto", "letters", "two_letters"]
BOUNDARY_MODES: tuple[BoundaryMode, ...] = ("auto", "letters", "two_letters")
BOUNDARY_LABELS = {
    "auto": "whole letters unless they cannot balance the rooms",
    "letters": "whole letters only",
    "two_letters": "two-letter boundaries",
}


@dataclass(frozen=True, kw_only=True)
class WorkshopRound(Record):
    """One rotation of the groups; round `number` 1 is when group i is in workshop i."""

    table: ClassVar[str] = "workshop_rounds"

    number: int = 1
    starts: str = ""  # "HH:MM", blank when not fixed
    ends: str = ""

    @property
    def times(self) -> str:
        """ "10:30–11:30", "from 10:30", or "" when no time is set."""
        if self.starts and self.ends:
            return f"{self.starts}\u2013{self.ends}"
        if self.starts:
            return f"from {self.starts}"
        return f"until {self.ends}" if self.ends else ""

    @property
    def label(self) -> str:
        """ "Round 1, 10:30–11:30" as a sign or a list heading says it."""
        return f"Round {self.number}, {self.times}" if self.times else f"Round {self.number}"


@dataclass(frozen=True, kw_only=True)
class WorkshopPlan(Record):
    """How the split is made. One per event; the newest wins after a merge."""

    table: ClassVar[str] = "workshop_plan"

    only_checked_in: bool = False  # count only people who have checked in
    boundaries: str = "auto"  # one of BOUNDARY_MODES
    typed_ranges: str = ""  # ranges typed by hand, e.g. "A-J, K-Z"; "" = choose the best
    particles_last: bool = False  # file "van der Berg" under B
    chosen_ranges: str = ""  # what the last recompute chose, e.g. "A–J, K–Z"
    chosen_reason: str = ""  # why it chose them
    computed_at: str = ""  # when (ISO), "" before the first recompute


@dataclass(frozen=True, kw_only=True)
class AllocationPin(Record):
    """Someone who stays in one workshop every round, e.g. for step-free access."""

    table: ClassVar[str] = "allocation_pins"

    attendee_id: str
    workshop_id: str
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class AllocationMove(Record):
    """Someone moved by hand into another surname group (0-based `group_index`)."""

    table: ClassVar[str] = "allocation_moves"

    attendee_id: str
    group_index: int
    reason: str = ""


UNSAVED_ROUND = "unsaved-round-"  # id prefix of the rounds the split uses before any is saved


def rounds_in_use(
    rounds: Sequence[WorkshopRound], workshop_count: int
) -> tuple[WorkshopRound, ...]:
    """The rounds the split uses: the saved ones or, while none is saved, one round per
    workshop so that every group visits every room. Those are not saved (`is_saved`
    tells) and have no times yet; the set-up list shows them all the same."""
    if rounds:
        return tuple(rounds)
    return tuple(
        WorkshopRound(id=f"{UNSAVED_ROUND}{n}", number=n) for n in range(1, workshop_count + 1)
    )


def is_saved(round_: WorkshopRound) -> bool:
    return not round_.id.startswith(UNSAVED_ROUND)


def as_records(rounds: Iterable[WorkshopRound]) -> list[WorkshopRound]:
    """The rounds to save: an unsaved round becomes a record of its own (a new id), so
    saving one round's times keeps every round the split uses."""
    return [
        r if is_saved(r) else WorkshopRound(number=r.number, starts=r.starts, ends=r.ends)
        for r in rounds
    ]


def programme_order(workshops: Iterable[Workshop]) -> list[Workshop]:
    """Workshops as the programme lists them; group i starts in the i-th."""
    return sorted(workshops, key=lambda w: (w.position, w.title.casefold(), w.id))


def plan_allocation(
    attendees: Iterable[Attendee],
    workshops: Sequence[Workshop],
    plan: WorkshopPlan,
    rounds: Sequence[WorkshopRound],
    pins: Iterable[AllocationPin] = (),
    moves: Iterable[AllocationMove] = (),
    *,
    recompute: bool = False,
) -> Allocation:
    """The allocation the plan gives today.

    Typed ranges win; otherwise the ranges the last recompute chose are kept (so signs
    and routes stay put) unless `recompute` is asked or they no longer fit the number of
    workshops. Raises RangeError when the typed ranges cannot be used, ValueError when
    there is no workshop.
    """
    ordered = programme_order(workshops)
    round_count = len(rounds_in_use(rounds, len(ordered)))
    core_pins = [Pin(p.attendee_id, p.workshop_id, p.reason) for p in sorted(pins, key=_by_time)]
    core_moves = [
        GroupMove(m.attendee_id, m.group_index, m.reason) for m in sorted(moves, key=_by_time)
    ]
    common = dict(
        pins=core_pins,
        moves=core_moves,
        particles_last=plan.particles_last,
        only_checked_in=plan.only_checked_in,
    )
    if plan.typed_ranges.strip():
        return allocate(attendees, ordered, round_count, ranges=plan.typed_ranges, **common)
    kept = None if recompute else _kept_ranges(plan, len(ordered))
    if kept is not None:
        result = allocate(attendees, ordered, round_count, ranges=kept, **common)
        why = plan.chosen_reason or "Ranges chosen at the last recompute."
        return replace(result, reason=f"{why} (Kept since {_clock(plan.computed_at)}.)")
    boundaries = plan.boundaries if plan.boundaries in BOUNDARY_MODES else "auto"
    return allocate(attendees, ordered, round_count, boundaries=boundaries, **common)


def remember_choice(plan: WorkshopPlan, allocation: Allocation) -> WorkshopPlan:
    """The plan with `allocation`'s ranges saved as the ones signs and routes use."""
    if plan.typed_ranges.strip():
        return plan
    return plan.edited(
        chosen_ranges=allocation.range_labels,
        chosen_reason=allocation.reason,
        computed_at=now_iso(),
    )


def _kept_ranges(plan: WorkshopPlan, workshop_count: int) -> tuple[LetterRange, ...] | None:
    if not plan.chosen_ranges:
        return None
    try:
        return parse_ranges(plan.chosen_ranges, workshop_count)
    except RangeError:
        return None  # workshops were added or removed since: choose again


def _clock(iso: str) -> str:
    match = re.search(r"T(\d\d:\d\d)", iso)
    return match.group(1) + " UTC" if match else "the last recompute"


def _by_time(record: Record) -> tuple[str, str]:
    return (record.updated, record.id)


@dataclass(frozen=True)
class PlanInputs:
    """Everything an allocation is made from, as read from one event."""

    attendees: tuple[Attendee, ...]
    workshops: tuple[Workshop, ...]  # programme order
    rounds: tuple[WorkshopRound, ...]  # by number
    plan: WorkshopPlan
    pins: tuple[AllocationPin, ...]
    moves: tuple[AllocationMove, ...]

    @classmethod
    def read(cls, read_all: Callable[[type[R]], list[R]]) -> PlanInputs:
        """Read the inputs with `read_all` (an EventStore's `all`)."""
        plans = sorted(read_all(WorkshopPlan), key=_by_time)
        return cls(
            attendees=tuple(read_all(Attendee)),
            workshops=tuple(programme_order(read_all(Workshop))),
            rounds=tuple(sorted(read_all(WorkshopRound), key=lambda r: (r.number, r.id))),
            plan=plans[-1] if plans else WorkshopPlan(),
            pins=tuple(read_all(AllocationPin)),
            moves=tuple(read_all(AllocationMove)),
        )

    def allocate(self, *, recompute: bool = False) -> Allocation:
        return plan_allocation(
            self.attendees,
            self.workshops,
            self.plan,
            self.rounds,
            self.pins,
            self.moves,
            recompute=recompute,
        )

    @property
    def rounds_in_use(self) -> tuple[WorkshopRound, ...]:
        """The rounds the split uses, saved or not (see `rounds_in_use`)."""
        return rounds_in_use(self.rounds, len(self.workshops))

    def round_label(self, index: int) -> str:
        """ "Round 1, 10:30–11:30" for the 0-based round `index`."""
        if index < len(self.rounds):
            return replace(self.rounds[index], number=index + 1).label
        return f"Round {index + 1}"


# -- routes for anyone, counted or not --------------------------------------------------


def route_for(allocation: Allocation, attendee: Attendee) -> tuple[int, ...]:
    """Workshop indices round by round for `attendee`, even a walk-in added since.

    People counted in the allocation get their route from it; anyone else is placed by
    the same ranges (or their pin), so the desk tells them what the sign says.
    """
    if route := allocation.route(attendee.id):
        return route
    pinned = {p.attendee_id: p.workshop_id for p in allocation.pins}
    ids = [w.id for w in allocation.workshops]
    if attendee.id in pinned and pinned[attendee.id] in ids:
        return (ids.index(pinned[attendee.id]),) * allocation.rounds
    key = filing_key(attendee.first_name, attendee.surname, allocation.particles_last)
    if not key:
        return ()
    group = group_of_key(allocation.ranges, key)
    k = len(allocation.workshops)
    return tuple((group + t) % k for t in range(allocation.rounds))


def group_of_key(ranges: Sequence[LetterRange], key: str) -> int:
    """The surname group whose range holds `key` (a non-empty sort key)."""
    for index, span in enumerate(ranges):
        if span.contains(key):
            return index
    raise ValueError(f"no range holds {key!r}")  # ranges always cover A–Z


def route_lines(inputs: PlanInputs, allocation: Allocation, attendee: Attendee) -> tuple[str, ...]:
    """ "Round 1, 10:30–11:30: Workshop A, Conference Room", one line per round."""
    lines = []
    for t, w in enumerate(route_for(allocation, attendee)):
        workshop = allocation.workshops[w]
        where = f"{workshop.title}, {workshop.room}" if workshop.room else workshop.title
        lines.append(f"{inputs.round_label(t)}: {where}")
    return tuple(lines)


def group_label(allocation: Allocation, group: int) -> str:
    """ "Group 2: K–Z (starts in Workshop B)"."""
    span = allocation.ranges[group].label if group < len(allocation.ranges) else "?"
    start = allocation.workshops[group].title if group < len(allocation.workshops) else "?"
    return f"Group {group + 1}: {span} (starts in {start})"


def group_in(allocation: Allocation, workshop_index: int, round_index: int) -> int:
    """The surname group in workshop `workshop_index` during round `round_index`."""
    return (workshop_index - round_index) % len(allocation.workshops)


def describe_counts(allocation: Allocation, inputs: PlanInputs) -> list[str]:
    """Plain lines for a terminal: each workshop, its room, and range and count per round."""
    lines = []
    for w, workshop in enumerate(allocation.workshops):
        where = f" ({workshop.room})" if workshop.room else ""
        places = f", {workshop.capacity} places" if workshop.capacity else ""
        lines.append(f"{workshop.title}{where}{places}")
        for t in range(allocation.rounds):
            span = allocation.ranges[group_in(allocation, w, t)].label
            count = allocation.counts[t][w]
            over = "  OVER CAPACITY" if 0 < workshop.capacity < count else ""
            lines.append(f"  {inputs.round_label(t)}: surnames {span}, {count} people{over}")
    return lines


def find_people(
    attendees: Iterable[Attendee], query: str, index: SearchIndex | None = None
) -> list[Attendee]:
    """People whose name or organisation holds `query`, by surname; names in other
    scripts are also found by their Latin spelling ("ivanov" finds Иванов).

    Pass the `index` of the same attendees when searching as someone types.
    """
    from workshop_app.core.search import SearchIndex, compact, sort_key
    from workshop_app.core.surnames import to_ascii

    people = list(attendees)
    needle = compact(query)
    if not needle:
        return []
    found = {a.id: a for a in (index or SearchIndex(people)).search(query)}
    for person in people:
        name = f"{person.first_name} {person.surname}"
        if person.id not in found and not name.isascii() and needle in compact(to_ascii(name)):
            found[person.id] = person
    return sorted(found.values(), key=sort_key)


def readable_warnings(allocation: Allocation, attendees: Iterable[Attendee]) -> list[str]:
    """The allocation's warnings with attendee ids replaced by names people recognise."""
    names = {a.id: a.display_name or "(no name)" for a in attendees}
    readable = []
    for warning in allocation.warnings:
        for match in re.findall(r"\(([0-9a-f-]{36})\)", warning):
            if match in names:
                warning = warning.replace(f"({match})", f"({names[match]})")
        readable.append(warning)
    return readable
