"""Where one attendee goes today: their workshop room each round and their table.

The desk reads this out to a walk-in, and the kiosk shows it to whoever types their
surname. Workshops and tables are planned by other parts of the app; this module only
words what they decide, and says "ask at the desk" when nothing is decided yet.

Pure: no Textual, no store.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.core.models import Attendee

ASK_AT_THE_DESK = "Ask at the desk for your workshop"


@dataclass(frozen=True)
class Directions:
    """One person's way through the day.

    Attributes:
        name: the attendee's name as it would be read out.
        workshops: one line per round, e.g. "Round 1 (10:30): Workshop A, Conference Room".
        table: e.g. "Table 3 – Garden"; blank when not seated yet.
    """

    name: str
    workshops: tuple[str, ...] = ()
    table: str = ""

    @property
    def known(self) -> bool:
        """True when there is anything to tell them beyond their name."""
        return bool(self.workshops or self.table)

    def lines(self) -> tuple[str, ...]:
        """What to show or say, one line each; never empty."""
        lines = list(self.workshops) or [ASK_AT_THE_DESK]
        if self.table:
            lines.append(f"Your table: {self.table}")
        return tuple(lines)


def directions_for(
    attendee: Attendee, *, workshop_route: tuple[str, ...] | list[str] = (), table: str = ""
) -> Directions:
    """The directions of `attendee`, given what the workshop and table plans say."""
    name = attendee.display_name or "(no name)"
    return Directions(
        name=name,
        workshops=tuple(line for line in workshop_route if line.strip()),
        table=table.strip(),
    )
