"""What facilitators type when they set up workshops and rounds, checked and tidied.

Used by the Workshops tab's forms and by `workshop-app allocate`, so both accept and
refuse the same things with the same messages. Pure: no Textual, no store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from workshop_app.core.models import Workshop
from workshop_app.core.workshop_plan import WorkshopRound

MAX_CAPACITY = 10_000
MAX_TITLE_LENGTH = 80


def clean_workshop(
    title: str,
    room: str,
    lead: str,
    capacity: str,
    *,
    others: Iterable[Workshop] = (),
    editing: Workshop | None = None,
) -> Workshop:
    """A workshop from typed fields; ValueError saying what to fix."""
    title = " ".join(title.split())
    if not title:
        raise ValueError("The workshop needs a title, e.g. Workshop A.")
    if len(title) > MAX_TITLE_LENGTH:
        raise ValueError(f"Keep the title to {MAX_TITLE_LENGTH} characters.")
    clash = [w for w in others if w.title.casefold() == title.casefold()]
    if any(editing is None or w.id != editing.id for w in clash):
        raise ValueError(f"There is already a workshop called {title}.")
    places = clean_capacity(capacity)
    fields = dict(title=title, room=" ".join(room.split()), lead=" ".join(lead.split()))
    if editing is not None:
        return editing.edited(capacity=places, **fields)
    position = max((w.position for w in others), default=0) + 1
    return Workshop(capacity=places, position=position, **fields)


def clean_capacity(text: str) -> int:
    """Places in the room: blank means not set (0)."""
    text = text.strip()
    if not text:
        return 0
    if not text.isdigit():
        raise ValueError(f"Places must be a whole number, not '{text}'.")
    places = int(text)
    if places > MAX_CAPACITY:
        raise ValueError(f"{places:,} places is more than any room holds ({MAX_CAPACITY:,}).")
    return places


_TIME = re.compile(r"^(\d{1,2})[:.h]?(\d{2})$")


def clean_time(text: str, what: str = "time") -> str:
    """ "9:05", "0905", "9.05" -> "09:05"; blank stays blank; ValueError otherwise."""
    text = text.strip().lower()
    if not text:
        return ""
    match = _TIME.match(text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"The {what} '{text}' is not a time: write it like 10:30.")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def clean_round(
    starts: str,
    ends: str,
    *,
    others: Iterable[WorkshopRound] = (),
    editing: WorkshopRound | None = None,
) -> WorkshopRound:
    """A round from typed times; ValueError when they run backwards or overlap another."""
    start, end = clean_time(starts, "start"), clean_time(ends, "end")
    if start and end and end <= start:
        raise ValueError(f"The round ends ({end}) before it starts ({start}).")
    rest = [r for r in others if editing is None or r.id != editing.id]
    for other in rest:
        overlapping = start < other.ends and other.starts < end
        if start and end and other.starts and other.ends and overlapping:
            raise ValueError(f"{start}\u2013{end} overlaps round {other.number} ({other.times}).")
    if editing is not None:
        return editing.edited(starts=start, ends=end)
    return WorkshopRound(
        number=max((r.number for r in rest), default=0) + 1, starts=start, ends=end
    )


def renumbered(rounds: Iterable[WorkshopRound]) -> list[WorkshopRound]:
    """Rounds numbered 1, 2, ... in time order (untimed ones keep their place after)."""
    ordered = sorted(rounds, key=lambda r: (not r.starts, r.starts, r.number, r.id))
    return [r if r.number == n else r.edited(number=n) for n, r in enumerate(ordered, start=1)]


@dataclass(frozen=True)
class WorkshopSpec:
    """A workshop as given on the command line: "Workshop A=Conference Room:40"."""

    title: str
    room: str = ""
    capacity: int = 0


def parse_workshop_spec(text: str) -> WorkshopSpec:
    """ "TITLE=ROOM:PLACES" (room and places optional); ValueError saying what is wrong."""
    title, _, where = text.partition("=")
    room, colon, places = where.rpartition(":") if ":" in where else (where, "", "")
    title, room = " ".join(title.split()), " ".join(room.split())
    if not title:
        raise ValueError(f"'{text}' has no title: write it like 'Workshop A=Conference Room:40'.")
    if colon and not places.strip():
        raise ValueError(f"'{text}' has no number of places after the colon.")
    try:
        capacity = clean_capacity(places)
    except ValueError as problem:
        raise ValueError(f"'{text}': {problem}") from None
    return WorkshopSpec(title=title, room=room, capacity=capacity)
