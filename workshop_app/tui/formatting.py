"""How dates, times, counts and people's text read on screen. Presentation only."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from textual.content import Content

from workshop_app.core.plain_text import printable


def short_date(iso_date: str) -> str:
    """A date as short as it stays clear: 2026-11-23 -> 23 Nov 2026; blank -> no date."""
    parsed = _parse_date(iso_date)
    if parsed is None:
        return iso_date or "no date"
    return f"{parsed.day} {parsed:%b %Y}"


def long_date(iso_date: str) -> str:
    """A date as it is said: 2026-11-23 -> Monday 23 November 2026; blank -> no date yet."""
    parsed = _parse_date(iso_date)
    if parsed is None:
        return iso_date or "no date yet"
    return f"{parsed:%A} {parsed.day} {parsed:%B %Y}"


def when_changed(moment: datetime, now: datetime) -> str:
    """A file's last change as people say it: "today 14:05", "yesterday 09:30", "3 Nov 2025"."""
    local = moment.astimezone(now.tzinfo)
    if local.date() == now.date():
        return f"today {local:%H:%M}"
    if local.date() == now.date() - timedelta(days=1):
        return f"yesterday {local:%H:%M}"
    if local.year == now.year:
        return f"{local.day} {local:%b %H:%M}"
    return f"{local.day} {local:%b %Y}"


def clock_time(iso_timestamp: str) -> str:
    """The local wall-clock time of a stored timestamp: "09:12"; "" when there is none."""
    if not iso_timestamp:
        return ""
    try:
        return f"{datetime.fromisoformat(iso_timestamp).astimezone():%H:%M}"
    except ValueError:
        return iso_timestamp


def count(number: int, singular: str, plural: str | None = None) -> str:
    """A number with its noun agreeing: 1 attendee, 10,000 attendees."""
    word = singular if number == 1 else (plural or f"{singular}s")
    return f"{number:,} {word}"


def shorten(text: str, width: int) -> str:
    """`text` (a user's) made printable, cut to `width` characters with an ellipsis."""
    text = printable(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def plain(text: str) -> Content:
    """One line of a user's text (a name, a title, a file name) for any widget: never
    markup, whatever brackets it holds, and its control characters made visible."""
    return Content(printable(text))


def _parse_date(iso_date: str) -> date | None:
    try:
        return date.fromisoformat(iso_date)
    except ValueError:
        return None
