"""What can go wrong when opening or saving an event, in words a facilitator can act on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class StoreError(Exception):
    """Base for every store failure; its message is shown to the user as it is."""


class EventNotFoundError(StoreError):
    pass


class ReadOnlyEventError(StoreError):
    """A save was attempted on an event opened read-only."""


class StoreWriteError(StoreError):
    """A save could not be made durable (disk full, permissions); nothing was changed."""


@dataclass(frozen=True)
class LockOwner:
    """Who holds an event open, as recorded by the holder when it took the lock."""

    pid: int
    host: str
    since: str


class EventLockedError(StoreError):
    """Another app or command has the event open for writing."""

    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        self.path = path
        self.owner = owner
        who = (
            f" (process {owner.pid} on {owner.host}, since {owner.since[11:16]} UTC)"
            if owner
            else ""
        )
        super().__init__(
            f"{path.name} is already open in another window{who}. "
            "You can open it read-only: changes will not be saved."
        )


class CorruptEventError(StoreError):
    """The database file could not be read; it was moved aside, never overwritten."""

    def __init__(
        self, path: Path, quarantined_to: Path | None, reason: str, backups: list[Path]
    ) -> None:
        self.path = path
        self.quarantined_to = quarantined_to  # None when opened read-only: nothing was moved
        self.reason = reason
        self.backups = backups
        offer = (
            f" The newest good backup is {backups[0].name}." if backups else " No backup was found."
        )
        where = (
            f"It was moved to {quarantined_to.name} and nothing was overwritten."
            if quarantined_to
            else "It was left as it is; open it for editing to set it aside and recover."
        )
        super().__init__(f"{path.name} is damaged ({reason}). {where}{offer}")

    @property
    def quarantined_journal(self) -> Path | None:
        """Where the damaged file's journal (its newest saves) was set aside, if anywhere."""
        if self.quarantined_to is None:
            return None
        return self.quarantined_to.with_name(self.quarantined_to.name + ".journal")


class RecordError(StoreError):
    """A stored document does not make a valid record (edited by hand, or damaged)."""
