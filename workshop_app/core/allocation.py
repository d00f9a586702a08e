"""Workshops by surname: which alphabetical group goes where, round by round.

The programme says "Workshop A – SURNAMES A–J FIRST, Workshop B – SURNAMES K–Z FIRST",
then the groups swap. With k workshops there are k surname groups; group i is in
workshop (i + round) mod k, so with k rounds everyone visits every workshop once.

Ranges are chosen to minimise the fullest room: the largest people / capacity over every
room and round, pinned people counted where they will actually be. Ties go to the
smallest sum of squared loads (rooms evenly full), then the fewest two-letter boundaries,
then the earliest cuts, so the same list always gives the same sign.

The search itself is exact; it lives in `split_search`.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from workshop_app.core.models import Attendee, Workshop
from workshop_app.core.split_search import Split, Splitter, best_split, rotation_counts
from workshop_app.core.surnames import (
    LETTERS,
    TWO_LETTER_BINS,
    LetterRange,
    SurnameKey,
    check_ranges,
    filing_key,
    format_ranges,
    parse_ranges,
    sample_surnames,
    surname_key,
)

Boundaries = Literal["auto", "letters", "two_letters"]


@dataclass(frozen=True)
class Pin:
    """Keep one person in one workshop for every round (e.g. step-free access)."""

    attendee_id: str
    workshop_id: str
    reason: str = ""


@dataclass(frozen=True)
class GroupMove:
    """Put one person in another surname group; group i starts in workshop i."""

    attendee_id: str
    group_index: int
    reason: str = ""


@dataclass(frozen=True)
class Allocation:
    """Who is in which workshop in each round, and why the ranges are what they are.

    Indices are 0-based: group i starts in `workshops[i]`; `counts[round][w]` is how many
    people are in `workshops[w]` in that round, pinned people included.
    """

    workshops: tuple[Workshop, ...]
    rounds: int
    ranges: tuple[LetterRange, ...]  # ranges[i] is surname group i
    capacities: tuple[int, ...]  # used for loads; a room with no capacity set gets a stand-in
    counts: tuple[tuple[int, ...], ...]
    worst_load_exact: Fraction
    reason: str  # why these boundaries, in a sentence for the facilitator
    warnings: tuple[str, ...]
    unplaced: tuple[Attendee, ...] = field(hash=False)  # need a surname; never placed silently
    pins: tuple[Pin, ...] = ()  # the pins honoured
    moves: tuple[GroupMove, ...] = ()  # the moves honoured
    particles_last: bool = False  # how surnames were filed
    group_by_attendee: Mapping[str, int] = field(default_factory=dict, hash=False, repr=False)
    pinned_by_attendee: Mapping[str, int] = field(default_factory=dict, hash=False, repr=False)

    @property
    def loads(self) -> tuple[tuple[float, ...], ...]:
        """loads[round][w] = people / capacity."""
        return tuple(
            tuple(n / c for n, c in zip(row, self.capacities, strict=True)) for row in self.counts
        )

    @property
    def worst_load(self) -> float:
        return float(self.worst_load_exact)

    @property
    def range_labels(self) -> str:
        """ "A–J, K–Z": the ranges as a sign would show them, in workshop order."""
        return format_ranges(self.ranges)

    def key_for(self, attendee: Attendee) -> SurnameKey:
        """Where `attendee` was filed, with the why (transliteration, particles)."""
        return surname_key(attendee, self.particles_last)

    def group_of(self, attendee_id: str) -> int | None:
        """The surname group (moves included); None for pinned, unplaced or unknown people."""
        return self.group_by_attendee.get(attendee_id)

    def workshop_for(self, attendee_id: str, round_index: int) -> int | None:
        """Index of the workshop this person is in during `round_index` (0-based)."""
        if not 0 <= round_index < self.rounds:
            raise IndexError(f"round {round_index} is outside 0..{self.rounds - 1}")
        if attendee_id in self.pinned_by_attendee:
            return self.pinned_by_attendee[attendee_id]
        group = self.group_of(attendee_id)
        return None if group is None else (group + round_index) % len(self.workshops)

    def route(self, attendee_id: str) -> tuple[int, ...]:
        """Workshop indices round by round; empty when the person is not placed."""
        stops = [self.workshop_for(attendee_id, r) for r in range(self.rounds)]
        return tuple(s for s in stops if s is not None)

    def route_titles(self, attendee_id: str) -> tuple[str, ...]:
        return tuple(self.workshops[w].title for w in self.route(attendee_id))

    def describe_route(self, attendee_id: str) -> str:
        """ "Workshop A then Workshop B", or why there is no route."""
        if route := self.route_titles(attendee_id):
            return format_route(route)
        if any(a.id == attendee_id for a in self.unplaced):
            return "not placed: needs a surname"
        return "not counted in this allocation"


def format_route(titles: Sequence[str]) -> str:
    """["Workshop A", "Workshop B"] -> "Workshop A then Workshop B"."""
    return " then ".join(titles)


def _room_name(workshop: Workshop) -> str:
    return f"{workshop.title} ({workshop.room})" if workshop.room else workshop.title


def _capacities(workshops: Sequence[Workshop], people: int) -> tuple[list[int], list[str]]:
    """Capacities to balance against: a room with none set counts as the average room."""
    if any(w.capacity < 0 for w in workshops):
        raise ValueError("a workshop capacity cannot be negative")
    known = [w.capacity for w in workshops if w.capacity > 0]
    stand_in = round(sum(known) / len(known)) if known else max(1, -(-people // len(workshops)))
    notes = [
        f"{_room_name(w)} has no capacity set; balanced as if it held {stand_in}."
        for w in workshops
        if w.capacity <= 0 and known
    ]
    return [w.capacity if w.capacity > 0 else stand_in for w in workshops], notes


def _inputs_honoured(pins, moves, counted, workshop_index, k):
    """The pins and moves that apply (last one per person wins; a pin beats a move)."""
    pin_of: dict[str, Pin] = {}
    move_of: dict[str, GroupMove] = {}
    warnings = []
    for pin in pins:
        if pin.attendee_id not in counted:
            warnings.append(f"A pin for someone not counted ({pin.attendee_id}) is ignored.")
        elif pin.workshop_id not in workshop_index:
            warnings.append(f"A pin to a workshop that is gone ({pin.workshop_id}) is ignored.")
        else:
            pin_of[pin.attendee_id] = pin
    for move in moves:
        if move.attendee_id not in counted:
            warnings.append(f"A move for someone not counted ({move.attendee_id}) is ignored.")
        elif not 0 <= move.group_index < k:
            warnings.append(
                f"A move to group {move.group_index + 1}, which does not exist, is ignored."
            )
        elif move.attendee_id not in pin_of:
            move_of[move.attendee_id] = move
    return pin_of, move_of, warnings


def allocate(
    attendees: Iterable[Attendee],
    workshops: Sequence[Workshop],
    rounds: int | None = None,
    *,
    pins: Iterable[Pin] = (),
    moves: Iterable[GroupMove] = (),
    ranges: str | Sequence[LetterRange] | None = None,
    boundaries: Boundaries = "auto",
    particles_last: bool = False,
    only_checked_in: bool = False,
    tolerance: float = 0.10,
) -> Allocation:
    """Split people into surname groups that rotate through `workshops`.

    `rounds` defaults to one per workshop. Pins and moves are inputs, so they hold on every
    recompute; ones naming someone not counted (or a workshop that is gone) are reported
    in `warnings` and ignored. Give `ranges` (typed text or LetterRanges, one per workshop)
    to use the facilitator's own split; otherwise the best split is chosen. `boundaries`
    "auto" uses whole letters unless two-letter boundaries are needed to keep rooms within
    capacity or to lower the fullest room by more than `tolerance` (a fraction of it).
    """
    k, rounds = len(workshops), len(workshops) if rounds is None else rounds
    if k == 0 or rounds < 1:
        raise ValueError("need at least one workshop and one round")
    if k > TWO_LETTER_BINS:
        raise ValueError(f"at most {TWO_LETTER_BINS} workshops can be split by surname")
    people = [a for a in attendees if a.checked_in_at or not only_checked_in]
    workshop_index = {w.id: i for i, w in enumerate(workshops)}
    pin_of, move_of, warnings = _inputs_honoured(
        pins, moves, {a.id for a in people}, workshop_index, k
    )
    pinned, moved, bins = [0] * k, [0] * k, [0] * TWO_LETTER_BINS
    bin_by_attendee: dict[str, int] = {}
    pinned_by_attendee: dict[str, int] = {}
    group_by_attendee: dict[str, int] = {}
    unplaced = []
    for person in people:
        if person.id in pin_of:
            w = pinned_by_attendee[person.id] = workshop_index[pin_of[person.id].workshop_id]
            pinned[w] += 1
        elif person.id in move_of:
            g = group_by_attendee[person.id] = move_of[person.id].group_index
            moved[g] += 1
        elif key := filing_key(person.first_name, person.surname, particles_last):
            second = ord(key[1]) - 65 if len(key) > 1 else 0
            b = bin_by_attendee[person.id] = (ord(key[0]) - 65) * LETTERS + second
            bins[b] += 1
        else:
            unplaced.append(person)
    capacities, notes = _capacities(workshops, len(people) - len(unplaced))
    if ranges is not None:
        chosen = parse_ranges(ranges, k) if isinstance(ranges, str) else tuple(ranges)
        check_ranges(chosen, k)
        reason = f"Ranges set by hand: {format_ranges(chosen)}."
    else:
        chosen, reason = _choose_ranges(
            bins, capacities, rounds, pinned, moved, boundaries, tolerance, workshops
        )
    group_of_bin, sizes = [0] * TWO_LETTER_BINS, list(moved)
    for g, span in enumerate(chosen):
        group_of_bin[span.first_bin : span.last_bin + 1] = [g] * (
            span.last_bin + 1 - span.first_bin
        )
        sizes[g] += sum(bins[span.first_bin : span.last_bin + 1])
    group_by_attendee.update((a, group_of_bin[b]) for a, b in bin_by_attendee.items())
    counts = rotation_counts(sizes, pinned, rounds)
    for t, row in enumerate(counts):
        for w, n in enumerate(row):
            if 0 < (places := workshops[w].capacity) < n:
                room = _room_name(workshops[w])
                warnings.append(
                    f"Round {t + 1}: {room} has {n} people for {places} places ({n - places} over)."
                )
    if unplaced:
        who = "1 person needs" if len(unplaced) == 1 else f"{len(unplaced)} people need"
        warnings.append(f"{who} a surname before they can be placed.")
    return Allocation(
        workshops=tuple(workshops),
        rounds=rounds,
        ranges=tuple(chosen),
        capacities=tuple(capacities),
        counts=counts,
        worst_load_exact=max(
            Fraction(n, capacities[w]) for row in counts for w, n in enumerate(row)
        ),
        reason=reason,
        warnings=tuple(notes + warnings),
        unplaced=tuple(unplaced),
        pins=tuple(pin_of.values()),
        moves=tuple(move_of.values()),
        particles_last=particles_last,
        group_by_attendee=group_by_attendee,
        pinned_by_attendee=pinned_by_attendee,
    )


def _ranges_from_cuts(cuts: Sequence[int], width: int) -> tuple[LetterRange, ...]:
    edges = [0, *(c * width for c in cuts), TWO_LETTER_BINS]
    return tuple(LetterRange(a, b - 1) for a, b in zip(edges, edges[1:], strict=False))


def _choose_ranges(bins, capacities, rounds, pinned, moved, boundaries, tolerance, workshops):
    """Whole letters unless they cannot balance the rooms; returns (ranges, reason).

    With no places set for any room there is no fullness to speak of (every room would
    be "100% full" of a made-up size), so the reason gives people per room instead.
    """
    k = len(capacities)
    places_set = any(w.capacity > 0 for w in workshops)

    def counts_of(split: Split) -> tuple[tuple[int, ...], ...]:
        sizes = [s + m for s, m in zip(split.group_sizes, moved, strict=True)]
        return rotation_counts(sizes, pinned, rounds)

    def fullest(split: Split) -> str:
        counts = counts_of(split)
        _, t, w = max(
            (Fraction(n, capacities[w]), t, w)
            for t, row in enumerate(counts)
            for w, n in enumerate(row)
        )
        where = f"{_room_name(workshops[w])}, round {t + 1}: {counts[t][w]} for {capacities[w]}"
        return f"{float(split.worst_load):.0%} full ({where})"

    def how_full(split: Split) -> str:
        if places_set:
            return f"the fullest room is {fullest(split)}"
        return f"with no places set, rooms hold {people_per_room(counts_of(split))}"

    fine = Splitter(bins, capacities, rounds, pinned, moved, LETTERS)
    if k > LETTERS or boundaries == "two_letters":
        split = fine.solve(*fine.least_worst_load())
        why = "Two-letter boundaries were asked for"
        if k > LETTERS:
            why = f"{k} workshops need more groups than there are letters"
        return _ranges_from_cuts(split.cuts, 1), f"{why}; {how_full(split)}."
    letters = [sum(bins[i : i + LETTERS]) for i in range(0, TWO_LETTER_BINS, LETTERS)]
    coarse = best_split(letters, capacities, rounds, pinned=pinned, moved=moved)
    coarse_ranges = _ranges_from_cuts(coarse.cuts, LETTERS)
    if boundaries == "letters":
        return coarse_ranges, f"Whole letters were asked for; {how_full(coarse)}."
    fine_worst, layers = fine.least_worst_load()
    overflow_fixed = all(w.capacity > 0 for w in workshops) and coarse.worst_load > 1 >= fine_worst
    if fine_worst < coarse.worst_load and (
        overflow_fixed or coarse.worst_load > fine_worst * (1 + Fraction(tolerance))
    ):
        split = fine.solve(fine_worst, layers)
        problem = "leave a room over capacity" if overflow_fixed else "not balance the rooms"
        if places_set:
            compared = (
                f"leaves the fullest room {fullest(coarse)}. "
                f"Two-letter boundaries bring it to {fullest(split)}."
            )
        else:
            compared = (
                f"has rooms of {people_per_room(counts_of(coarse))}. Two-letter boundaries "
                f"give {people_per_room(counts_of(split))} (no places set)."
            )
        return _ranges_from_cuts(split.cuts, 1), (
            f"Whole letters would {problem}: the best whole-letter split "
            f"({format_ranges(coarse_ranges)}) {compared}"
        )
    reason = f"Whole letters balance the rooms: {how_full(coarse)}."
    if fine_worst < coarse.worst_load:
        if places_set:
            reason += f" Two-letter boundaries would only bring it to {float(fine_worst):.0%}."
        else:  # every room's stand-in capacity is the same: load x capacity = people
            largest = fine_worst * capacities[0]
            reason += f" Two-letter boundaries would only bring the largest to {largest}."
    return coarse_ranges, reason


def people_per_room(counts: Sequence[Sequence[int]]) -> str:
    """ "9 and 8 people in round 1, 8 and 9 in round 2" (rooms in programme order), or
    "9 and 9 people in every round"."""
    rounds = [_listed(str(n) for n in row) for row in counts]
    if len(set(rounds)) == 1:
        return f"{rounds[0]} people in every round"
    first, *rest = rounds
    later = [f"{r} in round {t}" for t, r in enumerate(rest, start=2)]
    return ", ".join([f"{first} people in round 1", *later])


def _listed(items: Iterable[str]) -> str:
    """ "9", "9 and 8", "9, 8 and 7"."""
    *head, last = items
    return f"{', '.join(head)} and {last}" if head else last


def sample_attendees(count: int, seed: int = 0) -> list[Attendee]:
    """Made-up attendees for benchmarks: one in 97 has no name, two in three checked in."""
    return [
        Attendee(
            id=f"sample-{n}",
            first_name="" if n % 97 == 0 else "Sam",
            surname="" if n % 97 == 0 else surname,
            checked_in_at="2025-01-01T09:00:00+00:00" if n % 3 else "",
        )
        for n, surname in enumerate(sample_surnames(count, seed))
    ]


def benchmark_allocate(
    attendee_count: int = 10_000,
    workshop_count: int = 4,
    rounds: int = 4,
    *,
    repeats: int = 5,
    boundaries: Boundaries = "auto",
    seed: int = 0,
) -> float:
    """Median seconds for one `allocate` of sample attendees (with a few pins), for the bench."""
    people = sample_attendees(attendee_count, seed)
    per_room = -(-attendee_count // workshop_count)
    workshops = [
        Workshop(id=f"w{i}", title=f"Workshop {i + 1}", capacity=per_room + 5 * i)
        for i in range(workshop_count)
    ]
    pins = [Pin(people[i].id, workshops[i % workshop_count].id) for i in range(1, 40, 7)]
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        allocate(people, workshops, rounds, pins=pins, boundaries=boundaries)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)
