"""The append-only journal of saves since the database file was last written.

One line per save: the CRC-32 of the payload in hex, a space, the payload as JSON.
A line is trusted only when it ends in a newline and its checksum matches, so a
save torn by a crash is recognised and dropped instead of being half-applied.
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


def encode_entry(changes: Changes) -> bytes:
    payload = json.dumps(changes, ensure_ascii=False, separators=(",", ":")).encode()
    return b"%08x %s\n" % (zlib.crc32(payload), payload)


@dataclass(frozen=True)
class JournalReadResult:
    entries: list[Changes]
    dropped_tail: bool  # a torn or corrupt last line was ignored
    good_length: int  # bytes up to the end of the last good line


def read_entries(data: bytes) -> JournalReadResult:
    """Parse a journal; stop at the first line that is torn or fails its checksum.

    Only the tail can be torn (appends are sequential), so everything after a bad
    line is untrusted and ignored.
    """
    entries: list[Changes] = []
    position = 0
    for line in _lines(data):
        entry = _decode_line(line)
        if entry is None:
            return JournalReadResult(entries, dropped_tail=True, good_length=position)
        entries.append(entry)
        position += len(line)
    return JournalReadResult(entries, dropped_tail=False, good_length=position)


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
