"""The events in a sessions folder: list, create, find, duplicate and delete them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workshop_app.store.backups import leftovers
from workshop_app.store.errors import CorruptEventError, EventNotFoundError, StoreError
from workshop_app.store.fsutil import private_folder

if TYPE_CHECKING:
    from workshop_app.store.event_store import EventStore

# The store and the domain are imported by the methods that use them: `workshop-app
# open` finds the file with this module, and the event screen opens it after its
# first frame, so start-up does not wait for them.

SUFFIX = ".json"
# The demo's file: event_slug() gives only [a-z0-9-], so no user event can take it.
# Earlier versions used demo.json, which an event called "demo" could take as well.
DEMO_FILE_NAME = f"_demo{SUFFIX}"
OLD_DEMO_FILE_NAME = f"demo{SUFFIX}"


@dataclass(frozen=True)
class EventSummary:
    """One row of the launcher: enough to recognise an event without opening it."""

    path: Path
    event_id: str
    name: str
    date: str
    venue: str
    attendees: int
    last_change: datetime
    problem: str = ""  # why it could not be read, when it could not
    recoverable: bool = False  # damaged or lost, with backups or journals to rebuild it from


class EventCatalog:
    """A folder of event databases, one `<slug>.json` file per event."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def paths(self) -> list[Path]:
        """Every event's file, including those lost or set aside as damaged: what is left
        of them (a journal, backups) can rebuild them, so they are never hidden."""
        if not self.folder.exists():
            return []
        files = {p for p in self.folder.glob(f"*{SUFFIX}") if not p.name.startswith(".")}
        lost = {self.folder / name for name in _names_of_leftovers(self.folder)}
        return sorted(files | lost)

    def summaries(self) -> list[EventSummary]:
        """Every event, newest change first; unreadable ones are listed with the reason."""
        return sorted(
            (self.summary(path) for path in self.paths()),
            key=lambda s: s.last_change,
            reverse=True,
        )

    def summary(self, path: Path) -> EventSummary:
        from workshop_app.core.models import Attendee
        from workshop_app.store.event_store import EventStore

        last_change = _last_change(path)
        try:
            with EventStore(path, read_only=True) as store:
                event = store.event
                attendees = store.count(Attendee)
        except (StoreError, OSError) as error:  # listed with its problem, never a crash
            return _damaged_summary(path, last_change, error)
        return EventSummary(
            path, event.id, event.name, event.date, event.venue, attendees, last_change
        )

    def create(self, name: str, event_date: str = "", venue: str = "") -> EventStore:
        """A new, open event; ValueError when a detail is not valid."""
        from workshop_app.core.events import clean_event_date, clean_event_name, event_slug
        from workshop_app.core.models import Event
        from workshop_app.store.event_store import EventStore

        event = Event(
            name=clean_event_name(name), date=clean_event_date(event_date), venue=venue.strip()
        )
        private_folder(self.folder)
        return EventStore.create(self._free_path(event_slug(event.name, event.date)), event)

    def demo(self) -> Path:
        """The demo event's file, created with its fictional attendees on first use."""
        from workshop_app.store.event_store import EventStore

        path = self.folder / DEMO_FILE_NAME
        if path.exists():
            return path
        if _is_old_demo(self.folder / OLD_DEMO_FILE_NAME):
            return self.folder / OLD_DEMO_FILE_NAME  # made by an earlier version: still the demo
        from workshop_app.core.demo import build_demo_event  # only on first use

        demo = build_demo_event()
        private_folder(self.folder)
        with EventStore.create(path, demo.event) as store:
            store.save_many(demo.records)
        return path

    def find(self, reference: str) -> Path:  # noqa: C901 - one branch per way of naming it
        """The event a user means: its file, file name, id, id prefix or exact name."""
        reference = reference.strip()
        if not reference:
            raise EventNotFoundError("Say which event: its name, file name or id.")
        as_path = Path(reference)
        if as_path.suffix == SUFFIX and as_path.exists():
            return as_path
        candidate = self.folder / (reference + ("" if reference.endswith(SUFFIX) else SUFFIX))
        if candidate.exists() or candidate in self.paths():  # a lost one can be recovered
            return candidate
        lowered = reference.casefold()
        matches = [
            s.path
            for s in self.summaries()
            if not s.problem
            and s.event_id == reference
            or (len(reference) >= 4 and s.event_id.startswith(reference))
            or s.name.casefold() == lowered
        ]
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = ", ".join(p.stem for p in matches)
            raise EventNotFoundError(f"'{reference}' matches several events: {names}.")
        if lowered == "demo" and (self.folder / DEMO_FILE_NAME).exists():
            return self.folder / DEMO_FILE_NAME  # `find demo NAME`, unless an event is "demo"
        raise EventNotFoundError(
            f"No event '{reference}' in {self.folder}. `workshop-app list` shows the events."
        )

    def duplicate(self, source: Path, name: str, event_date: str = "", venue: str = "") -> Path:
        """A new event with the set-up of `source` (core/setup.py), never its people."""
        from workshop_app.core.setup import SETUP_KINDS, copy_setup
        from workshop_app.store.event_store import EventStore

        with EventStore(source, read_only=True) as original:
            setup = [record for kind in SETUP_KINDS for record in original.all(kind)]
        with self.create(name, event_date, venue) as copy:
            copy.save_many(copy_setup(setup))
            return copy.path

    def delete(self, path: Path) -> Path:
        """Move an event to `.deleted/` (never erased outright); returns where it went.

        Fails with EventLockedError while it is open elsewhere.
        """
        from workshop_app.store.backups import backup_folder
        from workshop_app.store.event_store import EventStore

        bin_folder = private_folder(self.folder / ".deleted")
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        target = bin_folder / f"{path.stem}-{stamp}{SUFFIX}"
        try:
            # Opening takes the lock and folds any journal; the move happens under the lock.
            EventStore(path).close(move_to=target)
        except CorruptEventError as damaged:
            # Opening set the damaged file aside (or it was lost): what is left goes to the bin.
            if damaged.quarantined_to is not None:
                shutil.move(damaged.quarantined_to, target)
            journal = damaged.quarantined_journal
            if journal and journal.exists():
                shutil.move(journal, target.with_name(target.name + ".journal"))
            for set_aside in path.parent.glob(f"{path.name}.*-*"):  # earlier damaged copies
                shutil.move(set_aside, bin_folder / f"{target.stem}-{set_aside.name}")
        for sidecar in _sidecars(path):
            sidecar.unlink(missing_ok=True)
        backups = backup_folder(path)
        if backups.exists():  # a new event reusing this file name must not be offered them
            shutil.move(backups, bin_folder / f"{target.stem}.backups")
        return target

    def _free_path(self, slug: str) -> Path:
        for attempt in _counter():
            candidate = self.folder / f"{slug}{'' if attempt == 1 else f'-{attempt}'}{SUFFIX}"
            # A lost event's journal and backups keep its name: a new event never takes
            # them over (their people would be replayed into it).
            if not candidate.exists() and not leftovers(candidate):
                return candidate
        raise AssertionError("unreachable")


def _counter() -> Iterator[int]:
    n = 1
    while True:
        yield n
        n += 1


def _is_old_demo(path: Path) -> bool:
    """True when `path` is a demo.json made by an earlier version, not a user's "demo"."""
    from workshop_app.core.demo import DEMO_EVENT_NAME
    from workshop_app.store.peek import peek_event

    return (peek_event(path) or {}).get("name") == DEMO_EVENT_NAME


def _damaged_summary(path: Path, last_change: datetime, error: Exception) -> EventSummary:
    """A damaged or lost event, named as its newest backup names it when it can be."""
    from workshop_app.store.backups import good_backups, kept_journals, set_aside_journals
    from workshop_app.store.peek import peek_event

    good = good_backups(path)
    recoverable = bool(
        good
        or kept_journals(path)
        or set_aside_journals(path)
        or path.with_name(path.name + ".journal").exists()
    )
    known = next((found for b in good if (found := peek_event(b)) is not None), None)
    if known is None and recoverable:  # only the kept journals name it
        from workshop_app.store.backups import rebuild

        events = rebuild(path)[0].get("event") or {}
        known = next(iter(events.values()), None)
    if not isinstance(known, dict) or not isinstance(known.get("name"), str):
        known = None
    name = str(known["name"]) if known else path.stem
    problem = str(error)
    if recoverable:
        problem += " Open it to restore it: every save kept beside it is replayed."
    return EventSummary(
        path,
        str(known.get("id", "")) if known else "",
        name,
        str(known.get("date", "")) if known else "",
        str(known.get("venue", "")) if known else "",
        0,
        last_change,
        problem=problem,
        recoverable=recoverable,
    )


def _names_of_leftovers(folder: Path) -> set[str]:
    """File names of events whose file is gone but whose journal, damaged copy set
    aside, or backups are still here."""
    names = {p.name.removesuffix(".journal") for p in folder.glob(f"*{SUFFIX}.journal")}
    names |= {p.name.split(f"{SUFFIX}.corrupt-")[0] + SUFFIX for p in folder.glob("*.corrupt-*")}
    backups_folder = folder / ".backups"
    if backups_folder.is_dir():
        names |= {
            p.name + SUFFIX for p in backups_folder.iterdir() if p.is_dir() and any(p.iterdir())
        }
    return {name for name in names if not name.startswith(".") and not (folder / name).exists()}


def _sidecars(path: Path) -> list[Path]:  # what the store keeps beside a database file
    return [path.with_name(path.name + suffix) for suffix in (".lock", ".owner", ".journal")]


def _last_change(path: Path) -> datetime:
    from workshop_app.store.backups import backup_folder

    journal = path.with_name(path.name + ".journal")
    candidates = [path, journal] if path.exists() else [journal, backup_folder(path)]
    times = [p.stat().st_mtime for p in candidates if p.exists()]
    return datetime.fromtimestamp(max(times, default=0), UTC)


def default_folder() -> Path:
    """`sessions/` beside the current directory, unless WORKSHOP_APP_DATA says otherwise."""
    return Path(os.environ.get("WORKSHOP_APP_DATA", "sessions"))
