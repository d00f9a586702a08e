"""Where the desk and the kiosk get each attendee's directions from.

`load_directions` reads what it needs from the store once, and returns a function the
screens call per person, so a kiosk search never reads the database. Today it knows
only names; the Workshops and Tables features each fill in their own block below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from workshop_app.core.directions import Directions, directions_for
from workshop_app.core.models import Attendee, Record

DirectionsFor = Callable[[Attendee], Directions]
R = TypeVar("R", bound=Record)


class RecordSource(Protocol):
    """What directions are read from: an EventStore (the kiosk) or an EventSession (the
    desk, whose reads say which record is damaged)."""

    def all(self, kind: type[R]) -> list[R]: ...


def load_directions(store: RecordSource) -> DirectionsFor:
    """Read the plans of `store` and return attendee -> Directions.

    Call it again after the plans change (the kiosk does on every reload).
    """
    # -- Workshops: attendee -> one line per round ---------------------------------------
    # From the saved plan and the ranges its last recompute chose (what the door signs
    # say), so a walk-in added after this was read is still told the right room, e.g.
    # ("Round 1, 10:30–11:30: Workshop A, Conference Room", ...).
    from workshop_app.core.workshop_plan import PlanInputs, route_lines

    plan_inputs = PlanInputs.read(store.all)
    workshop_allocation = None
    if plan_inputs.workshops:
        try:
            workshop_allocation = plan_inputs.allocate()
        except ValueError:  # ranges that no longer fit: the desk says "ask at the desk"
            workshop_allocation = None

    def workshop_route(attendee: Attendee) -> tuple[str, ...]:
        if workshop_allocation is None:
            return ()
        return route_lines(plan_inputs, workshop_allocation, attendee)

    # -- Tables: attendee id -> table label --------------------------------------------
    # From the current seating plan, e.g. "Table 3 – Garden".
    from workshop_app.core.models import DiscussionTable
    from workshop_app.core.seating import SeatingPlan
    from workshop_app.core.seating_desk import current_plan

    seating = current_plan(store.all(SeatingPlan))
    labels = {t.id: t.label for t in store.all(DiscussionTable)}
    tables: dict[str, str] = {
        attendee_id: labels[table_id]
        for attendee_id, table_id in (seating.seat_of.items() if seating else ())
        if table_id in labels
    }
    # -- end of the Tables block ---------------------------------------------------------

    def directions(attendee: Attendee) -> Directions:
        return directions_for(
            attendee,
            workshop_route=workshop_route(attendee),
            table=tables.get(attendee.id, ""),
        )

    return directions
