"""The allocation as CSV: one row per person, their surname key, group and room each round.

For the organiser's records and for anyone who wants to check the split in a spreadsheet.
"""

from __future__ import annotations

import csv
import io

from workshop_app.core.allocation import Allocation
from workshop_app.core.workshop_plan import PlanInputs, group_label, route_for

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_csv(inputs: PlanInputs, allocation: Allocation) -> str:
    """Everyone counted, by surname key; people who need a surname are listed too."""
    out = io.StringIO()
    writer = csv.writer(out)
    rounds = [inputs.round_label(t) for t in range(allocation.rounds)]
    writer.writerow(["attendee id", "attendee", "surname key", "group", *rounds])
    counted = set(allocation.group_by_attendee) | set(allocation.pinned_by_attendee)
    people = [a for a in inputs.attendees if a.id in counted] + list(allocation.unplaced)
    keyed = sorted(
        ((allocation.key_for(a), a) for a in people),
        key=lambda pair: (pair[0].key == "", pair[0].key, pair[1].first_name, pair[1].id),
    )
    for key, person in keyed:
        if person.id in allocation.pinned_by_attendee:
            workshop = allocation.workshops[allocation.pinned_by_attendee[person.id]]
            group = f"pinned to {workshop.title}"
        elif (index := allocation.group_of(person.id)) is not None:
            group = group_label(allocation, index)
        else:
            group = "needs a surname"
        route = [allocation.workshops[w].title for w in route_for(allocation, person)]
        if key.needs_surname:
            route = [""] * allocation.rounds
        writer.writerow(
            [_safe(v) for v in (person.id, person.display_name, key.key, group, *route)]
        )
    return out.getvalue()


def _safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (names can start with "=")."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
