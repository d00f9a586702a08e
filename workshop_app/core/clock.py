"""Identity and time for records, in one place so every record is stamped alike."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def new_id() -> str:
    """A random UUID: stable across laptops, so databases can be merged."""
    return str(uuid.uuid4())


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string with microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")
