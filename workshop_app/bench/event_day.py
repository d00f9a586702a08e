"""The event day as a script: every key a facilitator presses, and what the screen then shows.

One declarative list of steps, run by two drivers at 80x24: `event_day_pilot` (in the
process, headless; the test and the bench use it) and `event_day_tmux` (the real app in
a real terminal, for people to watch). A step sends its keys, then waits until each
`expect` text is on the screen and each `absent` text is gone; nothing sleeps.

The day, in the order a facilitator runs it: create the event from the launcher; import
a Windows-1252 Eventbrite list (written by `write_guest_list`); before the doors open,
set up two workshops over two rounds and two discussion tables with their question;
then the desk: a walk-in, two check-ins, the kiosk; then the room: seat everyone, notes,
themes, the grid, dots, the plenary; a latecomer walks in and is given a seat; close
the event and open it again, and check what it holds (`saved_day_problems`).

Keystrokes are counted for three tasks (`task_counts`): a walk-in (from the desk to the
person told where to go), a check-in (from typing the surname to checked in) and a
note (from the capture screen to the note saved). What is typed (names, notes) is
counted apart from the other keys.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workshop_app.core.discussion import (
    STARTER_THEME_NAMES,
    Action,
    GridEntry,
    Note,
    Theme,
    Vote,
)
from workshop_app.core.models import (
    Attendee,
    DiscussionRound,
    DiscussionTable,
    Event,
    Sector,
    Workshop,
)
from workshop_app.core.seating import SeatingPlan
from workshop_app.core.workshop_plan import WorkshopRound
from workshop_app.store.event_store import EventStore

SIZE = (80, 24)
"""The terminal the day is run in: a laptop's default window."""

EVENT_NAME = "Riverside Network Event"
EVENT_DATE = "2027-05-14"
VENUE = "Civic Centre"
QUESTION = "How are you and your organisation contributing to social action in your communities?"
KIOSK_PIN = "2468"
NOTES = (
    "We run a weekly lunch club with volunteers from the estate",
    "Young people want more say in how the park is used",
)
GRID_LINE = "A regular forum where young people meet councillors"
ACTION = "Youth panel to advise the parks team"
WALK_INS = (("Kim", "Lee", "Riverside City Council"), ("Sam", "Taylor", "Hope Foodbank"))
CHECK_INS = (("obri", "Zoë Ó Briain"), ("okafor", "Grace Okafor"))

# The Eventbrite list: (first name, last name, company, answer to the sector question).
GUESTS = (
    ("Seán", "O’Brien", "Café Connect CIC", "Voluntary"),
    ("Renée", "Dubois", "Riverside Library", "Council"),
    ("Bartholomew", "Achterberg", "Achterberg & Sons", "Private business"),
    ("Zoë", "Ó Briain", "Age Friendly Network", "Charity"),
    ("Priya", "Ó Súilleabháin", "NHS Riverside", "NHS"),
    ("Mohammed", "Rahman", "Riverside City Council", "Local authority"),
    ("Grace", "Okafor", "Hope Foodbank", "Charity"),
    ("Tom", "Fletcher", "Fletcher Print Ltd", "Business"),
    ("Anna", "van der Berg", "Northside Community Trust", "Voluntary"),
    ("Ewa", "Kowalska", "NHS Riverside", "NHS"),
    ("Jean-Luc", "de Villiers", "Riverside City Council", "Council"),
    ("Ama", "Oduya-Mensah", "Oduya Consulting Ltd", "Private business"),
)


@dataclass(frozen=True)
class Type:
    """Text typed letter by letter; `what` names it in the key counts ("name")."""

    text: str
    what: str = ""


Key = str | Type
"""A Textual key name ("enter", "ctrl+n", "s", "2") or text typed."""


@dataclass(frozen=True)
class Step:
    """Press `keys`, then wait until every `expect` is on the screen and every `absent` is
    not. `task` marks the steps whose keys are counted; `starts_task` the first of each
    time the task is done. `quits` is the last step: the app exits."""

    name: str
    keys: tuple[Key, ...]
    expect: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    task: str = ""
    starts_task: bool = False
    quits: bool = False


def _step(
    name: str,
    *keys: Key,
    expect: str | tuple[str, ...] = (),
    absent: str | tuple[str, ...] = (),
    task: str = "",
    starts_task: bool = False,
    quits: bool = False,
) -> Step:
    def texts(value: str | tuple[str, ...]) -> tuple[str, ...]:
        return (value,) if isinstance(value, str) else value

    return Step(name, keys, texts(expect), texts(absent), task, starts_task, quits)


# A tab's own keys work once the focus is inside it: a step that changes tab waits for
# the tab's keys in the footer, as a person waits to see the tab before typing.


def event_day(guest_list: Path) -> tuple[Step, ...]:
    """The whole day at 80x24, from an empty sessions folder to the event reopened."""
    return (
        *_create_and_import(guest_list),
        *_workshops_set_up(),
        *_tables_set_up(),
        *_the_desk(),
        *_the_room(),
        *_a_latecomer(),
        *_close_and_reopen(),
    )


def _create_and_import(guest_list: Path) -> tuple[Step, ...]:
    return (
        _step("launcher, no events yet", expect="Press n to create one"),
        _step("new event form", "n", expect="New event"),
        _step(
            "name, date, venue",
            Type(EVENT_NAME),
            "tab",
            Type(EVENT_DATE),
            "tab",
            Type(VENUE),
            "enter",
            expect=("Friday 14 May 2027 · Civic Centre", "No attendees yet"),
        ),
        _step("import: the path", "ctrl+o", expect="Import attendees"),
        _step(
            "import: the preview",
            Type(str(guest_list)),
            "enter",
            expect=("12 new · 0 updated", "Import 12"),
        ),
        _step(
            "import: confirm", "ctrl+s", expect="Registered 12 · Walk-ins 0 · Checked in 0 of 12"
        ),
    )


def _workshops_set_up() -> tuple[Step, ...]:
    steps = [_step("workshops tab", "2", expect=("No workshops yet", "a Add workshop"))]
    for title, room in (("Workshop A", "Conference Room"), ("Workshop B", "Meeting Room 3")):
        steps += [
            _step(f"add {title}", "a", expect="Add a workshop"),
            _step(
                f"{title}: title, room, no lead, 8 places",
                Type(title),
                "enter",
                Type(room),
                "enter",
                "enter",
                Type("8"),
                "enter",
                expect=("/8 people", "a Add workshop"),
                absent="Add a workshop",
            ),
        ]
    for starts, ends in (("10:30", "11:15"), ("11:30", "12:15")):
        steps += [
            _step(f"add the round at {starts}", "t", expect="Add a round"),
            _step(
                f"round {starts}–{ends}",
                Type(starts),
                "enter",
                Type(ends),
                "enter",
                expect=f"{starts}–{ends}",
                absent="Add a round",
            ),
        ]
    steps.append(_step("the split, in two rounds", expect=("Round 2", "Meeting Room 3")))
    return tuple(steps)


def _tables_set_up() -> tuple[Step, ...]:
    steps = [
        _step("tables tab", "3", expect=("No discussion round yet", "s Seat all")),
        _step("new discussion round", "n", expect="The question the tables discuss"),
        _step(
            "the question, 20 minutes",
            Type(QUESTION),
            "enter",
            "enter",
            expect="Round 1 of 1: How are you",
        ),
    ]
    for number in (1, 2):
        steps += [
            _step(f"add table {number}", "a", expect="Number on its sign"),
            _step(
                f"table {number}, 8 seats",
                "enter",
                "enter",
                "enter",
                expect=f"Table {number} added.",
            ),
        ]
    return tuple(steps)


def _walk_in(first: str, surname: str, organisation: str, told: str) -> tuple[Step, ...]:
    name = f"{first} {surname}"
    return (
        _step(
            f"walk-in {name}: the form",
            "ctrl+n",
            expect="first name and surname",
            task="walk-in",
            starts_task=True,
        ),
        _step(
            f"walk-in {name}: name and organisation, saved",
            Type(name, "name"),
            "enter",
            Type(organisation, "organisation"),
            "enter",
            expect=(f"Welcome, {name}!", told),
            task="walk-in",
        ),
        _step(
            f"walk-in {name}: directions closed",
            "enter",
            expect=f"{surname}, {first}",
            absent=f"Welcome, {name}!",
            task="walk-in",
        ),
    )


def _the_desk() -> tuple[Step, ...]:
    first, surname, organisation = WALK_INS[0]
    steps = [
        _step("the desk", "1", expect=("Registered 12", "^n Walk-in")),
        *_walk_in(first, surname, organisation, told="Round 1, 10:30–11:15"),
        _step("one walk-in checked in", expect="Walk-ins 1 · Checked in 1 of 13"),
    ]
    for typed, person in CHECK_INS:
        steps += [
            _step(
                f"find {person}",
                Type(typed, "surname"),
                expect=f"shown · {person}",
                task="check-in",
                starts_task=True,
            ),
            _step(
                f"check in {person}",
                "enter",
                "enter",
                expect=f"Checked in {person} at",
                task="check-in",
            ),
        ]
    return (
        *steps,
        _step("kiosk: the PIN", "ctrl+k", expect="Facilitator PIN"),
        _step("kiosk: open", Type(KIOSK_PIN), "enter", expect="Type your surname, then look below"),
        _step("kiosk: a surname", Type("okafor"), expect=("Grace Okafor", "Round 2, 11:30–12:15")),
        _step("kiosk: leave", "ctrl+k", expect="PIN to leave the kiosk"),
        _step(
            "kiosk: the PIN to leave",
            Type(KIOSK_PIN),
            "enter",
            expect="Registered 12 · Walk-ins 1 · Checked in 3 of 13",
        ),
    )


def _the_room() -> tuple[Step, ...]:
    return (
        _step("tables tab", "3", expect=("Round 1 of 1", "s Seat all")),
        _step("seat everyone checked in", "s", expect="3 people seated"),
        _step(
            "capture table 1", "c", expect=("Table 1 · Round 1", "Type a note, Enter to save it")
        ),
        *(
            _step(
                f"note {number}",
                Type(note, "note"),
                "enter",
                expect=f"{number}. {note[:30]}",
                task="note",
                starts_task=True,
            )
            for number, note in enumerate(NOTES, start=1)
        ),
        _step("back to the tables", "escape", expect="2 notes · 0 themes"),
        _step("themes", "h", expect="s adds the six usual ones"),
        _step("the six starter themes", "s", expect="6 starter themes added."),
        _step("select note 1, give a theme", "space", "t", expect="Theme for 1 note"),
        _step(
            "note 1: Volunteering",
            *["down"] * 5,
            "enter",
            expect="1 note now under Volunteering.",
        ),
        _step("select note 2, give a theme", "down", "space", "t", expect="Theme for 1 note"),
        _step("note 2: Information sharing", "enter", expect="1 note now under Information"),
        _step(
            "the grid of Information sharing",
            "shift+tab",
            "down",
            "down",
            "g",
            expect="Theme: Information sharing",
        ),
        _step("add an action", "c", expect="esc Cancel", absent="c Add action"),
        _step("the action", Type(ACTION), "enter", expect=(ACTION, "c Add action")),
        _step("add a line to the grid", "a", expect="Which column?"),
        _step("what needs to happen", "enter", expect="esc Cancel", absent="Which column?"),
        _step(
            "the line",
            Type(GRID_LINE),
            "enter",
            expect=("A regular forum where", "c Add action"),
        ),
        _step("back to the themes", "escape", expect="g Grid"),
        _step("back to the tables", "escape", expect="2 notes · 6 themes"),
        _step("dots", "v", expect="Table 1: 3 left"),
        # All at 0 dots the ranking is alphabetical; the cursor follows each item voted for.
        _step(
            "table 1: a dot on Information sharing",
            "tab",
            "down",
            "down",
            "down",
            "d",
            expect="Table 1 → Information sharing",
        ),
        _step("table 1: a second dot on it", "d", expect="Table 1: 1 left"),
        _step(
            "table 1: a dot on Volunteering",
            *["down"] * 5,
            "d",
            expect=("Table 1 → Volunteering", "Table 1: 0 left"),
        ),
        _step("table 2 votes", "shift+tab", "down", "tab", expect="Table 2: 3 left"),
        _step("table 2: a dot on Volunteering", "d", expect="Table 2 → Volunteering"),
        _step(
            "table 2: a dot on the action",
            *["down"] * 5,
            "d",
            expect="Table 2 → Youth panel",
        ),
        _step("back to the tables", "escape", expect="2 notes · 6 themes"),
        _step(
            "plenary: tied first place",
            "o",
            expect=("How are you and your organisation", "joint", f"→ {ACTION}"),
        ),
        _step("back from the plenary", "escape", expect="2 notes · 6 themes"),
    )


def _a_latecomer() -> tuple[Step, ...]:
    first, surname, organisation = WALK_INS[1]
    return (
        _step("the desk", "1", expect=("Registered 12", "^n Walk-in")),
        *_walk_in(first, surname, organisation, told="Your table: Table"),
        _step("two walk-ins", expect="Walk-ins 2 · Checked in 4 of 14"),
    )


def _close_and_reopen() -> tuple[Step, ...]:
    return (
        _step("close the event", "ctrl+w", expect=f"Close '{EVENT_NAME}'"),
        _step("confirm", "enter", expect="14 attendees"),
        _step("reopen it", "enter", expect="Registered 12 · Walk-ins 2 · Checked in 4 of 14"),
        _step("the walk-in is there", Type("lee"), expect="shown · Kim Lee · arrived"),
        # A tab key pressed while the tabs after the desk are still being built leaves the
        # focus on the row of tabs, where the tab's own keys do nothing: wait for the
        # Export tab, built last.
        _step("every tab built", "6", expect="Export the whole event as one JSON file"),
        _step("the tables", "3", expect=("4 seated", "2 notes · 6 themes", "s Seat all")),
        _step("table 1's notes", "c", expect=f"1. {NOTES[0][:30]}"),
        _step("back to the tables", "escape", expect="2 notes · 6 themes"),
        _step("close it again", "ctrl+w", expect=f"Close '{EVENT_NAME}'"),
        _step("confirm", "enter", expect="14 attendees"),
        _step("quit", "q", quits=True),
    )


# -- the guest list -----------------------------------------------------------------------


def write_guest_list(folder: Path) -> Path:
    """An Eventbrite attendee list in the older layout, Windows-1252: a title line above
    the header, a blank line, and the custom question about the organisation's sector."""
    rows: list[list[str]] = [
        [f"Attendee list: {EVENT_NAME}, 14 May 2027"],
        [],
        [
            "Order ID",
            "Date Attending",
            "Attendee #",
            "First Name",
            "Last Name",
            "Email",
            "Company",
            "Job Title",
            "Attendee Status",
            "Ticket Type",
            "What is your organisation's sector?",
        ],  # fmt: skip
    ]
    for number, (first, last, company, sector) in enumerate(GUESTS):
        rows.append(
            [
                str(3001 + number),
                "14/05/2027",
                str(7001 + number),
                first,
                last,
                f"guest{number}@example.org",
                company,
                "Officer",
                "Attending",
                "Delegate",
                sector,
            ]  # fmt: skip
        )
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = folder / "riverside-attendees.csv"
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


# -- counting keys ------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyCount:
    """The keys of one task done once: what was typed, and every other key."""

    task: str
    typed: tuple[Type, ...]
    keys: int

    @property
    def letters(self) -> int:
        return sum(len(t.text) for t in self.typed)

    def describe(self) -> str:
        """ "name + organisation (29 letters) + 4 keys" """
        what = " + ".join(t.what or "text" for t in self.typed)
        keys = f"{self.keys} key{'s' if self.keys != 1 else ''}"
        return f"{what} ({self.letters} letters) + {keys}" if self.typed else keys


def task_counts(steps: Sequence[Step]) -> list[KeyCount]:
    """One count per time a task is done, in the order of the day."""
    counts: list[KeyCount] = []
    for step in steps:
        if not step.task:
            continue
        typed = tuple(k for k in step.keys if isinstance(k, Type))
        keys = sum(1 for k in step.keys if not isinstance(k, Type))
        if step.starts_task or not counts or counts[-1].task != step.task:
            counts.append(KeyCount(step.task, typed, keys))
        else:
            last = counts[-1]
            counts[-1] = KeyCount(last.task, last.typed + typed, last.keys + keys)
    return counts


def total_keys(steps: Iterable[Step]) -> int:
    """Every key pressed in the day, each typed letter counted as one."""
    return sum(len(k.text) if isinstance(k, Type) else 1 for s in steps for k in s.keys)


# -- what the event holds afterwards ------------------------------------------------------


def saved_day_problems(path: Path) -> list[str]:
    """What the reopened event should hold after the day and does not (empty when all is
    there): read from the file, read-only, after the app has closed it."""
    with EventStore(path, read_only=True) as store:
        return _problems(store)


def _problems(store: EventStore) -> list[str]:
    problems: list[str] = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    event: Event = store.event
    check((event.name, event.date, event.venue) == (EVENT_NAME, EVENT_DATE, VENUE), "event")
    people = {f"{a.first_name} {a.surname}": a for a in store.all(Attendee)}
    check(len(people) == len(GUESTS) + len(WALK_INS), f"{len(people)} attendees")
    for first, surname, organisation in WALK_INS:
        person = people.get(f"{first} {surname}")
        check(
            person is not None
            and person.walk_in
            and person.checked_in
            and person.organisation == organisation,
            f"walk-in {first} {surname}",
        )
    checked_in = {name for name, a in people.items() if a.checked_in}
    expected_in = {person for _, person in CHECK_INS} | {f"{f} {s}" for f, s, _ in WALK_INS}
    check(checked_in == expected_in, f"checked in: {sorted(checked_in)}")
    check(people.get("Zoë Ó Briain", Attendee()).sector == Sector.VCSE, "sector from the import")
    check(people.get("Kim Lee", Attendee()).sector == Sector.STATUTORY, "the walk-in's sector")

    workshops = {(w.title, w.room, w.capacity) for w in store.all(Workshop)}
    check(
        workshops == {("Workshop A", "Conference Room", 8), ("Workshop B", "Meeting Room 3", 8)},
        f"workshops {workshops}",
    )
    rounds = sorted(r.times for r in store.all(WorkshopRound))
    check(rounds == ["10:30–11:15", "11:30–12:15"], f"workshop rounds {rounds}")

    check([r.prompt for r in store.all(DiscussionRound)] == [QUESTION], "discussion round")
    check(len(store.all(DiscussionTable)) == 2, "two tables")
    themes = {t.id: t.name for t in store.all(Theme)}
    check(sorted(themes.values()) == sorted(STARTER_THEME_NAMES), "the starter themes")
    notes = {n.text: themes.get(n.theme_id, "") for n in store.all(Note)}
    check(
        notes == {NOTES[0]: "Volunteering", NOTES[1]: "Information sharing"},
        f"notes {notes}",
    )
    check([g.text for g in store.all(GridEntry)] == [GRID_LINE], "the grid line")
    actions = {a.id: a.text for a in store.all(Action)}
    check(list(actions.values()) == [ACTION], "the action")
    dots: Counter[str] = Counter()
    for vote in store.all(Vote):
        dots[themes.get(vote.target_id) or actions.get(vote.target_id, "?")] += vote.dots
    check(
        dots == Counter({"Information sharing": 2, "Volunteering": 2, ACTION: 1}),
        f"dots {dict(dots)}",
    )
    seated = {a for plan in store.all(SeatingPlan) for a in plan.seat_of}
    check(
        {people[n].id for n in expected_in if n in people} <= seated,
        "everyone checked in is seated, the latecomer too",
    )
    return problems
