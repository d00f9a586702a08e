"""Open an event for the user, asking what to do when it is locked or damaged.

Must be awaited inside a worker: it waits for the user's answers in modal dialogs.
The file work runs in a thread, so a big event never freezes the screen.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from workshop_app.store.errors import (
    CorruptEventError,
    EventLockedError,
    StoreError,
    StoreWriteError,
)
from workshop_app.tui.screens.confirm import ConfirmDialog

if TYPE_CHECKING:
    from workshop_app.store.event_store import EventStore


async def open_event_store(
    app: App[object], path: Path, read_only: bool = False
) -> EventStore | None:
    """The open event at `path`, or None when it could not be opened or the user cancelled.

    Every failure is explained to the user (a dialog or a notification); none is raised.
    """
    restored = False
    while True:
        try:
            return await asyncio.to_thread(_open_with_event, path, read_only)
        except EventLockedError as error:
            if read_only or not await app.push_screen_wait(_offer_read_only(error)):
                return None
            read_only = True
        except CorruptEventError as error:
            # Read-only, nothing can be rebuilt: the window holding the event may recover it.
            # Cancelling leaves every file as it is: the event stays listed as damaged and
            # the restore is offered again the next time it is opened.
            if not error.recoverable or restored:
                await app.push_screen_wait(_explain_damage(error))
                return None
            if not await app.push_screen_wait(_offer_backup(error)):
                return None
            try:
                message, lost = await asyncio.to_thread(_restore, error)
            except (OSError, ValueError, StoreError) as problem:
                app.notify(
                    f"The backup could not be restored: {problem}",
                    title="Not restored",
                    severity="error",
                )
                return None
            restored = True
            app.notify(
                message,
                title="Restored" if not lost else "Restored, with saves missing",
                severity="warning" if lost else "information",
                timeout=30 if lost else 8,
            )
        except StoreWriteError as error:
            # A full or read-only disk: reading needs no room, so it can still be exported.
            if read_only or not await app.push_screen_wait(_offer_read_only_on_disk(error)):
                return None
            read_only = True
        except (StoreError, OSError) as error:
            app.notify(str(error), title=f"Could not open {path.name}", severity="error")
            return None


def _open_with_event(path: Path, read_only: bool) -> EventStore:
    """Open the store and check it holds an event, so the event screen can rely on it."""
    # Imported here, in the worker's thread: the first frame needs none of the store.
    from workshop_app.store.event_store import EventStore

    store = EventStore(path, read_only=read_only)
    try:
        store.event  # noqa: B018 - raises StoreError when the file holds no event
    except BaseException:
        store.close()
        raise
    return store


def _restore(error: CorruptEventError) -> tuple[str, bool]:
    """Rebuild the event from its backups and kept journals: what came back, in words,
    and whether any save could not be recovered."""
    from workshop_app.store.backups import restore_backup
    from workshop_app.store.locking import EventLock

    lock = EventLock(error.path)  # no other window may open it half-restored
    lock.acquire()
    try:
        recovery = restore_backup(error.path, journal=error.quarantined_journal)
        return recovery.message(error.path.name), bool(recovery.lost)
    finally:
        lock.release()


def _offer_read_only(error: EventLockedError) -> ConfirmDialog:
    return ConfirmDialog(
        "Event already open",
        str(error),
        confirm="Open read-only",
        cancel="Cancel",
    )


def _offer_read_only_on_disk(error: StoreWriteError) -> ConfirmDialog:
    return ConfirmDialog(
        "Cannot open for editing",
        str(error),
        confirm="Open read-only",
        cancel="Cancel",
    )


def _offer_backup(error: CorruptEventError) -> ConfirmDialog:
    return ConfirmDialog(
        "Event damaged",
        f"{error}\n\nRestore it? The newest good backup is put back and every save kept "
        "since (beside the backups and in the journal) is replayed on top of it; you are "
        "told if any save could not be recovered. Cancel leaves every file as it is: the "
        "restore is offered again next time.",
        confirm="Restore",
        cancel="Cancel",
    )


def _explain_damage(error: CorruptEventError) -> ConfirmDialog:
    return ConfirmDialog("Event damaged", str(error), confirm="Close", cancel=None)
