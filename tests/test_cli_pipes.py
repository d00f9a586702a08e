"""Every command behaves in a pipe: `workshop-app find demo abbott | head -3` and the like.

The reader of the output is gone before the command writes (as when `head` has read
its lines and exited): the command stops quietly with SIGPIPE's exit status, 141,
and prints no traceback, not even the interpreter's own at exit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workshop_app.core.models import Attendee, Workshop
from workshop_app.store.catalog import EventCatalog

IMPORTS = Path(__file__).parent / "data" / "imports"


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    with EventCatalog(folder).create("Network Day") as store:
        store.save_many(Attendee(first_name=f"Sam{n}", surname="Abbott") for n in range(30))
        store.save(Workshop(title="Workshop A", room="Hall", capacity=40, position=1))
    return folder


def run_into_a_closed_pipe(sessions: Path, *args: str) -> subprocess.CompletedProcess[str]:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has already gone
    try:
        return subprocess.run(
            [sys.executable, "-m", "workshop_app", "--data-dir", str(sessions), *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("find", "Network Day", "abbott"),
        ("import", "Network Day", str(IMPORTS / "eventbrite_uk.csv"), "--dry-run"),
        ("new", "Summer Roadshow"),
    ],
    ids=lambda args: args[0],
)
def test_a_reader_that_went_away_stops_the_command_quietly(
    sessions: Path, args: tuple[str, ...]
) -> None:
    done = run_into_a_closed_pipe(sessions, *args)
    assert done.stderr == ""
    assert done.returncode == 141


def test_head_reads_its_lines_and_the_command_ends_cleanly(sessions: Path) -> None:
    """The real thing, through a shell, as the issue reported it."""
    command = (
        f"set -o pipefail; '{sys.executable}' -m workshop_app --data-dir '{sessions}' "
        "find 'Network Day' abbott | head -1"
    )
    done = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.startswith("Sam") and done.stdout.count("\n") == 1
    assert done.stderr == ""
    assert done.returncode in (0, 141)  # 0 when it wrote everything before head left
