"""`workshop-app allocate` and `workshop-app find`, run as the command line runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.cli import main
from workshop_app.core.models import Attendee, Workshop
from workshop_app.core.workshop_plan import WorkshopPlan, WorkshopRound
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore


@pytest.fixture
def event(tmp_path: Path) -> Path:
    with EventCatalog(tmp_path / "sessions").create("Network Day") as store:
        store.save_many(
            Attendee(first_name="Sam", surname=s, checked_in_at="" if s == "Young" else "t")
            for s in ("Abbott", "Jones", "Kaur", "Okafor", "Young")
        )
        return store.path


def run(tmp_path: Path, *args: str) -> int:
    return main(["--data-dir", str(tmp_path / "sessions"), *args])


def test_allocate_prints_ranges_and_counts_and_saves(
    tmp_path: Path, event: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(
        tmp_path,
        "allocate",
        "Network Day",
        "--workshop",
        "Workshop A=Conference Room:40",
        "--workshop",
        "Workshop B=Meeting Room 3:30",
        "--rounds",
        "2",
        "--checked-in-only",
        "--ranges",
        "A-J,K-Z",
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "Surname groups: A–J, K–Z" in out
    assert "Round 1: surnames A–J, 2 people" in out and "Round 1: surnames K–Z, 2 people" in out
    assert "4 people placed, counting only people checked in" in out
    with EventStore(event, read_only=True) as store:
        assert [(w.title, w.room, w.capacity) for w in store.all(Workshop)] == [
            ("Workshop A", "Conference Room", 40),
            ("Workshop B", "Meeting Room 3", 30),
        ]
        assert len(store.all(WorkshopRound)) == 2
        [plan] = store.all(WorkshopPlan)
        assert plan.only_checked_in and plan.typed_ranges == "A-J,K-Z"


def test_find_prints_a_route(tmp_path: Path, event: Path, capsys: pytest.CaptureFixture[str]):
    run(
        tmp_path,
        "allocate",
        "Network Day",
        "--workshop",
        "Workshop A=Conference Room:40",
        "--workshop",
        "Workshop B=Meeting Room 3:30",
        "--ranges",
        "A-J,K-Z",
    )
    capsys.readouterr()
    assert run(tmp_path, "find", "Network Day", "okafor") == 0
    out = capsys.readouterr().out
    assert "Sam Okafor: Workshop B then Workshop A" in out
    assert "Round 1: Workshop B, Meeting Room 3" in out
    assert run(tmp_path, "find", "Network Day", "nobody-here") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workshop", "Workshop A=Conference Room:forty"], "whole number"),
        (["--workshop", "=Room:3"], "has no title"),
        (["--workshop", "A=R:4", "--workshop", "B=S:4", "--ranges", "A-J,K-Y"], "Z uncovered"),
        (["--workshop", "A=R:4", "--workshop", "a=S:4"], "same title"),
        (["--rounds", "0", "--workshop", "A=R:4"], "number of rounds"),
        ([], "no workshops"),
    ],
)
def test_bad_arguments_say_why_exit_2_and_save_nothing(
    tmp_path: Path, event: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = event.read_bytes()
    with EventStore(event) as store:
        assert not store.all(Workshop)
    try:
        code = run(tmp_path, "allocate", "Network Day", *args)
    except SystemExit as exit_:  # argparse rejects an option value itself
        code = int(exit_.code or 0)
    assert code == 2
    assert message in capsys.readouterr().err
    with EventStore(event, read_only=True) as store:
        assert not store.all(Workshop) and not store.all(WorkshopPlan)
    assert before
