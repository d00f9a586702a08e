"""Read an event's own details from the start of its file, without loading the file.

The store writes the `event` table first, so a screen can show the event's name and
date in its first frame while the whole file (megabytes at 10,000 attendees) is
still being read. Anything unexpected gives None: this is a preview, never the truth.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PREFIX = '{"event": '
PEEK_BYTES = 16_384  # an event record is well under 1 KB


def peek_event(path: Path) -> dict[str, Any] | None:
    """The event record's fields as stored, or None when they cannot be read cheaply."""
    try:
        with path.open("rb") as file:
            head = file.read(PEEK_BYTES).decode("utf-8", errors="ignore")
    except OSError:
        return None
    if not head.startswith(PREFIX):
        return None
    try:
        table, _ = json.JSONDecoder().raw_decode(head, len(PREFIX))
    except ValueError:
        return None
    if not isinstance(table, dict) or len(table) != 1:
        return None
    (record,) = table.values()
    if not isinstance(record, dict) or not isinstance(record.get("name"), str):
        return None
    return record
