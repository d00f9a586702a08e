"""The desk's rules: a walk-in's name in one box, organisations and their sector, a seat."""

from __future__ import annotations

import pytest

from workshop_app.core import seating_desk
from workshop_app.core.models import Attendee, DiscussionTable
from workshop_app.core.names import split_name
from workshop_app.core.organisations import known_sector, same_organisation, with_sector


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Zoë Ó Briain", ("Zoë", "Ó Briain")),
        ("Anna van der Berg", ("Anna", "van der Berg")),
        ("María de la Cruz", ("María", "de la Cruz")),
        ("Mary Ann  Smith", ("Mary Ann", "Smith")),
        ("Ó Briain, Zoë", ("Zoë", "Ó Briain")),
        ("Kwame", ("Kwame", "")),
        ("  ", ("", "")),
        ("Van Morrison", ("Van", "Morrison")),  # a first name is never a particle
    ],
)
def test_split_name(typed: str, expected: tuple[str, str]) -> None:
    assert split_name(typed) == expected


PEOPLE = [
    Attendee(first_name="A", surname="One", organisation="Repair Café", sector="VCSE"),
    Attendee(first_name="B", surname="Two", organisation="repair cafe", sector="other"),
    Attendee(first_name="C", surname="Three", organisation="Repair Café Ltd", sector="business"),
]


def test_organisations_compare_as_names_do() -> None:
    assert [a.surname for a in same_organisation(PEOPLE, "REPAIR  CAFÉ")] == ["One", "Two"]
    assert same_organisation(PEOPLE, "") == []
    assert known_sector(PEOPLE, "Repair Cafe") == "VCSE"
    assert known_sector(PEOPLE, "Nowhere") is None
    changed = with_sector(same_organisation(PEOPLE, "Repair Café"), "VCSE")
    assert [(a.surname, a.sector) for a in changed] == [("Two", "VCSE")]


def test_a_walk_in_joins_the_plan_without_moving_anyone() -> None:
    tables = [DiscussionTable(number=1, size=2), DiscussionTable(number=2, size=2)]
    walk_in = Attendee(first_name="Ann", surname="Vale")
    assert seating_desk.seat_walk_in([], walk_in, tables) is None, "not seated yet"
    plan = seating_desk.seat_room(PEOPLE, tables, {}, everyone=True)
    seated = seating_desk.seat_walk_in([plan], walk_in, tables)
    assert seated is not None and walk_in.id in seated.seat_of
    assert {a: t for a, t in seated.seat_of.items() if a != walk_in.id} == plan.seat_of
    full = seating_desk.seat_walk_in([seated], Attendee(first_name="Bo", surname="Hale"), tables)
    assert full is not None and len(full.unseated) == 1 and full.seat_of == seated.seat_of
