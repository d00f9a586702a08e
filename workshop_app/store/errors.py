"""What can go wrong when opening or saving an event, in words a facilitator can act on."""

from __future__ import annotations

import errno
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

    def describe(self) -> str:
        """`process 4242 on desk-laptop, since 09:30 UTC`."""
        return f"process {self.pid} on {self.host}, since {self.since[11:16]} UTC"


class EventLockedError(StoreError):
    """Another app or command has the event open for writing."""

    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        self.path = path
        self.owner = owner
        who = f" ({owner.describe()})" if owner else ""
        super().__init__(
            f"{path.name} is already open in another window{who}. "
            "You can open it read-only: changes will not be saved."
        )


class CorruptEventError(StoreError):
    """The database file could not be read (or is missing); it was moved aside, never
    overwritten, and what is left of it (backups, journals) can rebuild it."""

    def __init__(
        self,
        path: Path,
        quarantined_to: Path | None,
        reason: str,
        backups: list[Path],
        *,
        journal: Path | None = None,
        recoverable: bool | None = None,
    ) -> None:
        self.path = path
        self.quarantined_to = quarantined_to  # None when nothing was moved (read-only, missing)
        self.reason = reason
        self.backups = backups
        self._journal = journal
        # Opened for editing with something to rebuild from: the restore can be offered.
        self.recoverable = bool(quarantined_to and backups) if recoverable is None else recoverable
        offer = (
            f" The newest good backup is {backups[0].name}." if backups else " No backup was found."
        )
        if quarantined_to:
            where = f"It was moved to {quarantined_to.name} and nothing was overwritten."
        elif self.recoverable:
            where = "Nothing was overwritten."
        else:
            where = "It was left as it is; open it for editing to set it aside and recover."
        super().__init__(f"{path.name} is damaged ({reason}). {where}{offer}")

    @property
    def quarantined_journal(self) -> Path | None:
        """The journal holding the damaged file's newest saves, wherever it was kept."""
        if self._journal is not None:
            return self._journal
        if self.quarantined_to is None:
            return None
        return self.quarantined_to.with_name(self.quarantined_to.name + ".journal")


_OS_ERROR_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EIO: "the disk could not be written (input/output error)",
}


def describe_os_error(error: OSError) -> str:
    """What a failed file operation means for the person at the keyboard (the CLI, the
    TUI and the store all say it in these words)."""
    return _OS_ERROR_WORDS.get(error.errno or 0) or str(error.strerror or error)


class RecordError(StoreError):
    """A stored document does not make a valid record (edited by hand, or damaged)."""
