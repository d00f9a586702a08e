"""The JSON export holds every table of the event, whichever feature added it."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from workshop_app.io.json_export import export_event_json
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore


def test_the_export_holds_every_table_of_the_demo_event(tmp_path: Path) -> None:
    path = EventCatalog(tmp_path / "sessions").demo()
    with EventStore(path) as store:
        tables = {name for name, documents in store.documents().items() if documents}
        exported = export_event_json(store, tmp_path / "exports")

    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["event"]["name"] == "Northfield Community Network Event"
    assert tables - {"event"} <= document.keys()
    for name in ("attendees", "workshop_rounds", "allocation_pins", "notes", "votes"):
        assert document[name], f"{name} is empty in the export"
    assert len(document["attendees"]) == 120
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
