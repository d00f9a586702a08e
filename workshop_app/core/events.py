"""Rules for an event's own details: what a valid name, date and file name are."""

from __future__ import annotations

import re
from datetime import date

MAX_NAME_LENGTH = 120


def clean_event_name(name: str) -> str:
    """The name with spaces tidied; ValueError when it is blank or too long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError("The event needs a name.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ValueError(
            f"The event name is {len(cleaned)} characters; keep it to {MAX_NAME_LENGTH}."
        )
    return cleaned


def clean_event_date(text: str) -> str:
    """An ISO date (YYYY-MM-DD), or blank; ValueError naming the problem otherwise."""
    text = text.strip()
    if not text:
        return ""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(
            f"'{text}' is not a date: write it as YYYY-MM-DD, for example 2026-11-23."
        ) from None


def event_slug(name: str, event_date: str = "") -> str:
    """A file-system-safe stem for the event's database file: ascii, lower case, dashes."""
    from anyascii import anyascii  # only when an event is created

    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")[:60].strip("-")
    slug = slug or "event"
    return f"{slug}-{event_date}" if event_date else slug
