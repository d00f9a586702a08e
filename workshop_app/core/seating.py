"""Seat people at discussion tables so each table mixes sectors and separates colleagues.

Objective, over the seated people (lower is better):

    score = sum over tables t, sectors s of |N * c[t][s] - n[t] * N[s]|
          + (4N + 1) * sum over tables t, organisations o of C(k[t][o], 2)

N people seated, N[s] of them in sector s; n[t] at table t, c[t][s] of them in sector s and
k[t][o] from organisation o. The first term is zero when each table is a small copy of the
room (scaled by N to stay an integer; over 2N it counts seats held by the "wrong" sector).
The second counts colleague pairs at a table; its weight beats anything one swap can do to
the first, so separating colleagues comes before fine-tuning the mix. People with no
organisation are nobody's colleagues.

How: pins first; the rest sorted by sector (biggest first) then organisation and dealt to
the least-full table so both fan out; then a bounded pass of swaps. The result is never
worse than filling tables in list order. No randomness, unless a seed breaks the ties.

When sectors are unknown (most people "other" or blank, as after an import whose sector
question stayed unmapped), mixing them means nothing: everyone counts as one sector and
the seating spreads organisations apart only. The plan says so (`sectors_unknown`), so
the screen can tell the facilitator instead of showing "other 6" at every table.
"""

from __future__ import annotations

import heapq
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from workshop_app.core.models import Attendee, Record, Sector
from workshop_app.core.models import DiscussionTable as DiscussionTable  # re-exported

SWAPS_TRIED_PER_PERSON = 60  # bounds the improvement pass so 2,000 people stay fast
# Sectors are unknown when at least this share of the people have none ("other" or blank).
UNKNOWN_SECTOR_SHARE = 0.75
ONE_SECTOR = ""  # what everyone counts as when sectors are unknown


def organisation_key(organisation: str) -> str:
    """Case- and space-insensitive, so "Age UK" and " age  uk" count as colleagues."""
    return "".join(organisation.split()).casefold()


def sector_key(sector: str) -> str:
    """The sector a person is mixed by; a blank sector counts as "other"."""
    return sector.strip() or Sector.OTHER.value


def sectors_unknown(sectors: Sequence[str]) -> bool:
    """Whether these people's sectors (as `sector_key` gives them) are mostly unknown, so
    mixing by sector means nothing and seating goes by organisation alone."""
    if not sectors:
        return False
    unknown = sum(1 for s in sectors if sector_key(s) == Sector.OTHER.value)
    return unknown >= UNKNOWN_SECTOR_SHARE * len(sectors)


@dataclass(frozen=True)
class MixQuality:
    """How well a table, or the whole room, is mixed; `score` is the module's objective."""

    score: int  # lower is better; the sum over tables is the plan's score
    sector_deviation: float  # seats held by the "wrong" sector compared with the room
    colleague_pairs: int  # pairs of people from the same organisation sharing a table
    sector_counts: dict[str, int]  # per sector in the room (zero when absent at a table)


@dataclass(frozen=True, kw_only=True)
class SeatingPlan(Record):
    """Who sits where, flat (attendee -> table) so every field is JSON-friendly. Keeps
    everyone's sector and organisation key so mixes and late arrivals need no list."""

    table: ClassVar[str] = "seating_plans"

    table_ids: tuple[str, ...] = ()  # in table-number order
    seat_of: dict[str, str] = field(default_factory=dict)  # attendee id -> table id
    unseated: tuple[str, ...] = ()  # no seat for them: reported, never silently dropped
    sector_of: dict[str, str] = field(default_factory=dict)
    organisation_key_of: dict[str, str] = field(default_factory=dict)

    @property
    def seats(self) -> dict[str, tuple[str, ...]]:
        """Table id -> attendee ids in the order they were seated (empty tables included)."""
        by_table: dict[str, list[str]] = {table_id: [] for table_id in self.table_ids}
        for attendee_id, table_id in self.seat_of.items():
            by_table.setdefault(table_id, []).append(attendee_id)
        return {table_id: tuple(ids) for table_id, ids in by_table.items()}

    @property
    def sectors_unknown(self) -> bool:
        """Seated by organisation alone, since most of the seated people's sectors are
        unknown (derived from the saved sectors, so older plans answer too)."""
        return sectors_unknown([self.sector_of[a] for a in self.seat_of])

    def organisations_at(self, table_id: str) -> int:
        """How many organisations sit at the table (people with none each count as one)."""
        people = self.seats.get(table_id, ())
        return len({self.organisation_key_of[a] or ("alone", a) for a in people})

    def mix(self, table_id: str) -> MixQuality:
        """One table: its sector counts, deviation from the room's mix, colleague pairs."""
        return self._mix_of([self.seats.get(table_id, ())])

    def mix_quality(self) -> MixQuality:
        """The whole plan: the objective, its two parts in plain units, the room's sectors."""
        return self._mix_of(list(self.seats.values()))

    def _mix_of(self, tables: Sequence[Sequence[str]]) -> MixQuality:
        counts = Counter(self.sector_of[a] for a in self.seat_of)
        known = [s.value for s in Sector]  # the usual order first, then any others
        room = {s: counts[s] for s in [*known, *sorted(set(counts) - set(known))] if s in counts}
        seated, gap, pairs, here = len(self.seat_of), 0, 0, Counter[str]()
        for people in tables:
            sectors = Counter(self.sector_of[a] for a in people)
            here.update(sectors)
            gap += sum(abs(seated * sectors[s] - len(people) * room[s]) for s in room)
            orgs = Counter(self.organisation_key_of[a] for a in people)
            pairs += sum(k * (k - 1) // 2 for key, k in orgs.items() if key)
        return MixQuality(
            score=gap + (4 * seated + 1) * pairs,
            sector_deviation=gap / (2 * seated) if seated else 0.0,
            colleague_pairs=pairs,
            sector_counts={s: here[s] for s in room},
        )


def seat_attendees(
    attendees: Sequence[Attendee],
    tables: Sequence[DiscussionTable],
    pins: Mapping[str, str] | None = None,
    *,
    seed: int | None = None,
) -> SeatingPlan:
    """Seat `attendees` (the caller picks checked-in or all) mixing sectors and organisations.

    `pins` maps attendee id -> table id for people who must sit at a given table (access
    needs); pins of people not in `attendees` are ignored, as they may not have arrived.
    With more people than seats, pinned people still sit and those listed last go to
    `unseated`: the caller sets priority by the order of the list.
    Raises ValueError for duplicate ids, negative sizes, unknown or over-full pin tables.
    """
    ordered, sitting, unseated, unpinned, pins = _prepare(attendees, tables, pins or {})
    rng = random.Random(seed) if seed is not None else None
    budget = SWAPS_TRIED_PER_PERSON * len(sitting)
    by_sector = not sectors_unknown([a.sector for a in sitting])
    dealt = _Board(ordered, sitting, pins, by_sector).deal(
        _dealing_order(unpinned, rng, by_sector), rng
    )
    dealt.improve(budget)
    best = dealt.plan(ordered, attendees, unseated)
    in_order = _Board(ordered, sitting, pins, by_sector).fill_in_order(unpinned)
    if dealt.score() > in_order.score():
        in_order.improve(budget)  # rare: the deal got stuck above the baseline, and
        best = in_order.plan(ordered, attendees, unseated)  # improving only lowers it further
    return best


def seat_in_order(
    attendees: Sequence[Attendee],
    tables: Sequence[DiscussionTable],
    pins: Mapping[str, str] | None = None,
) -> SeatingPlan:
    """Pins first, then fill table 1, table 2, ... in list order: the naive baseline that
    `seat_attendees` never does worse than, and a plan for seating in order of arrival."""
    ordered, sitting, unseated, unpinned, pins = _prepare(attendees, tables, pins or {})
    board = _Board(ordered, sitting, pins).fill_in_order(unpinned)
    return board.plan(ordered, attendees, unseated)


def seat_late_arrival(
    plan: SeatingPlan,
    attendee: Attendee,
    tables: Sequence[DiscussionTable],
    *,
    pinned_table_id: str = "",
) -> SeatingPlan:
    """Add someone who arrived after the plan was made, without moving anyone else.

    Among tables with a free seat, prefer one with no colleague of theirs, then one where
    their sector stays within its share of the room, then the most free seats, then the
    lowest number. With no free seat anywhere they join `unseated` (or keep their place
    there). Someone already seated keeps their seat, so checking in twice changes nothing.
    Raises ValueError if `pinned_table_id` is not a table or that table is full.
    """
    if attendee.id in plan.seat_of:
        return plan
    ordered, seats = _ordered_tables(tables), plan.seats
    free = {t.id: t.size - len(seats.get(t.id, ())) for t in ordered}
    if pinned_table_id and free.get(pinned_table_id, 0) <= 0:
        why = "it is full" if pinned_table_id in free else "no such table"
        raise ValueError(f"Cannot pin {attendee.display_name} to {pinned_table_id!r}: {why}.")
    sector, org = sector_key(attendee.sector), organisation_key(attendee.organisation)
    seated_after = len(plan.seat_of) + 1
    sector_after = 1 + sum(1 for a in plan.seat_of if plan.sector_of[a] == sector)
    choices = []
    for position, table in enumerate(ordered):
        if free[table.id] > 0 and pinned_table_id in ("", table.id):
            here = seats.get(table.id, ())
            colleagues = sum(1 for a in here if org and plan.organisation_key_of[a] == org)
            same_sector = sum(1 for a in here if plan.sector_of[a] == sector)
            over = same_sector * seated_after >= (len(here) + 1) * sector_after  # c*N' >= n'*N_s'
            choices.append((colleagues, over, -free[table.id], position, table.id))
    if choices:
        unseated = tuple(a for a in plan.unseated if a != attendee.id)
    else:
        unseated = plan.unseated if attendee.id in plan.unseated else (*plan.unseated, attendee.id)
    return plan.edited(
        table_ids=tuple(free) + tuple(t for t in plan.table_ids if t not in free),
        seat_of={**plan.seat_of, attendee.id: min(choices)[-1]} if choices else plan.seat_of,
        unseated=unseated,
        sector_of={**plan.sector_of, attendee.id: sector},
        organisation_key_of={**plan.organisation_key_of, attendee.id: org},
    )


def _ordered_tables(tables: Sequence[DiscussionTable]) -> list[DiscussionTable]:
    """Tables in number order (then name, id), so plans do not depend on load order."""
    if len({t.id for t in tables}) != len(tables):
        raise ValueError("The same table appears twice in the list of tables.")
    if negative := [t.label for t in tables if t.size < 0]:
        raise ValueError(f"Tables cannot have a negative size: {', '.join(negative)}.")
    return sorted(tables, key=lambda t: (t.number, t.name, t.id))


def _prepare(
    attendees: Sequence[Attendee], tables: Sequence[DiscussionTable], pins: Mapping[str, str]
) -> tuple[list[DiscussionTable], list[Attendee], tuple[str, ...], list[Attendee], dict]:
    """Validate; keep pins of people present; split who sits (pinned or not) from who not."""
    ordered = _ordered_tables(tables)
    if len({a.id for a in attendees}) != len(attendees):
        twice = [a for a, n in Counter(a.id for a in attendees).items() if n > 1]
        raise ValueError(f"Attendee ids listed twice: {', '.join(twice)}.")
    present = {a.id for a in attendees}
    pins = {a: t for a, t in pins.items() if a in present}
    by_id = {t.id: t for t in ordered}
    for table_id, count in Counter(pins.values()).items():
        if table_id not in by_id:
            raise ValueError(f"A pin points at table id {table_id!r}, which is not a table.")
        if count > by_id[table_id].size:
            table = by_id[table_id]
            raise ValueError(f"{table.label} has {table.size} seats; {count} people pinned to it.")
    waiting = [a for a in attendees if a.id not in pins]
    room_left = sum(t.size for t in ordered) - len(pins)
    unpinned, unseated = waiting[:room_left], [a.id for a in waiting[room_left:]]
    sitting = [a for a in attendees if a.id in pins] + unpinned
    return ordered, sitting, tuple(unseated), unpinned, pins


def _mixing_sector(attendee: Attendee, by_sector: bool) -> str:
    return sector_key(attendee.sector) if by_sector else ONE_SECTOR


def _dealing_order(
    unpinned: Sequence[Attendee], rng: random.Random | None, by_sector: bool = True
) -> list[Attendee]:
    """Biggest sector first, colleagues together, no-organisation last within a sector."""
    sizes = Counter(_mixing_sector(a, by_sector) for a in unpinned)
    sector_rank = {s: r for r, s in enumerate(sorted(sizes, key=lambda s: (-sizes[s], s)))}
    org_keys = sorted({organisation_key(a.organisation) for a in unpinned} - {""})
    if rng is not None:
        rng.shuffle(org_keys)
        unpinned = rng.sample(list(unpinned), len(unpinned))
    org_rank = {key: r for r, key in enumerate(org_keys)} | {"": len(org_keys)}

    def rank(a: Attendee) -> tuple[int, int]:
        sector = _mixing_sector(a, by_sector)
        return sector_rank[sector], org_rank[organisation_key(a.organisation)]

    return sorted(unpinned, key=rank)


class _Board:
    """Mutable working state of one seating run, in small ints for speed. Never escapes.
    People with no organisation get a code of their own: nobody's colleague, no special case."""

    def __init__(
        self,
        ordered: Sequence[DiscussionTable],
        sitting: Sequence[Attendee],
        pins: Mapping,
        by_sector: bool = True,
    ) -> None:
        mixing = [_mixing_sector(a, by_sector) for a in sitting]
        sectors = {s: i for i, s in enumerate(sorted(set(mixing)))}
        org_keys = [organisation_key(a.organisation) or ("alone", a.id) for a in sitting]
        orgs = {key: code for code, key in enumerate(dict.fromkeys(org_keys))}
        self.ids = [a.id for a in sitting]
        self.index = {a.id: i for i, a in enumerate(sitting)}
        self.sector = [sectors[s] for s in mixing]
        self.org = [orgs[key] for key in org_keys]
        self.pinned = [a.id in pins for a in sitting]
        self.capacity = [t.size for t in ordered]
        self.table = [-1] * len(sitting)
        self.members: list[list[int]] = [[] for _ in ordered]
        self.sector_count = [[0] * len(sectors) for _ in ordered]
        self.org_count: list[Counter[int]] = [Counter() for _ in ordered]
        self.room = [self.sector.count(s) for s in range(len(sectors))]
        self.weight = 4 * len(sitting) + 1
        table_index = {t.id: i for i, t in enumerate(ordered)}
        for a in sitting:
            if a.id in pins:
                self.seat(self.index[a.id], table_index[pins[a.id]])

    def seat(self, person: int, table: int) -> None:
        self.table[person] = table
        self.members[table].append(person)
        self.sector_count[table][self.sector[person]] += 1
        self.org_count[table][self.org[person]] += 1

    def deal(self, people: Sequence[Attendee], rng: random.Random | None) -> _Board:
        """Each person to the least-full table (share of seats taken), then most free seats."""
        tiebreak = list(range(len(self.capacity)))
        if rng is not None:
            rng.shuffle(tiebreak)

        def key(t: int) -> tuple[float, int, int, int]:
            return len(self.members[t]) / self.capacity[t], -self._free(t), tiebreak[t], t

        heap = [key(t) for t in range(len(self.capacity)) if self._free(t)]
        heapq.heapify(heap)
        for person in people:
            table = heapq.heappop(heap)[-1]
            self.seat(self.index[person.id], table)
            if self._free(table):
                heapq.heappush(heap, key(table))
        return self

    def fill_in_order(self, people: Sequence[Attendee]) -> _Board:
        table = 0
        for person in people:
            while not self._free(table):
                table += 1
            self.seat(self.index[person.id], table)
        return self

    def plan(self, ordered: Sequence[DiscussionTable], attendees, unseated) -> SeatingPlan:
        return SeatingPlan(
            table_ids=tuple(t.id for t in ordered),
            seat_of={self.ids[p]: ordered[t].id for t, ps in enumerate(self.members) for p in ps},
            unseated=unseated,
            sector_of={a.id: sector_key(a.sector) for a in attendees},
            organisation_key_of={a.id: organisation_key(a.organisation) for a in attendees},
        )

    def score(self) -> int:
        """The module's objective over the sectors this run mixes (one, when unknown)."""
        n_all, gap, pairs = len(self.ids), 0, 0
        for table, members in enumerate(self.members):
            counts = self.sector_count[table]
            gap += sum(
                abs(n_all * counts[s] - len(members) * self.room[s]) for s in range(len(counts))
            )
            pairs += sum(k * (k - 1) // 2 for k in self.org_count[table].values())
        return gap + self.weight * pairs

    def improve(self, budget: int) -> None:
        """Swap misplaced people while a swap lowers the score, trying at most `budget`."""
        improved = True
        while improved:  # each swap lowers the integer score, so this ends even unbudgeted
            improved = False
            for table, members in enumerate(self.members):
                if not self._needs_work(table):
                    continue
                for person in list(members):
                    if budget <= 0:
                        return
                    if self.table[person] == table and self._misplaced(person):
                        found, budget = self._first_improving_swap(person, budget)
                        improved = improved or found

    def _free(self, table: int) -> int:
        return self.capacity[table] - len(self.members[table])

    def _needs_work(self, table: int) -> bool:
        """A colleague pair here, or a sector outside floor..ceil of its fair share."""
        if any(k > 1 for k in self.org_count[table].values()):
            return True
        n_all, n_here = len(self.ids), len(self.members[table])
        for s, count in enumerate(self.sector_count[table]):
            share = n_here * self.room[s]
            if count < share // n_all or count > -(-share // n_all):
                return True
        return False

    def _misplaced(self, person: int) -> bool:
        """Movable, and sitting with a colleague or in a sector over its share here."""
        table, sector, n_all = self.table[person], self.sector[person], len(self.ids)
        share = len(self.members[table]) * self.room[sector]
        over = n_all * self.sector_count[table][sector] > share
        return not self.pinned[person] and (self.org_count[table][self.org[person]] > 1 or over)

    def _first_improving_swap(self, person: int, budget: int) -> tuple[bool, int]:
        here, tables = self.table[person], len(self.capacity)
        for step in range(1, tables):
            tried: set[tuple[int, int]] = set()  # same sector and organisation: same delta
            for partner in self.members[(here + step) % tables]:
                kind = (self.sector[partner], self.org[partner])
                if self.pinned[partner] or kind in tried:
                    continue
                tried.add(kind)
                budget -= 1
                if self._swap_delta(person, partner) < 0:
                    a, b = self.table[person], self.table[partner]
                    self._unseat(person)
                    self._unseat(partner)
                    self.seat(person, b)
                    self.seat(partner, a)
                    return True, budget
                if budget <= 0:
                    return False, budget
        return False, budget

    def _swap_delta(self, i: int, j: int) -> int:
        """Change in score if i and j swapped tables; only their two tables change."""
        a, b = self.table[i], self.table[j]
        si, sj, oi, oj = self.sector[i], self.sector[j], self.org[i], self.org[j]
        delta = 0
        if si != sj:
            n_all, room = len(self.ids), self.room
            for table, leaving, joining in ((a, si, sj), (b, sj, si)):
                counts, n_here = self.sector_count[table], len(self.members[table])
                for s, step in ((leaving, -1), (joining, 1)):
                    now = n_all * counts[s] - n_here * room[s]
                    delta += abs(now + step * n_all) - abs(now)
        if oi != oj:
            org_a, org_b = self.org_count[a], self.org_count[b]
            pairs = org_b[oi] - (org_a[oi] - 1) + org_a[oj] - (org_b[oj] - 1)
            delta += self.weight * pairs
        return delta

    def _unseat(self, person: int) -> None:
        table = self.table[person]
        self.members[table].remove(person)
        self.sector_count[table][self.sector[person]] -= 1
        self.org_count[table][self.org[person]] -= 1
