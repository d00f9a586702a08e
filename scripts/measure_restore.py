"""Issue 10's figure: saves acknowledged, the .json damaged after folds, then restored.

    python scripts/measure_restore.py [SAVES]

Prints how many acknowledged saves the restore gave back. It also runs against a
checkout of an earlier version (put it first on PYTHONPATH), whose restore put back
the newest backup only: 199 of 2,625 at 31c23fa, against 2,625 of 2,625 now.
"""

import sys
import tempfile
from pathlib import Path

from workshop_app.core.models import Attendee, Event
from workshop_app.store.errors import CorruptEventError
from workshop_app.store.event_store import EventStore

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2625
folder = Path(tempfile.mkdtemp()) / "sessions"
folder.mkdir()
path = folder / "demo-restore.json"
EventStore.create(path, Event(name="Restore", date="2026-11-23")).close()  # a clean close
store = EventStore(path, checkpoint_bytes=64 * 1024)  # folds every ~64 KiB of saves
for n in range(N):
    store.save(Attendee(first_name="Sam", surname=f"Person{n:05d}"))
# the laptop dies: no close; the .json (folded into since the last clean close) is damaged
# the process dies: its lock goes with it
if hasattr(store._storage, "_release"):
    store._storage._release()
else:  # the earlier version
    store._storage._lock.release()
path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
try:
    EventStore(path).close()
    print("opened without a restore?")
except CorruptEventError as error:
    from workshop_app.store import backups

    journal = error.quarantined_journal
    if getattr(error, "backups", None):  # the previous version: the newest backup, as its TUI did
        backups.restore_backup(error.path, error.backups[0], journal=journal)
        print(f"restore says: Restored {path.name} from {error.backups[0].name}")
    else:
        result = backups.restore_backup(error.path, journal=journal)
        print("restore says:", result.message(path.name))
with EventStore(path, read_only=True) as reopened:
    back = len(reopened.all(Attendee))
print(f"acknowledged saves: {N:,}; back after restore: {back:,}")
