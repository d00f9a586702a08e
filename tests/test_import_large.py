"""Long attendee lists: read as a stream, previewed from a bounded sample, saved in batches.

The bounds are made small here (monkeypatched) so a list of a thousand rows behaves as a
300,000-row one would, quickly: what is kept must stay bounded while the counts, the
duplicates and the saved people cover the whole file.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from workshop_app.core.models import Attendee, Event
from workshop_app.io import attendee_import
from workshop_app.io.attendee_import import (
    AttendeeImportError,
    PreviewIncompleteError,
    format_preview,
    preview_attendee_import,
    save_attendee_import,
)
from workshop_app.store.event_store import EventStore

HEADER = ["Attendee #", "First Name", "Last Name", "Email", "Company", "Attendee Status"]


def write_list(path: Path, rows: int, *, twin_of: dict[int, int] | None = None) -> None:
    """An Eventbrite-like list; `twin_of[n] = m` makes person n repeat person m's ticket."""
    twin_of = twin_of or {}
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for n in range(rows):
            m = twin_of.get(n, n)
            status = "Cancelled" if n % 100 == 99 else "Attending"
            writer.writerow(
                [str(9000 + m), f"First{m}", f"Last{m}", f"p{m}@example.org", "Org", status]
            )


@pytest.fixture
def small_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attendee_import, "KEEP_ROWS", 50)
    monkeypatch.setattr(attendee_import, "KEEP_ITEMS", 5)
    monkeypatch.setattr(attendee_import, "SAVE_BATCH", 100)


def test_a_long_list_keeps_a_bounded_sample_and_counts_everything(
    tmp_path: Path, small_bounds: None
) -> None:
    path = tmp_path / "long.csv"
    write_list(path, 1_000, twin_of={900: 3, 950: 4})  # twins far beyond the sample
    preview = preview_attendee_import(path)

    assert len(preview.rows_to_import) == len(preview.outcomes) == 50
    assert [r.row_number for r in preview.rows_to_import[:2]] == [2, 3]
    assert not preview.complete
    assert preview.people_count == 1_000 - 10 - 2  # 10 cancelled, 2 certain duplicates
    assert preview.summary.new == preview.people_count == preview.save_count
    assert preview.skipped_count == 12 and len(preview.skipped) == 5
    assert preview.status_skipped == {"Cancelled": 10}
    assert preview.duplicate_count == 2
    assert [(d.row_number, d.other_row_number, d.skipped) for d in preview.duplicates] == [
        (902, 5, True),
        (952, 6, True),
    ]
    with pytest.raises(PreviewIncompleteError):
        _ = preview.to_save
    text = format_preview(preview, max_items=3)
    assert "988 to import: 988 new" in text
    assert "... and 9 more" in text  # 12 skipped rows, 3 listed


def test_a_long_list_is_saved_whole_in_batches(tmp_path: Path, small_bounds: None) -> None:
    path = tmp_path / "long.csv"
    write_list(path, 1_000, twin_of={900: 3})
    preview = preview_attendee_import(path)
    batches: list[int] = []
    saved: list[Attendee] = []

    def save_many(records: Sequence[Attendee]) -> None:
        batches.append(len(records))
        saved.extend(records)

    summary = save_attendee_import(preview, save_many, existing=())
    assert summary == preview.summary
    assert max(batches) <= 100 and len(batches) == 10
    numbers = [p.attendee_number for p in saved]
    assert len(numbers) == len(set(numbers)) == 989
    assert "9998" in numbers  # the last row coming (the very last is cancelled)


def test_a_long_reimport_updates_people_beyond_the_sample(
    tmp_path: Path, small_bounds: None
) -> None:
    store_path = tmp_path / "event.json"
    path = tmp_path / "long.csv"
    write_list(path, 300)
    with EventStore.create(store_path, Event(name="Big")) as store:
        first = preview_attendee_import(path)
        save_attendee_import(first, store.save_many, existing=())
        assert store.count(Attendee) == 297
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[280][4] = "New Org"  # row 281 of the file, far beyond the 50 kept
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)

    with EventStore(store_path) as store:
        existing = store.all(Attendee)
        again = preview_attendee_import(path, existing=existing)
        assert (again.summary.new, again.summary.updated, again.summary.unchanged) == (0, 1, 296)
        assert [(r.row_number, o.changes) for r, o in again.changed] == [
            (281, {"organisation": ("Org", "New Org")})
        ]
        save_attendee_import(again, store.save_many, existing=existing)
        people = store.all(Attendee)
    assert len(people) == 297
    assert [p.first_name for p in people if p.organisation == "New Org"] == ["First279"]


def test_a_file_changed_after_its_preview_is_not_saved(tmp_path: Path, small_bounds: None) -> None:
    path = tmp_path / "long.csv"
    write_list(path, 200)
    preview = preview_attendee_import(path)
    write_list(path, 201)
    os.utime(path, ns=(1, 1))
    saved: list[Attendee] = []
    with pytest.raises(AttendeeImportError, match="changed since the preview"):
        save_attendee_import(preview, saved.extend, existing=())
    assert saved == []


def test_a_short_list_is_saved_in_one_atomic_save(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    write_list(path, 120)
    preview = preview_attendee_import(path)
    assert preview.complete
    batches: list[int] = []
    save_attendee_import(preview, lambda records: batches.append(len(records)), existing=())
    assert batches == [119]


def test_the_preview_warns_of_a_list_longer_than_any_event(tmp_path: Path) -> None:
    path = tmp_path / "everyone.csv"
    write_list(path, attendee_import.LARGE_LIST + 203)  # 202 are cancelled
    preview = preview_attendee_import(path)
    assert preview.is_large
    warning = "Warning: 20,001 people, more than any event: is this the right file?"
    assert format_preview(preview).splitlines()[2] == warning
    write_list(path, 150)
    assert "Warning" not in format_preview(preview_attendee_import(path))
