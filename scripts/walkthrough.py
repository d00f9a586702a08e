"""Watchable walkthrough of the whole event day: the real app in tmux at 80x24.

    python scripts/walkthrough.py            # tmux (every screen saved to read afterwards)
    python scripts/walkthrough.py --pilot    # the same script headless, as CI runs it
    python scripts/walkthrough.py --keep DIR # keep the sessions folder and the captures

Watch it live from another terminal: `tmux -L workshop-walkthrough-<pid> attach -r`.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop_app.bench import event_day_tmux  # noqa: E402
from workshop_app.bench.event_day import saved_day_problems, task_counts  # noqa: E402
from workshop_app.bench.event_day_pilot import run_day  # noqa: E402


def pilot() -> int:
    with tempfile.TemporaryDirectory(prefix="workshop-day-") as folder:
        day = asyncio.run(run_day(Path(folder)))
        problems = saved_day_problems(day.event_path) if day.event_path else ["no event"]
    print(f"The event day through Pilot: {len(day.steps)} steps in {day.total_seconds:.1f} s.")
    for count in task_counts(day.steps):
        print(f"  {count.task}: {count.describe()}")
    for problem in problems:
        print(f"FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if "--pilot" in arguments:
        raise SystemExit(pilot())
    raise SystemExit(event_day_tmux.main(arguments))
