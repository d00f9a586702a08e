"""Everyone from one organisation, and the sector the desk already knows it by.

Imported lists often leave the sector blank ("other"), so the desk sets it once for a
whole organisation, and a walk-in from a known organisation gets its sector at once.
Organisations are compared as the search compares names: "Repair Café" and
"repair cafe" are the same.

Pure: no Textual, no store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from workshop_app.core.models import Attendee, Sector
from workshop_app.core.search import compact


def same_organisation(attendees: Iterable[Attendee], organisation: str) -> list[Attendee]:
    """Everyone whose organisation is `organisation` (case, accents, spaces ignored)."""
    key = compact(organisation)
    if not key:
        return []
    return [a for a in attendees if compact(a.organisation) == key]


def known_sector(attendees: Iterable[Attendee], organisation: str) -> str | None:
    """The sector most people from `organisation` have, other than "other"; None if none."""
    counts = Counter(
        a.sector for a in same_organisation(attendees, organisation) if a.sector != Sector.OTHER
    )
    return counts.most_common(1)[0][0] if counts else None


def with_sector(attendees: Iterable[Attendee], sector: str) -> list[Attendee]:
    """Each of `attendees` with `sector`, leaving out those who have it already."""
    return [a.edited(sector=sector) for a in attendees if a.sector != sector]
