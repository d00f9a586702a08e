"""The whole event day, scripted, at 80x24 through Pilot (what CI runs of the walkthrough).

The same script runs in a real terminal with `python scripts/walkthrough.py` (tmux).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from workshop_app.bench.event_day import KeyCount, Type, event_day, saved_day_problems, task_counts
from workshop_app.bench.event_day_pilot import run_day


def test_the_whole_day_shows_every_step_and_keeps_what_was_typed(tmp_path: Path) -> None:
    run = asyncio.run(run_day(tmp_path))

    planned = event_day(tmp_path / "riverside-attendees.csv")
    assert [s.name for s in run.steps] == [s.name for s in planned]  # each showed its texts
    assert run.event_path is not None
    assert saved_day_problems(run.event_path) == []  # after closing and reopening


def test_keys_are_counted_per_task_with_what_was_typed_apart() -> None:
    counts = task_counts(event_day(Path("guests.csv")))

    by_task: dict[str, list[KeyCount]] = {}
    for count in counts:
        by_task.setdefault(count.task, []).append(count)
    assert {task: [c.keys for c in done] for task, done in by_task.items()} == {
        "walk-in": [4, 4],  # ctrl+n, name, enter, organisation, enter, enter (directions)
        "check-in": [2, 2],  # surname, enter (to the list), enter (check in)
        "note": [1, 1],  # the note, enter
    }
    kim = by_task["walk-in"][0]
    assert kim.typed == (Type("Kim Lee", "name"), Type("Riverside City Council", "organisation"))
    assert kim.describe() == "name + organisation (29 letters) + 4 keys"
