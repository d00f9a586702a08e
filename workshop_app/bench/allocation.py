"""Bench: allocating 10,000 attendees into 4 workshops over 4 rounds (target under 50 ms).

Uses the same made-up attendees and pins as `core.allocation.benchmark_allocate`, and
times each run so the table shows the median, p99 and slowest.
"""

from __future__ import annotations

import time

from workshop_app.bench.rows import Row, summarise
from workshop_app.bench.sections import BenchContext
from workshop_app.core.allocation import Boundaries, Pin, allocate, sample_attendees
from workshop_app.core.models import Workshop

TARGET_MS = 50.0
SECTION = "Workshop allocation"


def measure_allocation(
    attendees: int = 10_000,
    workshops: int = 4,
    rounds: int = 4,
    *,
    repeats: int = 15,
    boundaries: Boundaries = "auto",
) -> Row:
    """One row: the time to allocate `attendees` people with `boundaries`."""
    people = sample_attendees(attendees)
    per_room = -(-attendees // workshops)
    rooms = [
        Workshop(id=f"w{i}", title=f"Workshop {i + 1}", capacity=per_room + 5 * i)
        for i in range(workshops)
    ]
    pins = [Pin(people[i].id, rooms[i % workshops].id) for i in range(1, 40, 7)]
    allocate(people, rooms, rounds, pins=pins, boundaries=boundaries)  # warm-up
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        allocate(people, rooms, rounds, pins=pins, boundaries=boundaries)
        timings.append(time.perf_counter() - started)
    stats = summarise(timings)
    return Row(
        section=SECTION,
        name=f"allocate, {workshops} workshops × {rounds} rounds, {boundaries} boundaries",
        size=attendees,
        median_ms=stats.median_ms,
        p99_ms=stats.p99_ms,
        max_ms=stats.max_ms,
        samples=stats.samples,
        target=f"p50 < {TARGET_MS:.0f} ms",
        met=stats.median_ms < TARGET_MS,
        note="exact optimal split; pins included",
    )


def run(ctx: BenchContext) -> list[Row]:
    repeats = 3 if ctx.quick else 15
    return [
        measure_allocation(repeats=repeats),
        measure_allocation(repeats=repeats, boundaries="two_letters"),
    ]
