"""The demo event's table discussions: tables named after local places, seated from the
checked-in attendees, two rounds of notes from every table, themes, a filled grid,
actions and dots. Everything is chosen by position, never at random, so every build of
the demo reads the same (and snapshot tests stay stable).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop_app.core.discussion import (
    Action,
    GridEntry,
    Note,
    Vote,
    VoterKind,
    starter_themes,
)
from workshop_app.core.dot_budget import DotBudget
from workshop_app.core.models import Attendee, DiscussionRound, DiscussionTable, Record
from workshop_app.core.seating_desk import seat_room

if TYPE_CHECKING:
    from workshop_app.core.demo import DemoEvent

TABLE_PLACES = (
    "Riverside",
    "Canal Side",
    "Northfield Green",
    "Hartley Park",
    "Old Mill",
    "Greenway",
    "Market Square",
    "Station Road",
)

# (text, theme number in the starter set or -1 for none, grid column or "")
ROUND_ONE_NOTES: tuple[tuple[str, int, str], ...] = (
    ("We run a weekly lunch club with 40 volunteers", 5, "happening"),
    ("Nobody knows what the other groups in the ward are doing", 0, "gaps"),
    ("A shared calendar of community events would stop clashes", 0, "needs"),
    ("Council staff volunteer days are under-used", 5, "gaps"),
    ("Small groups cannot afford public liability insurance", 4, "gaps"),
    ("Youth Collective trains young people as peer mentors", 4, "happening"),
    ("Share one minibus between three food projects", 2, "needs"),
    ("Residents are asked the same questions by every agency", 1, "gaps"),
    ("Police surgeries held in the food bank café", 1, "happening"),
    ("Need a volunteer passport so checks carry across groups", 5, "needs"),
    ("Church hall lent free to two new groups this year", 2, "happening"),
    ("Lovely to meet people from the fire service today", -1, ""),
)
ROUND_TWO_NOTES: tuple[tuple[str, int, str], ...] = (
    ("Contracts are too big for local charities to bid for", 3, "gaps"),
    ("Involve residents in writing the specification", 1, "needs"),
    ("Three-year grants instead of annual ones", 3, "needs"),
    ("The social prescribing pilot was co-designed with groups", 3, "happening"),
    ("Training for commissioners on what VCSE groups can offer", 4, "needs"),
    ("Data is not shared between health and the council", 0, "gaps"),
    ("Pool small budgets across services for one local offer", 2, "needs"),
    ("Feedback to groups after a bid is rarely given", 3, "gaps"),
    ("Community panels already score some grant applications", 1, "happening"),
    ("Volunteers burn out when funding stops suddenly", 5, "gaps"),
    ("Could the council's social value fund go to co-production?", -1, ""),
)
TYPED_GRID = (
    (0, "needs", "One directory of local groups, kept up to date"),
    (3, "gaps", "Procurement rules written for national providers"),
    (5, "happening", "Volunteer Centre matches 300 people a year"),
)
ACTIONS = (
    (0, "Set up a shared events calendar for the borough"),
    (3, "Split the next large contract into local lots"),
    (3, "Give written feedback on every unsuccessful bid"),
    (5, "Pilot a volunteer passport with three groups"),
)
DOTS_PER_TABLE = 3
# Each table's three dots, as positions in (six starter themes, then the actions above).
VOTE_PLAN = ((3, 5, 6), (3, 0, 9), (5, 3, 1), (3, 5, 7), (0, 3, 9), (5, 1, 3), (3, 2, 6), (5, 4, 8))
NOTES_PER_TABLE = 3


def discussion_demo(demo: DemoEvent) -> tuple[Record, ...]:
    """Tables, seating, notes, themes, grid, actions and votes for the demo event."""
    rounds = sorted(
        (r for r in demo.records if isinstance(r, DiscussionRound)), key=lambda r: r.number
    )
    attendees = [r for r in demo.records if isinstance(r, Attendee)]
    tables = tuple(
        DiscussionTable(number=n, name=place, size=10)
        for n, place in enumerate(TABLE_PLACES, start=1)
    )
    plan = seat_room(attendees, tables, {}, everyone=False)
    themes = starter_themes()
    notes = [
        Note(
            table_id=table.id,
            round_id=round_.id,
            text=text,
            theme_id=themes[theme].id if theme >= 0 else "",
            grid_column=column if theme >= 0 else "",
            position=k,
        )
        for round_, pool in zip(rounds, (ROUND_ONE_NOTES, ROUND_TWO_NOTES), strict=False)
        for t, table in enumerate(tables)
        for k, (text, theme, column) in enumerate(
            pool[(t * NOTES_PER_TABLE + i) % len(pool)] for i in range(NOTES_PER_TABLE)
        )
    ]
    grid = tuple(
        GridEntry(theme_id=themes[theme].id, column=column, text=text, position=k)
        for k, (theme, column, text) in enumerate(TYPED_GRID)
    )
    actions = tuple(
        Action(theme_id=themes[theme].id, text=text, position=k)
        for k, (theme, text) in enumerate(ACTIONS)
    )
    targets = (*themes, *actions)
    votes = tuple(
        Vote(
            voter=table.id,
            voter_kind=VoterKind.TABLE.value,
            target_id=targets[target].id,
        )
        for table, dots in zip(tables, VOTE_PLAN, strict=True)
        for target in dots
    )
    budget = DotBudget(dots=DOTS_PER_TABLE, voter_kind=VoterKind.TABLE.value)
    return (*tables, plan, *themes, *notes, *grid, *actions, *votes, budget)
