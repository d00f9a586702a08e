"""Rolling backups of each event, taken when it is closed cleanly.

They live in `<sessions>/.backups/<event file stem>/` and are what the user is
offered when a database file turns out to be damaged.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workshop_app.store.fsutil import atomic_write, private_folder
from workshop_app.store.journal import apply_entry, read_entries

KEEP = 10


def backup_folder(database_path: Path) -> Path:
    return database_path.parent / ".backups" / database_path.stem


def take_backup(database_path: Path) -> Path | None:
    """Copy the (closed, complete) database file; keep the newest KEEP copies."""
    if not database_path.exists():
        return None
    folder = private_folder(backup_folder(database_path))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = folder / f"{database_path.stem}-{stamp}.json"
    shutil.copyfile(database_path, target)
    target.chmod(0o600)
    for old in sorted(folder.glob("*.json"), reverse=True)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def good_backups(database_path: Path) -> list[Path]:
    """Backups that parse as a database, newest first."""
    folder = backup_folder(database_path)
    if not folder.exists():
        return []
    return [path for path in sorted(folder.glob("*.json"), reverse=True) if _readable(path)]


def restore_backup(database_path: Path, backup: Path, journal: Path | None = None) -> None:
    """Put `backup` in place of the database, then replay a saved journal over it.

    The journal of a quarantined file holds the newest saves; replaying them over an
    older backup brings back every record they touched.
    """
    tables = json.loads(backup.read_bytes())
    if journal is not None and journal.exists():
        for entry in read_entries(journal.read_bytes()).entries:
            apply_entry(tables, entry)
    atomic_write(database_path, json.dumps(tables).encode())


def parse_database(raw: bytes) -> tuple[dict[str, Any] | None, str]:
    """The tables in `raw`, or None and why it is not a TinyDB database."""
    if not raw.strip():
        return None, "the file is empty"
    try:
        data = json.loads(raw)
    except ValueError as error:
        return None, f"not valid JSON: {error}"
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        return None, "not a TinyDB database"
    return data, ""


def _readable(path: Path) -> bool:
    try:
        return parse_database(path.read_bytes())[0] is not None
    except OSError:
        return False
