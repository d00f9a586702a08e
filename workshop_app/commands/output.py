"""How headless commands print, and how they say that a write failed.

Everything a command prints may hold text from users (event names, attendee names,
workshop titles, imported cells), so it goes through `say`, which neutralises control
characters. A failed write (full disk, read-only disk, no permission) becomes one line
on stderr that says why and what was changed, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from workshop_app.core.plain_text import printable_lines
from workshop_app.store.errors import StoreWriteError, describe_os_error

if TYPE_CHECKING:
    from workshop_app.store.event_store import EventStore

NOTHING_CHANGED = "nothing was changed"


class CommandFailed(Exception):
    """A command stopped; its message is the one line the user reads on stderr."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def say(text: str = "", *, end: str = "\n", file: TextIO | None = None) -> None:
    """Print `text` (which may hold user text) with its control characters made visible."""
    print(printable_lines(text), end=end, file=file or sys.stdout)


def complain(text: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    say(f"workshop-app: {text}", file=sys.stderr)


def why_write_failed(error: BaseException) -> str:
    """Why a write failed, in words: "the disk is full", "permission denied (sessions/x.json)"."""
    cause = error
    while not isinstance(cause, OSError) and cause.__cause__ is not None:
        cause = cause.__cause__
    if not isinstance(cause, OSError):
        return str(error)
    reason = describe_os_error(cause)
    where = f" ({cause.filename})" if cause.filename else ""
    return f"{reason}{where}"


@contextmanager
def writing(outcome: str = NOTHING_CHANGED) -> Iterator[None]:
    """Turn a failed write inside the block into CommandFailed("<why>: <outcome>").

    `outcome` says what is true of the event when the block fails, e.g. "nothing was
    changed" around one atomic save.
    """
    try:
        yield
    except (OSError, StoreWriteError) as error:
        if isinstance(error, BrokenPipeError):  # the reader went away: not a disk problem
            raise
        raise CommandFailed(f"{why_write_failed(error)}: {outcome}") from error


def close_saved(store: EventStore, what: str) -> None:
    """Close `store`, which folds its journal into the file; say what is safe if that fails.

    The saves were durable in the journal when they returned, so a failed fold loses
    nothing: the next open replays the journal.
    """
    with writing(
        f"{what} kept in the event's journal, but its file could not be rewritten; "
        "free some space and open the event again"
    ):
        store.close()
