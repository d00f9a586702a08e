"""Directions: what the desk says and the kiosk shows to one attendee."""

from __future__ import annotations

from workshop_app.core.directions import ASK_AT_THE_DESK, Directions, directions_for
from workshop_app.core.models import Attendee


def test_unknown_plans_send_people_to_the_desk() -> None:
    directions = directions_for(Attendee(title="Dr", first_name="Zoë", surname="Ní Bhriain"))
    assert directions == Directions(name="Dr Zoë Ní Bhriain")
    assert not directions.known
    assert directions.lines() == (ASK_AT_THE_DESK,)


def test_route_and_table_are_listed_in_order() -> None:
    directions = directions_for(
        Attendee(first_name="Sean", surname="O'Brien"),
        workshop_route=[
            "Round 1 (10:30): Workshop A, Conference Room",
            " ",
            "Round 2 (11:30): Workshop B, Meeting Room 3",
        ],
        table=" Table 3 – Garden ",
    )
    assert directions.known
    assert directions.workshops == (
        "Round 1 (10:30): Workshop A, Conference Room",
        "Round 2 (11:30): Workshop B, Meeting Room 3",
    )
    assert directions.lines() == (
        "Round 1 (10:30): Workshop A, Conference Room",
        "Round 2 (11:30): Workshop B, Meeting Room 3",
        "Your table: Table 3 – Garden",
    )


def test_a_table_alone_still_says_ask_about_the_workshop() -> None:
    directions = directions_for(Attendee(first_name="Ann"), table="Table 1")
    assert directions.lines() == (ASK_AT_THE_DESK, "Your table: Table 1")


def test_a_nameless_attendee_still_gets_a_name() -> None:
    assert directions_for(Attendee()).name == "(no name)"
