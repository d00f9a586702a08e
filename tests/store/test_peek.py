"""The event's details can be read from the start of its file, and never wrongly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop_app.core.models import Attendee, Event
from workshop_app.store.event_store import EventStore
from workshop_app.store.peek import peek_event


def test_a_closed_event_shows_its_details_without_loading(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    with EventStore.create(path, Event(name="Spring Roadshow", date="2027-03-14")) as store:
        store.save_many(Attendee(first_name="A", surname=f"P{n}") for n in range(2000))

    preview = peek_event(path)

    assert preview is not None
    assert (preview["name"], preview["date"]) == ("Spring Roadshow", "2027-03-14")


def test_an_open_event_shows_its_details_from_the_first_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    with EventStore.create(path, Event(name="Harvest Supper")):
        assert peek_event(path)["name"] == "Harvest Supper"  # type: ignore[index]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json at all",
        b'{"event": {"1": {"name": "Torn',
        b'{"_default": {}, "event": {"1": {"name": "Later table"}}}',
        json.dumps({"event": {"1": {"name": 5}}}).encode(),
        json.dumps({"event": {"1": {"name": "A"}, "2": {"name": "B"}}}).encode(),
    ],
    ids=["empty", "garbage", "torn", "event-not-first", "name-not-text", "two-events"],
)
def test_anything_unexpected_gives_no_preview(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "e.json"
    path.write_bytes(content)

    assert peek_event(path) is None


def test_a_missing_file_gives_no_preview(tmp_path: Path) -> None:
    assert peek_event(tmp_path / "nowhere.json") is None
