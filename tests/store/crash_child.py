"""Saves in a loop and acknowledges each save on stdout once `save` has returned.

Run by test_crash_kill.py, which kills this process with SIGKILL at random moments.
Output lines: "insert <id>", "deleting <id>" (before), "delete <id>" (after), "counter <n>".
"""

from __future__ import annotations

import sys
from pathlib import Path

from workshop_app.core.models import Attendee, Workshop
from workshop_app.store.event_store import EventStore

COUNTER_ID = "counter"


def main(path: Path, run: int, checkpoint_bytes: int) -> None:
    store = EventStore(path, create=True, checkpoint_bytes=checkpoint_bytes)
    out = sys.stdout
    counter = store.get(Workshop, COUNTER_ID)
    count = counter.capacity if counter else 0
    for i in range(1_000_000):
        record_id = f"r{run}-{i}"
        store.save(Attendee(id=record_id, first_name="Crash", surname=f"Test {i}", notes="x" * 40))
        out.write(f"insert {record_id}\n")
        if i % 3 == 2:
            count += 1
            store.save(Workshop(id=COUNTER_ID, title="Counter", capacity=count))
            out.write(f"counter {count}\n")
        if i % 7 == 6:
            doomed = f"r{run}-{i - 5}"
            out.write(f"deleting {doomed}\n")  # may take effect without being acknowledged
            out.flush()
            store.delete(Attendee, doomed)
            out.write(f"delete {doomed}\n")
        out.flush()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
