"""The append-only journal of saves since the database file was last written.

One line per save: the CRC-32 of the payload in hex, a space, the payload as JSON.
A line is trusted only when it ends in a newline and its checksum matches, so a
save torn by a crash is recognised and dropped instead of being half-applied.

A journal starts with a header line (a checksummed line too) naming the event it
belongs to and when it was started, so it is never replayed into another event and a
recovery can say from when saves were lost. Journals written before the header existed
have none: they are replayed into the file beside them, as they always were.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# A change set: table name -> {document key -> document, or None to delete it}.
# The table name maps to None when the whole table was dropped.
Changes = dict[str, dict[str, Any] | None]

HEADER_KEY = "__journal__"  # never a table name: TinyDB tables are named by the app


@dataclass(frozen=True)
class JournalHeader:
    event_id: str | None  # None while a new event's file holds no event yet
    started: str  # ISO time the journal was started (the file it applies to was written)
    # The fold (store/backups.py stamp) that wrote the file this journal applies to:
    # NEW_FILE for a new event's empty file, "" when not known.
    after: str = ""


NEW_FILE = "new"


def encode_header(header: JournalHeader) -> bytes:
    return encode_entry(
        {
            HEADER_KEY: {
                "event_id": header.event_id,
                "started": header.started,
                "after": header.after,
            }
        }  # type: ignore[dict-item]
    )


def encode_entry(changes: Changes) -> bytes:
    payload = json.dumps(changes, ensure_ascii=False, separators=(",", ":")).encode()
    return b"%08x %s\n" % (zlib.crc32(payload), payload)


@dataclass(frozen=True)
class JournalReadResult:
    entries: list[Changes]
    dropped_tail: bool  # a torn or corrupt last line was ignored
    good_length: int  # bytes up to the end of the last good line
    header: JournalHeader | None = None  # None in a journal of the previous version


def read_entries(data: bytes) -> JournalReadResult:
    """Parse a journal; stop at the first line that is torn or fails its checksum.

    Only the tail can be torn (appends are sequential), so everything after a bad
    line is untrusted and ignored.
    """
    entries: list[Changes] = []
    header: JournalHeader | None = None
    position = 0
    for line in _lines(data):
        entry = _decode_line(line)
        if entry is None:
            return JournalReadResult(entries, True, position, header)
        if position == 0 and HEADER_KEY in entry:
            header = _header(entry[HEADER_KEY])
        else:
            entries.append(entry)
        position += len(line)
    return JournalReadResult(entries, False, position, header)


def _header(fields: Any) -> JournalHeader:
    fields = fields if isinstance(fields, dict) else {}
    event_id = fields.get("event_id")
    return JournalHeader(
        event_id if isinstance(event_id, str) else None,
        str(fields.get("started", "")),
        str(fields.get("after", "")),
    )


def _lines(data: bytes) -> Iterator[bytes]:
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        if end == -1:
            yield data[start:]
            return
        yield data[start : end + 1]
        start = end + 1


def _decode_line(line: bytes) -> Changes | None:
    if not line.endswith(b"\n") or len(line) < 10 or line[8:9] != b" ":
        return None
    payload = line[9:-1]
    try:
        if int(line[:8], 16) != zlib.crc32(payload):
            return None
        entry = json.loads(payload)
    except ValueError:
        return None
    return entry if isinstance(entry, dict) else None


def apply_entry(tables: dict[str, dict[str, Any]], changes: Changes) -> None:
    """Apply one journal entry to the tables, in place. Replaying twice is harmless."""
    for table_name, documents in changes.items():
        if documents is None:
            tables.pop(table_name, None)
            continue
        table = tables.setdefault(table_name, {})
        for key, document in documents.items():
            if document is None:
                table.pop(key, None)
            else:
                table[key] = document
