"""Kill -9 a process that is saving, many times: every acknowledged save must survive.

WORKSHOP_CRASH_KILLS sets the number of kills (default 50; 500 for the long run).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from workshop_app.core.models import Attendee, Workshop
from workshop_app.store.event_store import EventStore

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = int(os.environ.get("WORKSHOP_CRASH_KILLS", "50"))
# Tiny, so that kills land during checkpoints (file replace + journal truncation) too.
CHECKPOINT_BYTES = 4096


@dataclass
class Acknowledged:
    inserted: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    maybe_deleted: set[str] = field(default_factory=set)
    counter: int = 0

    def take(self, line: str) -> None:
        what, _, value = line.strip().partition(" ")
        if what == "insert":
            self.inserted.add(value)
        elif what == "delete":
            self.deleted.add(value)
        elif what == "deleting":
            self.maybe_deleted.add(value)
        elif what == "counter":
            self.counter = max(self.counter, int(value))


def run_and_kill(path: Path, run: int, rng: random.Random, acked: Acknowledged) -> int:
    """Start a saving child, SIGKILL it at a random moment; returns the acks it made."""
    child = subprocess.Popen(
        [sys.executable, "-u", str(CHILD), str(path), str(run), str(CHECKPOINT_BYTES)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    # Half the kills land at a random time (including during start-up and journal
    # replay), half after a random number of acknowledged saves.
    timer = None
    kill_after_acks = None
    if rng.random() < 0.5:
        timer = threading.Timer(rng.uniform(0.0, 0.4), child.send_signal, [signal.SIGKILL])
        timer.start()
    else:
        kill_after_acks = rng.randrange(1, 400)
    acks = 0
    for line in child.stdout:  # every line in the pipe is a save that returned
        acked.take(line)
        acks += 1
        if kill_after_acks is not None and acks == kill_after_acks:
            child.send_signal(signal.SIGKILL)
    if timer:
        timer.cancel()
    child.wait()
    assert child.stderr is not None
    stderr = child.stderr.read()
    child.stderr.close()
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL, f"child failed (rc={child.returncode}):\n{stderr}"
    return acks


def assert_all_acknowledged_present(path: Path, acked: Acknowledged) -> None:
    # Read-only, so the journal left by the kill stays for the next child to replay.
    with EventStore(path, read_only=True, create=True) as store:
        present = {a.id for a in store.all(Attendee)}
        counter = store.get(Workshop, "counter")
    lost = acked.inserted - acked.maybe_deleted - present
    assert not lost, f"{len(lost)} acknowledged inserts lost, e.g. {sorted(lost)[:3]}"
    resurrected = acked.deleted & present
    assert not resurrected, f"acknowledged deletes undone: {sorted(resurrected)[:3]}"
    assert (counter.capacity if counter else 0) >= acked.counter


def test_every_acknowledged_save_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "crash.json"
    rng = random.Random(int(os.environ.get("WORKSHOP_CRASH_SEED", "20261123")))
    acked = Acknowledged()
    total_acks = 0
    for run in range(KILLS):
        total_acks += run_and_kill(path, run, rng, acked)
        assert_all_acknowledged_present(path, acked)
    # The kills must have hit saving processes, not only ones still starting up.
    assert total_acks > KILLS * 10
    assert len(acked.inserted) > KILLS
    # A normal close folds whatever journal the last kill left into plain TinyDB JSON.
    EventStore(path).close()
    assert not (tmp_path / "crash.json.journal").exists()
    from tinydb import TinyDB

    with TinyDB(path) as plain:
        ids = {doc["id"] for doc in plain.table("attendees")}
    assert acked.inserted - acked.maybe_deleted <= ids
