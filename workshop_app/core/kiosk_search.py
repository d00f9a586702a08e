"""Who the kiosk shows for what was typed: enough of a surname that prefixes list nobody.

The kiosk faces the queue, so a passer-by must not be able to list the room by trying
"Mc", "Sm", "Jo". A search needs at least three letters of the surname, matched from
the start of the surname or of one of its words ("berg" finds "van der Berg"), or the
whole of a surname shorter than that ("Ng", "Li": typed in full, and only them). When
several people match, each is shown with the first name's initial only ("J. Smith").

Pure: no Textual, no store.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.core.models import Attendee
from workshop_app.core.search import SearchIndex, compact

MIN_LETTERS = 3


@dataclass(frozen=True)
class KioskSearch:
    """What the kiosk found: `too_short` when it did not search at all."""

    people: tuple[Attendee, ...] = ()
    too_short: bool = False

    @property
    def initials_only(self) -> bool:
        return len(self.people) > 1


def kiosk_search(index: SearchIndex, typed: str) -> KioskSearch:
    """The people `typed` finds at the kiosk (see the module's rules)."""
    needle = compact(typed)
    if len(needle) >= MIN_LETTERS:
        return KioskSearch(tuple(index.surname_matches(needle, min_length=MIN_LETTERS)))
    whole = tuple(a for a in index.attendees if needle and compact(a.surname) == needle)
    return KioskSearch(whole) if whole else KioskSearch(too_short=True)


def kiosk_name(attendee: Attendee, *, initial_only: bool) -> str:
    """The name as the kiosk shows it: "Zoë Ní Bhriain", or "Z. Ní Bhriain" among several."""
    if not initial_only:
        return attendee.display_name or "(no name)"
    first = attendee.first_name.strip()
    initial = f"{first[0]}." if first else ""
    return " ".join(p for p in (initial, attendee.surname) if p) or "(no name)"
