"""Export a whole event as one JSON file: every record of every table, oldest first.

The file holds personal data, so it is written readable only by the user who made it,
in a folder only they can open.
"""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from workshop_app.core.models import SCHEMA_VERSION
from workshop_app.store.event_store import EventStore
from workshop_app.store.fsutil import atomic_write, private_folder

EXPORT_FORMAT = "workshop-app event export"


def export_event_json(store: EventStore, folder: Path) -> Path:
    """Write everything `store` holds to a new JSON file in `folder`.

    Args:
        store: the open event to export.
        folder: where exports go; created (mode 700) when missing.

    Returns:
        The file written (mode 600). An earlier export is never overwritten.
    """
    private_folder(folder)
    os.chmod(folder, 0o700)  # an existing exports folder may have been made world-readable
    document = event_document(store)
    target = _free_path(folder, store.path.stem, datetime.now().astimezone())
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    atomic_write(target, data, mode=0o600)
    return target


def event_document(store: EventStore) -> dict[str, Any]:
    """The export as plain JSON values: the event, then one list per table it holds."""
    document: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "event": dataclasses.asdict(store.event),
    }
    for name, documents in sorted(store.documents().items()):
        if name not in ("event", "_default"):
            document[name] = sorted(documents, key=_oldest_first)
    return document


def _oldest_first(document: dict[str, Any]) -> tuple[str, str]:
    return (str(document.get("created", "")), str(document.get("id", "")))


def _free_path(folder: Path, stem: str, when: datetime) -> Path:
    base = f"{stem}-{when:%Y%m%d-%H%M%S}"
    candidate = folder / f"{base}.json"
    counter = 2
    while candidate.exists():
        candidate = folder / f"{base}-{counter}.json"
        counter += 1
    return candidate
