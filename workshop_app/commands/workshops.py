"""`workshop-app allocate` and `workshop-app find`: the surname split without the TUI.

`allocate` sets the event's workshops, rounds and plan from its options, checks all of
them and the split before saving anything, then saves and prints the ranges and counts.
`find` prints where one person goes, round by round.
"""

from __future__ import annotations

import argparse
from typing import Any

from workshop_app.commands.output import NOTHING_CHANGED, close_saved, say, writing
from workshop_app.store.catalog import EventCatalog

BOUNDARY_CHOICES = {"auto": "auto", "letters": "letters", "two-letters": "two_letters"}


def add_commands(commands: Any) -> None:
    """Add `allocate` and `find` to the sub-parsers of `workshop-app`."""
    allocate = commands.add_parser(
        "allocate",
        help="split people into surname groups that rotate through the workshops",
        description="Set the event's workshops and rounds, split by surname, save and print.",
    )
    allocate.add_argument("event", help="event name, file name or id")
    allocate.add_argument(
        "--workshop",
        action="append",
        type=_workshop_spec,
        metavar="'TITLE=ROOM:PLACES'",
        help="a workshop, in programme order (repeat it); these replace the event's workshops",
    )
    allocate.add_argument("--rounds", type=_round_count, help="how many rounds (default: keep)")
    allocate.add_argument(
        "--checked-in-only", action="store_true", help="count only people who have checked in"
    )
    allocate.add_argument("--ranges", help="your own ranges, e.g. 'A-J,K-Z' (default: the best)")
    allocate.add_argument(
        "--boundaries",
        choices=sorted(BOUNDARY_CHOICES),
        default="auto",
        help="whole letters, two-letter boundaries, or auto (default)",
    )
    allocate.add_argument(
        "--particles-last", action="store_true", help="file 'van der Berg' under B"
    )
    allocate.set_defaults(handler=run_allocate)

    find = commands.add_parser("find", help="print where someone goes in each workshop round")
    find.add_argument("event", help="event name, file name or id")
    find.add_argument("name", help="part of their name, e.g. 'okafor'")
    find.set_defaults(handler=run_find)


def _workshop_spec(text: str) -> Any:
    from workshop_app.core.workshop_setup import parse_workshop_spec

    try:
        return parse_workshop_spec(text)
    except ValueError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def _round_count(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 26:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of rounds from 1 to 26")
    return int(text)


def run_allocate(args: argparse.Namespace, catalog: EventCatalog) -> int:
    """Work everything out first; save only when all of it is valid."""
    from workshop_app.core.plain_text import printable
    from workshop_app.core.workshop_plan import (
        PlanInputs,
        describe_counts,
        plan_allocation,
        remember_choice,
    )
    from workshop_app.store.event_store import EventStore

    path = catalog.find(args.event)
    with writing(NOTHING_CHANGED):
        store = EventStore(path)
    try:
        inputs = PlanInputs.read(store.all)
        workshops, gone = _workshops(inputs, args.workshop)
        if not workshops:
            raise ValueError(
                "the event has no workshops: give them with "
                "--workshop 'Workshop A=Conference Room:40'"
            )
        rounds, extra_rounds = _rounds(inputs, args.rounds, len(workshops))
        gone_ids = {w.id for w in gone}
        plan = inputs.plan.edited(
            only_checked_in=args.checked_in_only,
            typed_ranges=args.ranges or "",
            boundaries=BOUNDARY_CHOICES[args.boundaries],
            particles_last=args.particles_last,
        )
        pins = [p for p in inputs.pins if p.workshop_id not in gone_ids]
        allocation = plan_allocation(
            inputs.attendees, workshops, plan, rounds, pins, inputs.moves, recompute=True
        )
        plan = remember_choice(plan, allocation)
        with writing(NOTHING_CHANGED):  # one atomic save: all of it or none
            store.save_many([*workshops, *rounds, plan])
        stale = [*gone, *extra_rounds, *(p for p in inputs.pins if p not in pins)]
        with writing(
            "the new workshops, rounds and plan were saved, "
            f"but {len(stale)} old workshops, rounds or pins are still in the event"
        ):
            for record in stale:
                store.delete(type(record), record.id)
        name = store.event.name
    finally:
        # Closing folds the journal into the file; "Saved" is said only once it has.
        close_saved(store, "the changes are")
    shown = PlanInputs(inputs.attendees, tuple(workshops), tuple(rounds), plan, (), ())
    who = "only people checked in" if plan.only_checked_in else "everyone registered"
    counted = len(allocation.group_by_attendee) + len(allocation.pinned_by_attendee)
    say(f"{printable(name)}: {counted} people placed, counting {who}")
    say(f"Surname groups: {allocation.range_labels}")
    say(allocation.reason)
    say("\n".join(describe_counts(allocation, shown)))
    for warning in allocation.warnings:
        say(f"Warning: {warning}")
    for person in allocation.unplaced:
        who_is_it = printable(f"{person.display_name or '(no name)'} {person.email}")
        say(f"Needs a surname: {who_is_it}".rstrip())
    say(f"Saved {len(workshops)} workshops, {len(rounds)} rounds and the plan.")
    return 0


def _workshops(inputs: Any, specs: list[Any] | None) -> tuple[list[Any], list[Any]]:
    """The workshops to use, in order, and the existing ones the options leave out."""
    if not specs:
        return list(inputs.workshops), []
    titles = [spec.title.casefold() for spec in specs]
    if len(set(titles)) != len(titles):
        raise ValueError("two --workshop options have the same title")
    existing = {w.title.casefold(): w for w in inputs.workshops}
    chosen = []
    for position, spec in enumerate(specs, start=1):
        fields = dict(title=spec.title, room=spec.room, capacity=spec.capacity, position=position)
        old = existing.get(spec.title.casefold())
        if old is None:
            from workshop_app.core.models import Workshop

            chosen.append(Workshop(**fields))
        else:
            chosen.append(old.edited(**fields))
    gone = [w for w in inputs.workshops if w.title.casefold() not in titles]
    return chosen, gone


def _rounds(inputs: Any, count: int | None, workshop_count: int) -> tuple[list[Any], list[Any]]:
    """Rounds 1..count (existing times kept), and the existing rounds beyond them."""
    from workshop_app.core.workshop_plan import WorkshopRound
    from workshop_app.core.workshop_setup import renumbered

    existing = renumbered(inputs.rounds)
    if count is None:
        count = len(existing) or workshop_count
    kept = existing[:count]
    kept += [WorkshopRound(number=n) for n in range(len(kept) + 1, count + 1)]
    return kept, existing[count:]


def run_find(args: argparse.Namespace, catalog: EventCatalog) -> int:
    """Print each matching person's route; 1 when nobody matches."""
    from workshop_app.core.plain_text import printable
    from workshop_app.core.workshop_plan import PlanInputs, find_people, route_lines
    from workshop_app.store.event_store import EventStore

    with EventStore(catalog.find(args.event), read_only=True) as store:
        inputs = PlanInputs.read(store.all)
    if not inputs.workshops:
        say("This event has no workshops yet: set them up with `workshop-app allocate`.")
        return 1
    allocation = inputs.allocate()
    people = find_people(inputs.attendees, args.name)
    if not people:
        say(f"No one on the list matches '{printable(args.name)}'.")
        return 1
    for person in people[:20]:
        titles = [allocation.workshops[w].title for w in _route(allocation, person)]
        titles = [printable(title) for title in titles]
        name = printable(person.display_name) or "(no name)"
        say(f"{name}: {' then '.join(titles) or 'not placed'}")
        key = allocation.key_for(person)
        say(f"  {key.explain()}")
        for line in route_lines(inputs, allocation, person):
            say(f"  {line}")
    if len(people) > 20:
        say(f"… and {len(people) - 20} more: type more of the name.")
    return 0


def _route(allocation: Any, person: Any) -> tuple[int, ...]:
    from workshop_app.core.workshop_plan import route_for

    return route_for(allocation, person)
