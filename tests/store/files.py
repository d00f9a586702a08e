"""Looking at an event's files as a crash would leave them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from workshop_app.store.durable import journal_path_for


def crash_copy(path: Path, into: Path) -> Path:
    """The files as kill -9 would leave them: the store is still open, nothing folded."""
    into.mkdir(parents=True, exist_ok=True)
    for source in (path, journal_path_for(path)):
        if source.exists():
            shutil.copyfile(source, into / source.name)
    return into / path.name


def is_journal(fd: int, path: Path) -> bool:
    """Whether `fd` is open on the journal of the database at `path`."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(journal_path_for(path)))
    except OSError:
        return False
