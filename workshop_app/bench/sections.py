"""The registry of bench sections: each is a function from a context to table rows.

To add rows (attendee-search keystroke latency, workshop allocation, ...): write a
function `run(ctx: BenchContext) -> list[Row]` in a module of this package, keep its
measuring core callable with small sizes for the smoke test, and add one `Section`
line to `SECTIONS` below. The runner prints every section's rows in this order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workshop_app.bench.rows import Row


@dataclass(frozen=True)
class BenchContext:
    """What every section gets: whether this is a quick run, and a scratch folder.

    `work_dir` is a fresh folder of its own on the disk the sessions folder is on;
    it is deleted after the run.
    """

    quick: bool
    work_dir: Path


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    run: Callable[[BenchContext], list[Row]]


def _saves(ctx: BenchContext) -> list[Row]:
    from workshop_app.bench import saves

    return saves.run(ctx)


def _first_frame(ctx: BenchContext) -> list[Row]:
    from workshop_app.bench import startup

    return startup.run(ctx)


def _search(ctx: BenchContext) -> list[Row]:
    from workshop_app.bench import search

    return search.run(ctx)


def _allocation(ctx: BenchContext) -> list[Row]:
    from workshop_app.bench import allocation

    return allocation.run(ctx)


def _event_day(ctx: BenchContext) -> list[Row]:
    from workshop_app.bench import walkthrough

    return walkthrough.run(ctx)


SECTIONS: tuple[Section, ...] = (
    Section("saves", "Durable save latency", _saves),
    Section("first-frame", "Process start to first frame of the event screen", _first_frame),
    Section("search", "Attendee search: keystroke to screen updated", _search),
    Section("allocation", "Workshop allocation: 10,000 attendees", _allocation),
    Section("event-day", "The event day at 80x24: keystrokes per task", _event_day),
)
