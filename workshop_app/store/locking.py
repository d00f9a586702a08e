"""One writer per event: an OS file lock, plus a note of who holds it for the message."""

from __future__ import annotations

import contextlib
import json
import os
import socket
from pathlib import Path

from workshop_app.core.clock import now_iso
from workshop_app.store.errors import EventLockedError, LockOwner
from workshop_app.store.fsutil import atomic_write


class EventLock:
    """Held while an event is open for writing; released by the OS if the process dies."""

    def __init__(self, database_path: Path) -> None:
        from filelock import FileLock  # 15 ms to import: only when an event is opened

        self.database_path = database_path
        self._owner_path = database_path.with_name(database_path.name + ".owner")
        self._lock = FileLock(
            database_path.with_name(database_path.name + ".lock"),
            timeout=0,
            mode=0o600,
            thread_local=False,  # workers in other threads save through the same store
        )

    def acquire(self) -> None:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise EventLockedError(self.database_path, self._read_owner()) from None
        owner = {"pid": os.getpid(), "host": socket.gethostname(), "since": now_iso()}
        # The note only names the holder; the OS lock is what keeps others out.
        with contextlib.suppress(OSError):
            atomic_write(self._owner_path, json.dumps(owner).encode())

    @property
    def owner(self) -> LockOwner | None:
        return self._read_owner()

    def release(self) -> None:
        if self._lock.is_locked:
            self._owner_path.unlink(missing_ok=True)
            self._lock.release()

    def _read_owner(self) -> LockOwner | None:
        return lock_owner(self.database_path)


def lock_owner(database_path: Path) -> LockOwner | None:
    """Who has the event open for writing, as its holder noted; None when nobody does
    (or the note cannot be read: the holder may be an older version)."""
    owner_path = database_path.with_name(database_path.name + ".owner")
    try:
        owner = json.loads(owner_path.read_text())
        return LockOwner(pid=int(owner["pid"]), host=str(owner["host"]), since=owner["since"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
