"""Fictional events of any size for the bench, the same records for the same seed."""

from __future__ import annotations

import random
import uuid
from pathlib import Path

from workshop_app.core.demo import (
    ACCESS_NEEDS,
    FIRST_NAMES,
    ORGANISATIONS,
    ROLES,
    SURNAMES,
    TITLES,
)
from workshop_app.core.models import Attendee, Event
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore

STAMP = "2026-11-01T09:00:00.000000+00:00"


def fictional_attendees(count: int, seed: int = 2026) -> list[Attendee]:
    """`count` invented attendees; ids and timestamps too come from `seed`."""
    rng = random.Random(seed)
    attendees = []
    for n in range(count):
        first = rng.choice(FIRST_NAMES)
        surname = rng.choice(SURNAMES)
        organisation, sector = rng.choice(ORGANISATIONS)
        attendees.append(
            Attendee(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                created=STAMP,
                updated=STAMP,
                title=rng.choice(TITLES),
                first_name=first,
                surname=surname,
                organisation=organisation,
                role=rng.choice(ROLES),
                sector=sector.value,
                email=f"attendee{n}@example.org",
                phone="" if rng.random() < 0.6 else f"07700 9{n % 100_000:05d}",
                access_needs=rng.choice(ACCESS_NEEDS) if rng.random() < 0.08 else "",
                consent_share_contact=rng.random() < 0.7,
                consent_photos=rng.random() < 0.8,
                checked_in_at=f"2026-11-23T09:{rng.randrange(60):02d}:00+00:00"
                if rng.random() < 0.5
                else "",
                attendee_number=f"{1_000_000_000 + n * 37}",
                order_number=f"{800_000 + n // 2}",
                ticket_type="General admission",
            )
        )
    return attendees


def make_event(folder: Path, count: int, seed: int = 2026) -> Path:
    """A closed event database of `count` fictional attendees in `folder`; its path."""
    path = folder / f"bench-{count}-attendees.json"
    event = Event(
        id=str(uuid.UUID(int=random.Random(seed).getrandbits(128), version=4)),
        created=STAMP,
        updated=STAMP,
        name=f"Bench event ({count:,} attendees)",
        date="2026-11-23",
        venue="Northfield Civic Centre",
    )
    folder.mkdir(parents=True, exist_ok=True)
    with EventStore.create(path, event) as store:
        store.save_many(fictional_attendees(count, seed))
    return path


def demo_event(folder: Path) -> Path:
    """The app's own demo event (about 120 attendees), created in `folder`."""
    return EventCatalog(folder).demo()
