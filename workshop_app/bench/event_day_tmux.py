"""Run the event day (`event_day`) in a real terminal: the app in tmux at 80x24.

For people and reviewers: the real app, the real terminal driver, keys sent with
`tmux send-keys` and the screen read with `capture-pane`, polled until each step's
texts are there. Every step's screen is written to a captures file to read afterwards.

    python -m workshop_app.bench.event_day_tmux [--keep DIR] [--gap SECONDS]

tmux runs on a server of its own (`tmux -L`), so the user's sessions are never touched.
CI runs the same script headless through Pilot (`event_day_pilot`).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workshop_app.bench.event_day import (
    SIZE,
    Step,
    Type,
    event_day,
    saved_day_problems,
    task_counts,
    total_keys,
    write_guest_list,
)
from workshop_app.bench.event_day_pilot import missing

STEP_TIMEOUT_S = 20.0
POLL_S = 0.05
SETTLE_S = 0.2
EXITED = "[walkthrough: the app exited with status"

# Textual key names -> tmux key names; other single characters are sent literally.
TMUX_KEYS = {
    "enter": "Enter",
    "escape": "Escape",
    "tab": "Tab",
    "shift+tab": "BTab",
    "space": "Space",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "delete": "DC",
    "backspace": "BSpace",
}


def tmux_key(key: str) -> list[str]:
    """The `send-keys` arguments for one Textual key name."""
    if key in TMUX_KEYS:
        return [TMUX_KEYS[key]]
    if key.startswith("ctrl+"):
        return [f"C-{key.removeprefix('ctrl+')}"]
    if key.startswith("f") and key[1:].isdigit():
        return [key.upper()]
    return ["-l", key]


class Tmux:
    """One tmux server of our own, one window of SIZE running the app."""

    def __init__(self, command: str) -> None:
        self.socket = f"workshop-walkthrough-{os.getpid()}"
        width, height = SIZE
        self.run("new-session", "-d", "-s", "day", "-x", str(width), "-y", str(height), command)

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def send(self, key: str | Type) -> None:
        if isinstance(key, Type):
            self.run("send-keys", "-t", "day", "-l", key.text)
        else:
            self.run("send-keys", "-t", "day", *tmux_key(key))

    def screen(self, colours: bool = False) -> str:
        return self.run("capture-pane", "-p", *(["-e"] if colours else []), "-t", "day")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def run_day_in_tmux(folder: Path, gap: float, captures: Path) -> tuple[list[Step], list[str]]:
    """Run the day; return its steps and what went wrong (empty when all went well)."""
    steps = list(event_day(write_guest_list(folder)))
    app = [sys.executable, "-m", "workshop_app", "--data-dir", str(folder / "sessions")]
    environment = f"PYTHONPATH={shlex.quote(os.pathsep.join(sys.path))}"
    command = (
        f"cd {shlex.quote(str(folder))} && env {environment} {shlex.join(app)}; "
        f"echo '{EXITED}' $?; sleep 3600"
    )
    tmux = Tmux(command)
    problems: list[str] = []
    try:
        with captures.open("w", encoding="utf-8") as log:
            for step in steps:
                started = time.perf_counter()
                for key in step.keys:
                    tmux.send(key)
                    time.sleep(gap)
                    _settle(tmux)  # as a person looks: the next key lands where this one left
                screen, lacking = _wait(tmux, step)
                took = time.perf_counter() - started
                log.write(f"=== {step.name} ({took:.2f} s) {_keys(step)}\n{screen}\n")
                if lacking:
                    problems.append(f"step {step.name!r}: the screen lacks {lacking}")
                    break
    finally:
        tmux.close()
    if not problems:
        events = sorted((folder / "sessions").glob("*.json"))
        problems += saved_day_problems(events[0]) if events else ["no event was saved"]
    return steps, problems


def _settle(tmux: Tmux) -> None:
    """Until the screen, colours included (the focus shows only in them), stays the
    same for SETTLE_S: the app has done what the last key asked, focus moves included."""
    deadline = time.monotonic() + STEP_TIMEOUT_S
    last = tmux.screen(colours=True)
    while time.monotonic() < deadline:
        time.sleep(SETTLE_S)
        now = tmux.screen(colours=True)
        if now == last:
            return
        last = now


def _wait(tmux: Tmux, step: Step) -> tuple[str, list[str]]:
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while True:
        screen = tmux.screen()
        if step.quits:
            lacking = [] if EXITED in screen else ["the app to exit"]
        else:
            lacking = missing(screen, step)
        if EXITED in screen and not step.quits:
            return screen, [*lacking, "the app exited"]
        if not lacking or time.monotonic() > deadline:
            return screen, lacking
        time.sleep(POLL_S)


def _keys(step: Step) -> str:
    return " ".join(repr(k.text) if isinstance(k, Type) else k for k in step.keys)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="run in this folder and keep it")
    parser.add_argument(
        "--gap", type=float, default=0.1, help="seconds after each key or text (default 0.1)"
    )
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("tmux is not installed; the Pilot run is: pytest tests/tui/test_event_day.py")
        return 2
    folder = args.keep or Path(tempfile.mkdtemp(prefix="workshop-day-"))
    folder.mkdir(parents=True, exist_ok=True)
    captures = folder / "captures.txt"
    started = time.perf_counter()
    try:
        steps, problems = run_day_in_tmux(folder, args.gap, captures)
    finally:
        if args.keep is None:
            kept = Path(tempfile.gettempdir()) / "workshop-day-captures.txt"
            if captures.exists():
                shutil.copyfile(captures, kept)
                captures = kept
            shutil.rmtree(folder, ignore_errors=True)
    print(f"The event day in tmux at {SIZE[0]}x{SIZE[1]}: {len(steps)} steps, "
          f"{total_keys(steps)} keys, {time.perf_counter() - started:.1f} s.")  # fmt: skip
    for count in task_counts(steps):
        print(f"  {count.task}: {count.describe()}")
    print(f"Every screen: {captures}")
    for problem in problems:
        print(f"FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
