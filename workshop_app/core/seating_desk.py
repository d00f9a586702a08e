"""The bookkeeping around seating that the Tables tab needs: who is in the room, pins,
late arrivals, tables removed mid-event, and each table's list and mix in words.

The rules of a good mix are in core/seating.py; this module decides *who* is seated and
keeps one current plan, so the screen only shows and saves what comes back.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from workshop_app.core.models import Attendee, DiscussionTable, Record
from workshop_app.core.seating import SeatingPlan, seat_attendees, seat_late_arrival

_PIN_NAMESPACE = uuid.UUID("8b0f2c61-2a0e-4c55-9a8e-5b1f3f7d6c10")


@dataclass(frozen=True, kw_only=True)
class TablePin(Record):
    """Someone who must sit at a given table (access needs); one pin per person."""

    table: ClassVar[str] = "table_pins"

    attendee_id: str
    table_id: str


def pin_id(attendee_id: str) -> str:
    """The one id a person's pin always has: pinning again replaces, unpinning deletes it."""
    return str(uuid.uuid5(_PIN_NAMESPACE, attendee_id))


def pin(attendee_id: str, table_id: str) -> TablePin:
    """A pin whose id follows the person, so pinning again replaces the old pin."""
    return TablePin(id=pin_id(attendee_id), attendee_id=attendee_id, table_id=table_id)


def pins_to_remove(pins: Iterable[TablePin], attendee_id: str) -> tuple[str, ...]:
    """Ids of the person's pins to delete to unpin them; their seat is kept, but the next
    "seat all" may move them. Usually one id; two laptops merged may have left more."""
    return tuple(p.id for p in pins if p.attendee_id == attendee_id)


def pins_by_attendee(pins: Iterable[TablePin]) -> dict[str, str]:
    return {p.attendee_id: p.table_id for p in pins}


def current_plan(plans: Iterable[SeatingPlan]) -> SeatingPlan | None:
    """The latest plan (a merge of two laptops may bring two)."""
    return max(plans, key=lambda p: (p.updated, p.id), default=None)


def arrival_order(attendees: Iterable[Attendee]) -> list[Attendee]:
    """Earliest check-in first (then registration order): who gets a seat when seats run out."""
    return sorted(attendees, key=lambda a: (not a.checked_in, a.checked_in_at, a.created, a.id))


def seat_room(
    attendees: Sequence[Attendee],
    tables: Sequence[DiscussionTable],
    pins: Mapping[str, str],
    *,
    everyone: bool,
    replacing: SeatingPlan | None = None,
) -> SeatingPlan:
    """A fresh plan for the checked-in people (or `everyone` registered).

    `replacing` keeps the old plan's id so the store replaces it instead of adding one.
    Raises ValueError when there are no tables, or a pin cannot be honoured.
    """
    if not tables:
        raise ValueError("Add a table before seating people.")
    people = arrival_order(a for a in attendees if everyone or a.checked_in)
    live_pins = {a: t for a, t in pins.items() if t in {table.id for table in tables}}
    plan = seat_attendees(people, tables, live_pins)
    return dataclasses.replace(plan, id=replacing.id) if replacing is not None else plan


def waiting_for_a_seat(plan: SeatingPlan, attendees: Iterable[Attendee]) -> list[Attendee]:
    """Checked-in people without a seat, in arrival order."""
    return arrival_order(a for a in attendees if a.checked_in and a.id not in plan.seat_of)


def seat_waiting(
    plan: SeatingPlan,
    attendees: Sequence[Attendee],
    tables: Sequence[DiscussionTable],
    pins: Mapping[str, str],
) -> tuple[SeatingPlan, int]:
    """Seat everyone checked in but not yet seated; returns the plan and how many sat."""
    seated = 0
    for person in waiting_for_a_seat(plan, attendees):
        plan = _seat_one(plan, person, tables, pins.get(person.id, ""))
        seated += person.id in plan.seat_of
    return plan, seated


def move_to_table(
    plan: SeatingPlan, attendee: Attendee, table_id: str, tables: Sequence[DiscussionTable]
) -> SeatingPlan:
    """Seat someone at one table (a pin), taking them from any other. ValueError if full."""
    without = plan.edited(seat_of={a: t for a, t in plan.seat_of.items() if a != attendee.id})
    return seat_late_arrival(without, attendee, tables, pinned_table_id=table_id)


def without_table(plan: SeatingPlan, table_id: str) -> SeatingPlan:
    """The plan once a table is removed: its people wait for a seat again."""
    return plan.edited(
        table_ids=tuple(t for t in plan.table_ids if t != table_id),
        seat_of={a: t for a, t in plan.seat_of.items() if t != table_id},
    )


@dataclass(frozen=True)
class TableListing:
    """One table as the tab shows it."""

    table: DiscussionTable
    people: tuple[Attendee, ...]
    mix: str  # "VCSE 3 · statutory 2"
    colleague_pairs: int


def listings(
    plan: SeatingPlan | None, attendees: Iterable[Attendee], tables: Sequence[DiscussionTable]
) -> list[TableListing]:
    """Every table in number order with its people (by surname) and its mix."""
    by_id = {a.id: a for a in attendees}
    seats = plan.seats if plan is not None else {}
    result = []
    for table in sorted(tables, key=lambda t: (t.number, t.name, t.id)):
        people = tuple(
            sorted(
                (by_id[a] for a in seats.get(table.id, ()) if a in by_id),
                key=lambda a: (a.surname.casefold(), a.first_name.casefold()),
            )
        )
        quality = plan.mix(table.id) if plan is not None and people else None
        counts = quality.sector_counts if quality else {}
        mix = " · ".join(f"{sector} {n}" for sector, n in counts.items() if n) or "nobody yet"
        result.append(TableListing(table, people, mix, quality.colleague_pairs if quality else 0))
    return result


def next_table_number(tables: Iterable[DiscussionTable]) -> int:
    return max((t.number for t in tables), default=0) + 1


def _seat_one(
    plan: SeatingPlan, person: Attendee, tables: Sequence[DiscussionTable], pinned: str
) -> SeatingPlan:
    """A pin is honoured when its table has room; otherwise the best free seat."""
    if pinned:
        try:
            return seat_late_arrival(plan, person, tables, pinned_table_id=pinned)
        except ValueError:
            pass  # the pinned table is full or gone: a seat elsewhere beats no seat
    return seat_late_arrival(plan, person, tables)


def seat_walk_in(
    plans: Iterable[SeatingPlan], walk_in: Attendee, tables: Sequence[DiscussionTable]
) -> SeatingPlan | None:
    """The current plan with a walk-in seated, no one else moved; None before any seating.

    Before the room is seated there is no plan to join: the walk-in is seated with
    everyone. With every table full they are in the plan's `unseated`, so the desk can
    say so and the Tables tab lists them as waiting.
    """
    plan = current_plan(plans)
    if plan is None or not tables:
        return None
    return _seat_one(plan, walk_in, tables, "")
