"""Backups of each event: the file as it was before every fold, and the saves folded.

Each time the journal is folded into the event file (store/durable.py), the file
being replaced is kept as a backup (a hard link: nothing is copied, so a fold stays
cheap) and the journal that was folded is kept beside it. A backup, its journal and
every later kept journal give back the event as it was at the latest fold; the live
journal adds every save since. They live in `<sessions>/.backups/<event file stem>/`:

    <stem>-<stamp>.json      the file as it was before the fold at <stamp>
    <stem>-<stamp>.journal   the saves folded at <stamp>

Backups of the previous version (copies taken at close) have no journal: the journal
of the next fold starts from the state they hold. They are what the user is offered
when a database file turns out to be damaged or missing.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workshop_app.store.fsutil import atomic_write, fsync_dir, private_folder
from workshop_app.store.journal import NEW_FILE, apply_entry, read_entries

KEEP = 10  # folds kept; older backups and their journals are removed
QUARANTINE_LABEL = "corrupt"


def backup_folder(database_path: Path) -> Path:
    return database_path.parent / ".backups" / database_path.stem


def new_stamp(database_path: Path) -> str:
    """A sortable name for one fold, never one already used."""
    folder = backup_folder(database_path)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    while (folder / f"{database_path.stem}-{stamp}.json").exists() or (
        folder / f"{database_path.stem}-{stamp}.journal"
    ).exists():
        stamp += "0"
    return stamp


def keep_file(database_path: Path, stamp: str) -> Path | None:
    """Keep the file about to be replaced by a fold as a backup; None when there is none."""
    if not database_path.exists():
        return None
    target = private_folder(backup_folder(database_path)) / f"{database_path.stem}-{stamp}.json"
    try:
        os.link(database_path, target)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
            raise
        shutil.copy2(database_path, target)  # a file system without hard links (FAT)
    return target


def keep_journal(journal_path: Path, database_path: Path, stamp: str) -> Path:
    """Move a folded journal beside the backup of the same fold."""
    folder = private_folder(backup_folder(database_path))
    target = folder / f"{database_path.stem}-{stamp}.journal"
    os.replace(journal_path, target)
    fsync_dir(folder)
    return target


def newest_stamp(database_path: Path) -> str:
    """The newest fold kept: the file in place was written by it (or by a restore after it)."""
    stamps = _stamps(database_path)
    return stamps[-1] if stamps else ""


def prune(database_path: Path, keep: int = KEEP) -> None:
    """Remove all but the newest `keep` folds (backup and journal together)."""
    folder = backup_folder(database_path)
    for stamp in _stamps(database_path)[:-keep]:
        for suffix in (".json", ".journal"):
            (folder / f"{database_path.stem}-{stamp}{suffix}").unlink(missing_ok=True)


def good_backups(database_path: Path) -> list[Path]:
    """Backups that parse as a database, newest first."""
    folder = backup_folder(database_path)
    if not folder.exists():
        return []
    return [path for path in sorted(folder.glob("*.json"), reverse=True) if _readable(path)]


def kept_journals(database_path: Path) -> list[Path]:
    folder = backup_folder(database_path)
    return sorted(folder.glob("*.journal")) if folder.exists() else []


def set_aside_journals(database_path: Path) -> list[Path]:
    """Journals of damaged files moved aside and not yet given back, oldest first."""
    return sorted(
        database_path.parent.glob(f"{database_path.name}.{QUARANTINE_LABEL}-*.journal"),
        key=lambda path: path.stat().st_mtime_ns,
    )


def leftovers(database_path: Path) -> list[Path]:
    """What is left of an event besides its file: an event can be recovered from them."""
    live = database_path.with_name(database_path.name + ".journal")
    found = [live] if live.exists() else []
    found += database_path.parent.glob(f"{database_path.name}.{QUARANTINE_LABEL}-*")
    found += kept_journals(database_path) + good_backups(database_path)
    return found


@dataclass
class Recovery:
    """What a restore gave back, and what it could not, in words a facilitator can act on."""

    backup: Path | None = None
    journals: int = 0
    saves: int = 0
    newest: datetime | None = None  # the time of the newest save given back
    lost: list[str] = field(default_factory=list)

    def message(self, name: str) -> str:
        if self.backup:
            text = f"Restored {name} from the backup of {_when(_mtime(self.backup))}"
            if self.saves:
                text += f" and {self.saves:,} later save(s) kept beside it"
        else:
            text = f"Restored {name} from its journals ({self.saves:,} save(s))"
        if self.lost:
            return f"{text}. Not recovered: {' '.join(self.lost)}"
        upto = f" up to {_when(self.newest)}" if self.newest else ""
        return f"{text}: every save{upto} is back."


def restore_backup(
    database_path: Path, backup: Path | None = None, journal: Path | None = None
) -> Recovery:
    """Put `backup` (default: the newest good one) in place of the database, with every
    kept journal since and then `journal` (the newest saves) replayed over it."""
    tables, recovery = rebuild(database_path, backup, journal)
    atomic_write(database_path, json.dumps(tables).encode())
    live = database_path.with_name(database_path.name + ".journal")
    if journal is not None and journal.exists() and journal != live:
        # A set-aside journal joins the kept ones: its saves are in no backup yet, and it
        # is never offered again.
        keep_journal(journal, database_path, new_stamp(database_path))
        fsync_dir(journal.parent)
    return recovery


def rebuild(
    database_path: Path, backup: Path | None = None, journal: Path | None = None
) -> tuple[dict[str, Any], Recovery]:
    """The event as every surviving file holds it, and what could not be given back."""
    recovery = Recovery()
    candidates = [backup] if backup is not None else good_backups(database_path)
    tables: dict[str, Any] = {}
    start = ""
    for candidate in candidates:
        parsed = _parse_file(candidate)
        if parsed is not None:
            tables, recovery.backup, recovery.newest = parsed, candidate, _mtime(candidate)
            start = _stamp_of(candidate, database_path)
            break
    journals = [j for j in kept_journals(database_path) if _stamp_of(j, database_path) >= start]
    if journal is not None and journal.exists():
        journals.append(journal)
    if recovery.backup is None and not (journals and _starts_the_event(journals[0])):
        first = _started(journals[0]) if journals else None
        recovery.lost.append(
            "no readable backup was found"
            + (f"; saves made before {_when(first)} could not be recovered." if first else ".")
        )
    event_id = _event_id(tables)
    previous: Path | None = None
    for path in journals:
        if _replay(path, tables, event_id, previous, recovery):
            previous = path
        event_id = event_id or _event_id(tables)
    return tables, recovery


def _replay(
    path: Path,
    tables: dict[str, Any],
    event_id: str | None,
    previous: Path | None,
    recovery: Recovery,
) -> bool:
    """Replay one journal over the tables; False when it is not this event's."""
    try:
        result = read_entries(path.read_bytes())
    except OSError as error:
        recovery.lost.append(f"the saves in {path.name} could not be read ({error.strerror}).")
        return False
    header = result.header
    if header and header.event_id and event_id not in (None, header.event_id):
        return False  # another event's journal: never replayed into this one
    # A kept journal's stamp ends its name; stamps hold no "-".
    follows = previous.stem.rsplit("-", 1)[-1] if previous and previous.suffix == ".journal" else ""
    if previous and header and header.after and follows and header.after != follows:
        recovery.lost.append(
            f"saves made between {_when(_mtime(previous))} and {_when(_started(path))} "
            "(their journal is missing)."
        )
    for entry in result.entries:
        apply_entry(tables, entry)
    recovery.journals += 1
    recovery.saves += len(result.entries)
    if result.dropped_tail:
        # Entries carry no time: the damaged part lies between the journal's start (or
        # the newest save given back before it) and its last write.
        since = _started(path) or recovery.newest
        recovery.lost.append(
            f"saves made between {_when(since)} and "
            f"{_when(_mtime(path))} (in a damaged part of {path.name})."
        )
    elif result.entries:
        recovery.newest = _mtime(path)
    return True


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


def event_id_of(tables: dict[str, Any]) -> str | None:
    """The id of the event a database holds, None while it holds none."""
    return _event_id(tables)


def _event_id(tables: dict[str, Any]) -> str | None:
    for document in (tables.get("event") or {}).values():
        if isinstance(document, dict) and isinstance(document.get("id"), str):
            return document["id"]
    return None


def _stamps(database_path: Path) -> list[str]:
    folder = backup_folder(database_path)
    if not folder.exists():
        return []
    names = {_stamp_of(p, database_path) for p in folder.iterdir() if p.suffix in _SUFFIXES}
    return sorted(names)


_SUFFIXES = (".json", ".journal")


def _stamp_of(path: Path, database_path: Path) -> str:
    return path.stem.removeprefix(f"{database_path.stem}-")


def _parse_file(path: Path) -> dict[str, Any] | None:
    try:
        return parse_database(path.read_bytes())[0]
    except OSError:
        return None


def _readable(path: Path) -> bool:
    return _parse_file(path) is not None


def _starts_the_event(journal: Path) -> bool:
    """Whether `journal` was started on a new event's empty file: nothing came before it."""
    try:
        header = read_entries(journal.read_bytes()).header
    except OSError:
        return False
    return header is not None and header.after == NEW_FILE


def _started(journal: Path) -> datetime | None:
    try:
        header = read_entries(journal.read_bytes()).header
    except OSError:
        return None
    if header is None or not header.started:
        return None
    try:
        return datetime.fromisoformat(header.started)
    except ValueError:
        return None


def _mtime(path: Path | None) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC) if path else None
    except OSError:
        return None


def _when(moment: datetime | None) -> str:
    """A local time as people read it: 14:02:11, with the date when it is not today."""
    if moment is None:
        return "an unknown time"
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M:%S")
    return local.strftime("%d %b %Y %H:%M:%S")
