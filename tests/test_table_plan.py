"""The table plan export: XLSX and HTML, private files, never overwriting."""

from __future__ import annotations

import stat
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from workshop_app.core.models import Attendee, DiscussionTable, Event
from workshop_app.core.seating_desk import seat_room
from workshop_app.io.table_plan import HEADERS, export_table_plan
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore

WHEN = datetime(2026, 11, 23, 12, 0, 0)


@pytest.fixture
def demo(tmp_path: Path) -> EventStore:
    store = EventStore(EventCatalog(tmp_path / "sessions").demo())
    yield store
    store.close()


def test_xlsx_lists_every_seated_person_at_their_table(demo: EventStore, tmp_path: Path) -> None:
    xlsx, _ = export_table_plan(demo, tmp_path / "exports", WHEN)
    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    from workshop_app.core.seating import SeatingPlan

    (plan,) = demo.all(SeatingPlan)
    assert len(rows) - 1 == len(plan.seat_of)
    tables = {t.id: t for t in demo.all(DiscussionTable)}
    people = {a.id: a for a in demo.all(Attendee)}
    expected = sorted((tables[t].number, people[a].display_name) for a, t in plan.seat_of.items())
    assert sorted((r[0], r[2]) for r in rows[1:]) == expected


def test_html_is_printable_and_escapes_names(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    with EventStore.create(path, Event(name="Fish & <Chips>")) as store:
        table = DiscussionTable(number=1, name="Garden <Room>")
        people = [
            Attendee(
                first_name="<b>Bold</b>",
                surname="O'Brien",
                checked_in_at="2026-11-23T09:00:00+00:00",
            )
        ]
        store.save_many([table, *people, seat_room(people, [table], {}, everyone=False)])
        _, page = export_table_plan(store, tmp_path / "exports", WHEN)
    text = page.read_text(encoding="utf-8")
    assert "Fish &amp; &lt;Chips&gt;: table plan" in text
    assert "Table 1 – Garden &lt;Room&gt;" in text
    assert "&lt;b&gt;Bold&lt;/b&gt; O&#x27;Brien" in text
    assert "<b>" not in text


def test_files_are_private_and_never_overwritten(demo: EventStore, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    first = export_table_plan(demo, folder, WHEN)
    second = export_table_plan(demo, folder, WHEN)  # the same second: a new name
    assert set(first).isdisjoint(second)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in (*first, *second):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert second[0].name.endswith("-2.xlsx")


def test_no_plan_is_a_clear_error(tmp_path: Path) -> None:
    with (
        EventStore.create(tmp_path / "e.json", Event(name="Empty")) as store,
        pytest.raises(ValueError, match="Nobody is seated yet"),
    ):
        export_table_plan(store, tmp_path / "exports", WHEN)
