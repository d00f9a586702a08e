"""A fictional regional network event, so a newcomer sees a populated app at once.

Modelled on a real regional VCSE/statutory network event with a community roadshow.
Every person and organisation is invented. The same records come out every time.
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass

from anyascii import anyascii

from workshop_app.core.models import (
    Attendee,
    CommunityGroup,
    DiscussionRound,
    Event,
    Record,
    Sector,
    Workshop,
)

DEMO_EVENT_NAME = "Northfield Community Network Event"
DEMO_ATTENDEE_COUNT = 120

FIRST_NAMES = (
    "Aisha",
    "Amir",
    "Ana",
    "Bethan",
    "Catrin",
    "Chloé",
    "Daniel",
    "Dafydd",
    "Eleanor",
    "Émile",
    "Fatima",
    "Finn",
    "Grace",
    "Gareth",
    "Hannah",
    "Idris",
    "Imran",
    "Jo",
    "José",
    "Kate",
    "Kwame",
    "Laura",
    "Lowri",
    "Mohammed",
    "Niamh",
    "Noor",
    "Olu",
    "Priya",
    "Rhys",
    "Ruth",
    "Sam",
    "Siân",
    "Sinéad",
    "Tom",
    "Wen",
    "Yusuf",
    "Zoë",
    "Zofia",
    "Łukasz",
    "Agnieszka",
    "Björn",
    "Marta",
)
SURNAMES = (
    "Abbott",
    "Ahmed",
    "Åström",
    "Baker",
    "Begum",
    "Bennett",
    "Chowdhury",
    "Clarke",
    "Davies",
    "de Souza",
    "Evans",
    "Fitzgerald",
    "Griffiths",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kaur",
    "Kowalski",
    "Lewis",
    "Li",
    "MacDonald",
    "McAllister",
    "Morgan",
    "Nowak",
    "Ní Bhriain",
    "O'Brien",
    "Ó Briain",
    "Okafor",
    "Patel",
    "Price",
    "Quinn",
    "Roberts",
    "Smith-Jones",
    "Taylor",
    "Thomas",
    "van der Berg",
    "de la Cruz",
    "Walsh",
    "Williams",
    "Xu",
    "Young",
    "Zieliński",
)
ORGANISATIONS: tuple[tuple[str, Sector], ...] = (
    ("Northfield Council for Voluntary Service", Sector.VCSE),
    ("Riverside Food Bank", Sector.VCSE),
    ("Age Friendly Northfield", Sector.VCSE),
    ("Northfield Youth Collective", Sector.VCSE),
    ("Canal Side Community Garden", Sector.VCSE),
    ("Women's Refuge Northfield", Sector.VCSE),
    ("Northfield Borough Council", Sector.STATUTORY),
    ("Northfield & District NHS Trust", Sector.STATUTORY),
    ("Northfield Police Neighbourhood Team", Sector.STATUTORY),
    ("North Valley Fire and Rescue", Sector.STATUTORY),
    ("Department for Work and Pensions", Sector.STATUTORY),
    ("Greenway Housing Association", Sector.BUSINESS),
    ("Hartley Builders Ltd", Sector.BUSINESS),
    ("Northfield Co-operative Bank", Sector.BUSINESS),
)
ROLES = (
    "Community Development Officer",
    "Volunteer Coordinator",
    "Chief Executive",
    "Project Worker",
    "Commissioning Manager",
    "Neighbourhood Sergeant",
    "Trustee",
    "Partnership Manager",
    "Health Improvement Practitioner",
    "Social Value Lead",
)
ACCESS_NEEDS = (
    "Ground floor only",
    "Wheelchair user",
    "Hearing loop",
    "Large print",
    "Seat near the door",
)
# No gendered titles: first names are drawn independently, so "Mr Laura" could happen.
TITLES = ("", "", "", "", "", "", "Dr", "Cllr", "Rev", "Prof")


@dataclass(frozen=True)
class DemoEvent:
    event: Event
    records: tuple[Record, ...]  # everything but the event itself


# Later features add their demo records: each names a function in core that takes the
# demo built so far and returns more records (it may read the attendees, workshops...).
FEATURE_DEMOS: tuple[str, ...] = (
    "workshop_app.core.demo_discussion.discussion_demo",
    "workshop_app.core.demo_workshops.workshop_demo",
)


def build_demo_event(event_date: str = "2026-11-23") -> DemoEvent:
    rng = random.Random(2026)
    event = Event(name=DEMO_EVENT_NAME, date=event_date, venue="Northfield Civic Centre")
    attendees = tuple(_attendee(rng, n, event_date) for n in range(DEMO_ATTENDEE_COUNT))
    workshops = (
        Workshop(
            title="Workshop A",
            room="Conference Room",
            lead="Ruth Okafor",
            capacity=70,
            position=1,
        ),
        Workshop(
            title="Workshop B",
            room="Meeting Room 3, ground floor",
            lead="Gareth Morgan",
            capacity=64,
            position=2,
        ),
    )
    questions = (
        DiscussionRound(
            prompt="How are you and your organisation contributing to social action "
            "in your communities?",
            number=1,
        ),
        DiscussionRound(
            prompt="What needs to change in local commissioning to achieve co-production?",
            number=2,
        ),
    )
    groups = (
        CommunityGroup(
            name="Canal Side Community Garden",
            description="Growing food and friendships on a disused wharf.",
            contact_name="Siân Hughes",
            looking_for="Weekend gardeners",
        ),
        CommunityGroup(
            name="Riverside Food Bank",
            description="Emergency food parcels and a weekly community café.",
            contact_name="Kwame Okafor",
            looking_for="Drivers and café helpers",
        ),
        CommunityGroup(
            name="Northfield Youth Collective",
            description="Youth-led music, sport and mentoring for 11-19s.",
            contact_name="Niamh Walsh",
            looking_for="Mentors with DBS checks",
        ),
        CommunityGroup(
            name="Age Friendly Northfield",
            description="Befriending calls and a Tuesday lunch club.",
            contact_name="Idris Price",
            looking_for="Befrienders",
        ),
        CommunityGroup(
            name="Northfield Repair Café",
            description="Fix it, don't bin it: monthly repair sessions at the library.",
            contact_name="Łukasz Nowak",
            looking_for="Anyone handy with a screwdriver",
        ),
    )
    demo = DemoEvent(event, (*attendees, *workshops, *questions, *groups))
    for name in FEATURE_DEMOS:
        module_name, _, function_name = name.rpartition(".")
        extend = getattr(importlib.import_module(module_name), function_name)
        demo = DemoEvent(event, (*demo.records, *extend(demo)))
    return demo


def _attendee(rng: random.Random, n: int, event_date: str) -> Attendee:
    first = rng.choice(FIRST_NAMES)
    surname = SURNAMES[n % len(SURNAMES)] if n < len(SURNAMES) else rng.choice(SURNAMES)
    organisation, sector = rng.choice(ORGANISATIONS)
    walk_in = n >= DEMO_ATTENDEE_COUNT - 6
    checked_in = walk_in or rng.random() < 0.55
    minute = rng.randrange(0, 50)
    return Attendee(
        title=rng.choice(TITLES),
        first_name=first,
        surname=surname,
        organisation=organisation,
        role=rng.choice(ROLES),
        sector=sector.value,
        email="" if walk_in else f"{_ascii_local(first)}.{_ascii_local(surname)}{n}@example.org",
        phone="" if rng.random() < 0.6 else f"07700 900{n:03d}",
        access_needs=rng.choice(ACCESS_NEEDS) if rng.random() < 0.08 else "",
        consent_share_contact=rng.random() < 0.7,
        consent_photos=rng.random() < 0.8,
        checked_in_at=f"{event_date}T09:{minute:02d}:00+00:00" if checked_in else "",
        walk_in=walk_in,
        attendee_number="" if walk_in else f"{1_000_000_000 + n * 37}",
        order_number="" if walk_in else f"{800_000 + n // 2}",
        ticket_type="Walk-in" if walk_in else "General admission",
    )


def _ascii_local(text: str) -> str:
    return "".join(c for c in anyascii(text).lower() if c.isalnum())
