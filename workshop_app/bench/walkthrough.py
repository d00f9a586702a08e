"""The event day at 80x24, run once through Pilot: the keys a facilitator presses for a
walk-in, a check-in and a note, and how long the whole scripted day takes headless."""

from __future__ import annotations

import asyncio
import math

from workshop_app.bench.event_day import task_counts, total_keys
from workshop_app.bench.event_day_pilot import run_day
from workshop_app.bench.rows import Row
from workshop_app.bench.sections import BenchContext

SECTION = "Event day at 80x24 (keys)"
WHAT = {
    "walk-in": "walk-in: desk → told where to go",
    "check-in": "check-in: surname → checked in",
    "note": "note: capture screen → saved",
}


def run(ctx: BenchContext) -> list[Row]:
    day = asyncio.run(run_day(ctx.work_dir))
    rows = []
    seen: set[str] = set()
    for count in task_counts(day.steps):
        if count.task in seen:  # the first time each task is done; the others are alike
            continue
        seen.add(count.task)
        rows.append(
            Row(
                SECTION,
                WHAT[count.task],
                count.keys,
                math.nan,
                note=f"N = keys besides the text typed: {count.describe()}",
            )
        )
    rows.append(
        Row(
            SECTION,
            "the whole day, scripted (Pilot, headless)",
            total_keys(day.steps),
            day.total_seconds * 1000,
            samples=1,
            note=f"N = every key, letters included; {len(day.steps)} steps, each waited for "
            "on the screen; tmux: python scripts/walkthrough.py",
        )
    )
    return rows
