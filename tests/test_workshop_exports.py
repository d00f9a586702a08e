"""Workshop exports: door signs (HTML), door lists (XLSX and HTML) and the allocation CSV."""

from __future__ import annotations

import csv
import io
import re
import stat
from pathlib import Path

from openpyxl import load_workbook

from workshop_app.core.models import Attendee, Workshop
from workshop_app.core.workshop_plan import (
    AllocationPin,
    PlanInputs,
    WorkshopPlan,
    WorkshopRound,
)
from workshop_app.io.workshop_exports import export_workshops, write_new_file

A = Workshop(
    title="Workshop A", room="Conference Room", lead="Ruth Okafor", capacity=40, position=1
)
B = Workshop(title="Workshop B", room="Meeting Room 3", capacity=30, position=2)
ROUNDS = (
    WorkshopRound(number=1, starts="10:30", ends="11:30"),
    WorkshopRound(number=2, starts="11:45", ends="12:45"),
)


def inputs_for(surnames: list[str], pins: tuple[AllocationPin, ...] = ()) -> PlanInputs:
    crowd = tuple(
        Attendee(id=f"id{n}", first_name=f"P{n}", surname=s) for n, s in enumerate(surnames)
    )
    return PlanInputs(crowd, (A, B), ROUNDS, WorkshopPlan(typed_ranges="A-J, K-Z"), pins, ())


def export(tmp_path: Path, inputs: PlanInputs) -> dict[str, Path]:
    paths = export_workshops(inputs, inputs.allocate(), tmp_path / "exports", "day", "Day")
    return {p.name.split("-2")[0].removeprefix("day-") + p.suffix: p for p in paths}


def test_files_are_private_and_never_overwritten(tmp_path: Path) -> None:
    inputs = inputs_for(["Abbott", "Young"])
    first = export_workshops(inputs, inputs.allocate(), tmp_path / "exports", "day", "Day")
    second = export_workshops(inputs, inputs.allocate(), tmp_path / "exports", "day", "Day")
    assert len(set(first) | set(second)) == 8
    assert stat.S_IMODE((tmp_path / "exports").stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in first + second)
    taken = write_new_file(tmp_path, "same", ".txt", b"one")
    again = write_new_file(tmp_path, "same", ".txt", b"two")
    assert (taken.read_bytes(), again.name) == (b"one", "same-2.txt")
    assert not list(tmp_path.glob(".*.tmp"))


def test_one_sign_per_room_and_round_with_its_range(tmp_path: Path) -> None:
    files = export(tmp_path, inputs_for(["Abbott", "Young"]))
    page = files["signs.html"].read_text(encoding="utf-8")
    signs = re.findall(r'<section class="sign">(.*?)</section>', page, re.S)
    assert len(signs) == 4
    assert "SURNAMES A–J" in signs[0] and "Workshop A" in signs[0] and "Round 1" in signs[0]
    assert "10:30–11:30" in signs[0] and "Conference Room" in signs[0]
    assert "SURNAMES K–Z" in signs[1] and "Workshop B" in signs[1]
    assert "SURNAMES K–Z" in signs[2] and "Round 2, 11:45–12:45" in signs[2]
    assert "size: A4 landscape" in page and "page-break-after: always" in page
    assert "http" not in page and "<link" not in page and "<script" not in page


def test_door_lists_have_a_sheet_per_room_and_round_and_blank_rows(tmp_path: Path) -> None:
    surnames = [f"A{chr(97 + n)}bott" for n in range(12)] + ["Young"]
    crowd = inputs_for(surnames).attendees
    inputs = inputs_for(surnames, (AllocationPin(attendee_id=crowd[-1].id, workshop_id=A.id),))
    files = export(tmp_path, inputs)
    book = load_workbook(files["door-lists.xlsx"])
    assert book.sheetnames == ["R1 Workshop A", "R1 Workshop B", "R2 Workshop A", "R2 Workshop B"]
    sheet = book["R1 Workshop A"]
    assert sheet["A1"].value == "Workshop A – Conference Room"
    assert "Surnames A–J" in sheet["A2"].value and "13 people" in sheet["A2"].value
    assert sheet.print_title_rows == "$1:$3"
    column = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    names = [v for v in column if v]
    assert names == sorted(names[:-1]) + ["Young"], "by surname; pinned Young files under Y"
    assert len(column) == 13 + 3
    assert [i for i, v in enumerate(column) if not v] == [5, 11, 15]
    empty = book["R1 Workshop B"]
    assert [r[0] for r in empty.iter_rows(min_row=4, values_only=True)] == [None]
    lists = files["door-lists.html"].read_text(encoding="utf-8")
    assert lists.count('<section class="list">') == 4
    assert lists.count('class="walk-in"') == 3 + 1 + 1 + 3


def test_the_csv_lists_everyone_with_their_key_group_and_rooms(tmp_path: Path) -> None:
    inputs = inputs_for(["de Souza", "Иванов", "Young", "=cmd"])
    nameless = Attendee(id="nameless", organisation="Food Bank")
    inputs = PlanInputs(
        (*inputs.attendees, nameless), inputs.workshops, inputs.rounds, inputs.plan, (), ()
    )
    files = export(tmp_path, inputs)
    rows = list(csv.DictReader(io.StringIO(files["allocation.csv"].read_text("utf-8-sig"))))
    by_key = {r["surname key"]: r for r in rows}
    assert list(rows[0]) == [
        "attendee id",
        "attendee",
        "surname key",
        "group",
        "Round 1, 10:30–11:30",
        "Round 2, 11:45–12:45",
    ]
    assert by_key["DESOUZA"]["group"].startswith("Group 1: A–J")
    assert by_key["IVANOV"]["Round 1, 10:30–11:30"] == "Workshop A"
    assert by_key["YOUNG"]["Round 1, 10:30–11:30"] == "Workshop B"
    assert by_key["YOUNG"]["Round 2, 11:45–12:45"] == "Workshop A"
    assert by_key[""]["group"] == "needs a surname" and by_key[""]["attendee id"] == "nameless"
    assert by_key["CMD"]["attendee"] == "P3 =cmd"
    assert rows[-1]["attendee id"] == "nameless", "people who need a surname come last"


def test_a_name_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    inputs = inputs_for(["Young"])
    sneaky = Attendee(id="sneaky", surname="=HYPERLINK(1)")
    inputs = PlanInputs((*inputs.attendees, sneaky), (A, B), ROUNDS, inputs.plan, (), ())
    files = export(tmp_path, inputs)
    rows = list(csv.DictReader(io.StringIO(files["allocation.csv"].read_text("utf-8-sig"))))
    assert {r["attendee"] for r in rows} >= {"'=HYPERLINK(1)"}
    book = load_workbook(files["door-lists.xlsx"])
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    sneaky_cells = [c for c in cells if "HYPERLINK" in str(c.value)]
    assert sneaky_cells and all(c.data_type == "s" for c in sneaky_cells)
