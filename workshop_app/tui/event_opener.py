"""Open an event for the user, asking what to do when it is locked or damaged.

Must be awaited inside a worker: it waits for the user's answers in modal dialogs.
The file work runs in a thread, so a big event never freezes the screen.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from workshop_app.store.errors import CorruptEventError, EventLockedError, StoreError
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
            # Read-only, nothing was set aside: the window holding the event may recover it.
            if error.quarantined_to is None or restored or not error.backups:
                await app.push_screen_wait(_explain_damage(error))
                return None
            if not await app.push_screen_wait(_offer_backup(error)):
                return None
            try:
                await asyncio.to_thread(_restore_newest_backup, error)
            except (OSError, ValueError, StoreError) as problem:
                app.notify(
                    f"The backup could not be restored: {problem}",
                    title="Not restored",
                    severity="error",
                )
                return None
            restored = True
            app.notify(f"Restored {path.name} from {error.backups[0].name}.", title="Restored")
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


def _restore_newest_backup(error: CorruptEventError) -> None:
    """Put the newest good backup in place, replaying the saves of the set-aside journal."""
    from workshop_app.store.backups import restore_backup

    restore_backup(error.path, error.backups[0], journal=error.quarantined_journal)


def _offer_read_only(error: EventLockedError) -> ConfirmDialog:
    return ConfirmDialog(
        "Event already open",
        str(error),
        confirm="Open read-only",
        cancel="Cancel",
    )


def _offer_backup(error: CorruptEventError) -> ConfirmDialog:
    return ConfirmDialog(
        "Event damaged",
        f"{error}\n\nRestore the newest good backup? Saves made since that backup that "
        "are still in the damaged file's journal are replayed on top of it.",
        confirm="Restore backup",
        cancel="Cancel",
    )


def _explain_damage(error: CorruptEventError) -> ConfirmDialog:
    return ConfirmDialog("Event damaged", str(error), confirm="Close", cancel=None)
