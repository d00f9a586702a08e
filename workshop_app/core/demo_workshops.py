"""The demo event's workshop session: two rounds, and pins for people who need step-free access.

Follows the real programme the app was designed from: the groups swap rooms after the
first round. People whose access need is about stairs are pinned to the ground-floor
room for both rounds, as a facilitator would do on the day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop_app.core.models import Attendee, Record, Workshop
from workshop_app.core.workshop_plan import AllocationPin, WorkshopPlan, WorkshopRound

if TYPE_CHECKING:
    from workshop_app.core.demo import DemoEvent

STEP_FREE_NEEDS = ("Wheelchair user", "Ground floor only")


def workshop_demo(demo: DemoEvent) -> tuple[Record, ...]:
    """Rounds 10:30–11:30 and 11:45–12:45, the plan, and pins for step-free access."""
    workshops = [r for r in demo.records if isinstance(r, Workshop)]
    attendees = [r for r in demo.records if isinstance(r, Attendee)]
    ground_floor = next((w for w in workshops if "ground floor" in w.room.casefold()), None)
    records: list[Record] = [
        WorkshopRound(number=1, starts="10:30", ends="11:30"),
        WorkshopRound(number=2, starts="11:45", ends="12:45"),
        WorkshopPlan(),
    ]
    if ground_floor is not None:
        needing = [a for a in attendees if a.access_needs in STEP_FREE_NEEDS][:2]
        records += [
            AllocationPin(
                attendee_id=person.id,
                workshop_id=ground_floor.id,
                reason=f"{person.access_needs}: stays on the ground floor",
            )
            for person in needing
        ]
    return tuple(records)
