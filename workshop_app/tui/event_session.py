"""The one way the TUI reads and changes the open event.

Every tab, dialog and screen of an event goes through an `EventSession` instead of the
store: one read-only rule (with who has the event open), one atomic save of several
changes made off the UI thread and in the order asked, one style of message when a save
fails, and one `EventChanged` message that tells the event screen what changed, so the
other tabs show it. The widgets themselves hold no store calls (a test checks this).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from textual.message import Message

from workshop_app.core.models import Event, Record
from workshop_app.store.errors import StoreError, describe_os_error

if TYPE_CHECKING:
    from pathlib import Path

    from textual.message_pump import MessagePump

    from workshop_app.store.event_store import EventStore

R = TypeVar("R", bound=Record)
Deletion = tuple[type[Record], str]


class EventChanged(Message):
    """A change to the event is durable: these kinds of record were saved or deleted.

    Posted to the event screen, which has the tabs that show those records re-read them.
    """

    def __init__(self, kinds: frozenset[type[Record]], origin: object | None = None) -> None:
        super().__init__()
        self.kinds = kinds
        self.origin = origin
        """The view that made the change and has shown it already (None: show it everywhere)."""


class EventUnreadable(Exception):
    """A record of the event could not be read (damaged, or edited by hand): its message
    names the table and what was wrong."""


class SaveRefused(Exception):
    """A change was not made: its message says why, as the user should read it."""


class EventSession:
    """The open event as the TUI sees it.

    Args:
        store: the open event.
        listener: where `EventChanged` is posted (the event screen).
    """

    def __init__(self, store: EventStore, listener: MessagePump) -> None:
        self._store = store
        self._listener = listener
        # Saves land in the order they were asked for, even though each runs in a thread.
        self._order = asyncio.Lock()

    # -- reading ---------------------------------------------------------------------------

    @property
    def event(self) -> Event:
        """The event's own record; raises EventUnreadable when it is damaged or missing."""
        try:
            return self._store.event
        except StoreError as error:
            raise EventUnreadable(str(error)) from None

    @property
    def path(self) -> Path:
        """The event's file: exports are named after it."""
        return self._store.path

    def all(self, kind: type[R]) -> list[R]:
        """Every record of `kind`; raises EventUnreadable when one is damaged."""
        try:
            return self._store.all(kind)
        except StoreError as error:
            raise EventUnreadable(str(error)) from None

    def get(self, kind: type[R], record_id: str) -> R | None:
        try:
            return self._store.get(kind, record_id)
        except StoreError as error:
            raise EventUnreadable(str(error)) from None

    def count(self, kind: type[Record]) -> int:
        try:
            return self._store.count(kind)
        except StoreError as error:
            raise EventUnreadable(str(error)) from None

    @property
    def read_only(self) -> bool:
        return self._store.read_only

    @property
    def read_only_reason(self) -> str:
        """What a key that would write says here; "" when this window can write."""
        return self._store.read_only_reason()

    # -- changing --------------------------------------------------------------------------

    def refuse_if_read_only(self, failed: str) -> bool:
        """True when this window cannot write, having told the user why (and who has the
        event open) under the title `failed`: asked before a form opens, so nothing is
        typed in vain."""
        if not self._store.read_only:
            return False
        notify = self._listener.app.notify
        notify(self._store.read_only_reason(), title=failed, severity="warning", timeout=10)
        return True

    def check_writable(self) -> None:
        """Raise SaveRefused, saying who has the event open, when this window cannot write."""
        if self._store.read_only:
            raise SaveRefused(self._store.read_only_reason())

    async def apply(
        self,
        saves: Iterable[Record] = (),
        deletes: Iterable[Deletion] = (),
        *,
        origin: object | None = None,
        failed: str = "Not saved",
    ) -> bool:
        """Save `saves` and delete `deletes` as one durable change, off the UI thread.

        Returns True once it is on disk; otherwise the user has been told why (read-only
        here, disk full, ...) under the title `failed`, nothing changed, and it is False.
        `origin` is the view that shows the change itself; the others are told.
        """
        saves, deletes = tuple(saves), tuple(deletes)
        if self.refuse_if_read_only(failed):
            return False
        try:
            async with self._order:
                await asyncio.to_thread(self.apply_blocking, saves, deletes, origin=origin)
        except SaveRefused as refused:
            self._listener.app.notify(str(refused), title=failed, severity="error", timeout=15)
            return False
        return True

    async def save(
        self, *records: Record, origin: object | None = None, failed: str = "Not saved"
    ) -> bool:
        return await self.apply(records, origin=origin, failed=failed)

    async def delete(
        self,
        kind: type[Record],
        *record_ids: str,
        origin: object | None = None,
        failed: str = "Not removed",
    ) -> bool:
        deletes = [(kind, record_id) for record_id in record_ids]
        return await self.apply(deletes=deletes, origin=origin, failed=failed)

    def apply_blocking(
        self,
        saves: Iterable[Record] = (),
        deletes: Iterable[Deletion] = (),
        *,
        origin: object | None = None,
    ) -> None:
        """`apply` for code already in a worker thread: raises SaveRefused instead of telling."""
        saves, deletes = tuple(saves), tuple(deletes)
        self.check_writable()
        try:
            self._store.apply(saves, deletes)
        except StoreError as error:
            raise SaveRefused(str(error)) from None
        except OSError as error:
            reason = describe_os_error(error)
            raise SaveRefused(f"{reason[:1].upper()}{reason[1:]}: nothing was changed.") from None
        kinds = frozenset(type(record) for record in saves) | {kind for kind, _ in deletes}
        if kinds:
            self._listener.post_message(EventChanged(kinds, origin))  # thread-safe in Textual
