"""The domain records of an event, as immutable values.

Every record has a stable UUID (`id`) and `created`/`updated` timestamps so that
databases from two laptops can be merged. Change a record with `dataclasses.replace`
(or `Record.edited`), which returns a new value.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Self

from workshop_app.core.clock import new_id, now_iso

SCHEMA_VERSION = 1


class Sector(StrEnum):
    """Where someone works; table discussions mix these."""

    VCSE = "VCSE"
    STATUTORY = "statutory"
    BUSINESS = "business"
    RESIDENT = "resident"
    OTHER = "other"


@dataclass(frozen=True, kw_only=True)
class Record:
    """Fields every stored record has.

    Each kind names the table it is stored in (`table`), so the store needs no list
    of kinds and a new feature's records are storable as soon as they are defined.
    """

    table: ClassVar[str] = ""

    id: str = field(default_factory=new_id)
    created: str = field(default_factory=now_iso)
    updated: str = field(default_factory=now_iso)

    def edited(self, **changes: Any) -> Self:
        """A copy with `changes` applied and `updated` stamped now."""
        return dataclasses.replace(self, updated=now_iso(), **changes)


@dataclass(frozen=True, kw_only=True)
class Event(Record):
    """One event: a network event, a workshop day or a roadshow stop."""

    table: ClassVar[str] = "event"

    name: str
    date: str = ""  # ISO date, YYYY-MM-DD; blank when not yet fixed
    venue: str = ""
    schema_version: int = SCHEMA_VERSION


@dataclass(frozen=True, kw_only=True)
class Attendee(Record):
    """A person on the list or a walk-in."""

    table: ClassVar[str] = "attendees"

    first_name: str = ""
    surname: str = ""
    title: str = ""
    organisation: str = ""
    role: str = ""
    sector: str = Sector.OTHER.value
    email: str = ""
    phone: str = ""
    access_needs: str = ""
    consent_share_contact: bool = False  # contact details may be shared with stallholders
    consent_photos: bool = False
    notes: str = ""
    checked_in_at: str = ""  # ISO timestamp; blank when not checked in
    walk_in: bool = False
    attendee_number: str = ""  # from the ticketing export, used to match re-imports
    order_number: str = ""
    ticket_type: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # custom question columns

    @property
    def display_name(self) -> str:
        """Name as it would be read out: "Dr Zoë Ní Bhriain"."""
        return " ".join(p for p in (self.title, self.first_name, self.surname) if p)

    @property
    def checked_in(self) -> bool:
        return bool(self.checked_in_at)


@dataclass(frozen=True, kw_only=True)
class Workshop(Record):
    """A workshop that runs in a room, once per round."""

    table: ClassVar[str] = "workshops"

    title: str
    room: str = ""
    lead: str = ""
    capacity: int = 0  # 0 means not set
    position: int = 0  # order on the programme


@dataclass(frozen=True, kw_only=True)
class DiscussionTable(Record):
    """A table in the room: the number on its sign, an optional name and its seats."""

    table: ClassVar[str] = "discussion_tables"

    number: int
    name: str = ""
    size: int = 8

    @property
    def label(self) -> str:
        """How the table is announced: "Table 3 – Garden Room"."""
        return f"Table {self.number} – {self.name}" if self.name else f"Table {self.number}"


@dataclass(frozen=True, kw_only=True)
class DiscussionRound(Record):
    """One round of table discussion: the question on the screen and its countdown.

    The timer lives on the record (see core/round_timer.py) so it survives a restart and
    a read-only kiosk process can show it: `timer_started_at` is when the current run
    began ("" when stopped), `timer_elapsed_seconds` the running time before that run.
    """

    table: ClassVar[str] = "discussion_rounds"

    number: int = 1
    prompt: str = ""
    minutes: int = 20
    extended_minutes: int = 0
    timer_started_at: str = ""
    timer_elapsed_seconds: float = 0.0


@dataclass(frozen=True, kw_only=True)
class CommunityGroup(Record):
    """A local group at a roadshow: maps its assets, then runs a market-place stall."""

    table: ClassVar[str] = "groups"

    name: str
    description: str = ""
    contact_name: str = ""
    contact_email: str = ""
    looking_for: str = ""  # the volunteers it is recruiting
