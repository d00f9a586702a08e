"""Kill -9 a process that is saving, many times: every acknowledged save must survive.

WORKSHOP_CRASH_KILLS sets the number of kills (default 50; 500 for the long run), and
WORKSHOP_RECOVERY_KILLS those of the recovery test (default 20), which after each kill
damages a copy's file and checks that restoring it gives back every acknowledged save.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from workshop_app.core.models import Attendee, Workshop
from workshop_app.store import backups
from workshop_app.store.errors import CorruptEventError
from workshop_app.store.event_store import EventStore

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = int(os.environ.get("WORKSHOP_CRASH_KILLS", "50"))
RECOVERY_KILLS = int(os.environ.get("WORKSHOP_RECOVERY_KILLS", "20"))
DAMAGE = [b"", b"\x00\x9f garbage", b'{"event": {"1": {"name": "Cr', b"[]", b'{"event": [1]}']
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


def assert_restoring_a_damaged_copy_loses_nothing(
    path: Path, rng: random.Random, acked: Acknowledged, into: Path
) -> None:
    """Damage the file of a copy of the folder, as a disk or a sync tool might, and restore."""
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(path.parent, into)  # file, journal and .backups, as the kill left them
    damaged = into / path.name
    damaged.write_bytes(rng.choice(DAMAGE))
    with pytest.raises(CorruptEventError) as caught:
        EventStore(damaged)
    assert caught.value.recoverable
    recovery = backups.restore_backup(damaged, journal=caught.value.quarantined_journal)
    assert recovery.lost == [], recovery.message(damaged.name)
    assert_all_acknowledged_present(damaged, acked)


def test_restoring_a_file_damaged_after_folds_loses_no_acknowledged_save(tmp_path: Path) -> None:
    live = tmp_path / "live"
    live.mkdir()
    path = live / "crash.json"
    rng = random.Random(int(os.environ.get("WORKSHOP_CRASH_SEED", "20261123")) + 1)
    acked = Acknowledged()
    restored = 0
    for run in range(RECOVERY_KILLS):
        run_and_kill(path, run, rng, acked)
        if path.exists():  # a kill during the very first start-up leaves nothing yet
            assert_restoring_a_damaged_copy_loses_nothing(path, rng, acked, tmp_path / "copy")
            restored += 1
    assert restored > RECOVERY_KILLS // 2
    assert len(backups.kept_journals(path)) > 1  # the kills came after folds
