"""The saved workshop plan: records that round-trip through the store, and the allocation
they give (typed ranges, kept ranges, recompute, pins, moves, routes for walk-ins)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.core.models import Attendee, Event, Workshop
from workshop_app.core.surnames import RangeError
from workshop_app.core.workshop_plan import (
    AllocationMove,
    AllocationPin,
    PlanInputs,
    WorkshopPlan,
    WorkshopRound,
    as_records,
    find_people,
    is_saved,
    plan_allocation,
    remember_choice,
    rounds_in_use,
    route_for,
    route_lines,
)
from workshop_app.core.workshop_setup import (
    clean_round,
    clean_time,
    clean_workshop,
    parse_workshop_spec,
    renumbered,
)
from workshop_app.store.event_store import EventStore

A = Workshop(title="Workshop A", room="Conference Room", capacity=40, position=1)
B = Workshop(title="Workshop B", room="Meeting Room 3", capacity=30, position=2)
ROUNDS = (
    WorkshopRound(number=1, starts="10:30", ends="11:30"),
    WorkshopRound(number=2, starts="11:45", ends="12:45"),
)


def people(*surnames: str, checked_in: bool = True) -> list[Attendee]:
    stamp = "2026-11-23T09:00:00+00:00" if checked_in else ""
    return [Attendee(first_name="Sam", surname=s, checked_in_at=stamp) for s in surnames]


def test_every_record_kind_round_trips_through_the_store(tmp_path: Path) -> None:
    records = [
        *ROUNDS,
        WorkshopPlan(
            only_checked_in=True,
            boundaries="letters",
            typed_ranges="A-J, K-Z",
            particles_last=True,
            chosen_ranges="A–J, K–Z",
            chosen_reason="why",
        ),
        AllocationPin(attendee_id="p1", workshop_id=B.id, reason="Wheelchair user"),
        AllocationMove(attendee_id="p2", group_index=1, reason="with a carer"),
    ]
    with EventStore.create(tmp_path / "event.json", Event(name="Day")) as store:
        store.save_many(records)
    with EventStore(tmp_path / "event.json", read_only=True) as reopened:
        for record in records:
            assert reopened.all(type(record)) == [r for r in records if type(r) is type(record)]


def test_the_programme_split_and_the_swap() -> None:
    crowd = people("Abbott", "Jones", "Kaur", "Zieliński")
    allocation = plan_allocation(crowd, [B, A], WorkshopPlan(typed_ranges="A-J, K-Z"), ROUNDS)
    assert allocation.range_labels == "A–J, K–Z"
    assert [w.title for w in allocation.workshops] == ["Workshop A", "Workshop B"]
    assert allocation.describe_route(crowd[0].id) == "Workshop A then Workshop B"
    assert allocation.describe_route(crowd[3].id) == "Workshop B then Workshop A"
    assert allocation.counts == ((2, 2), (2, 2))


def test_bad_typed_ranges_raise_a_range_error() -> None:
    with pytest.raises(RangeError, match="leaves Z uncovered"):
        plan_allocation(people("Abbott"), [A, B], WorkshopPlan(typed_ranges="A-J,K-Y"), ROUNDS)


def test_chosen_ranges_are_kept_until_a_recompute() -> None:
    crowd = people(*["Abbott"] * 5, *["Young"] * 5)
    first = plan_allocation(crowd, [A, B], WorkshopPlan(), ROUNDS, recompute=True)
    plan = remember_choice(WorkshopPlan(), first)
    assert plan.chosen_ranges == first.range_labels and plan.computed_at
    more = crowd + people(*["Baker"] * 5, *["Young"] * 5)
    kept = plan_allocation(more, [A, B], plan, ROUNDS)
    assert kept.range_labels == first.range_labels
    assert "Kept since" in kept.reason
    again = plan_allocation(more, [A, B], plan, ROUNDS, recompute=True)
    assert again.range_labels != first.range_labels


def test_kept_ranges_for_another_number_of_workshops_are_chosen_again() -> None:
    c = Workshop(title="Workshop C", capacity=30, position=3)
    plan = WorkshopPlan(chosen_ranges="A–J, K–Z")
    allocation = plan_allocation(people("Abbott", "Kaur", "Young"), [A, B, c], plan, ROUNDS)
    assert len(allocation.ranges) == 3


def test_pins_and_moves_hold_and_only_checked_in_counts() -> None:
    here = people("Abbott", "Kaur")
    away = people("Baker", checked_in=False)
    pin = AllocationPin(attendee_id=here[0].id, workshop_id=B.id)
    move = AllocationMove(attendee_id=here[1].id, group_index=0)
    plan = WorkshopPlan(only_checked_in=True, typed_ranges="A-J, K-Z")
    allocation = plan_allocation(here + away, [A, B], plan, ROUNDS, [pin], [move])
    assert allocation.route(here[0].id) == (1, 1)
    assert allocation.route(here[1].id) == (0, 1)
    assert allocation.route(away[0].id) == ()
    assert sum(allocation.counts[0]) == 2


def test_a_walk_in_added_later_gets_the_route_the_sign_gives() -> None:
    allocation = plan_allocation(
        people("Abbott"), [A, B], WorkshopPlan(typed_ranges="A-J,K-Z"), ROUNDS
    )
    walk_in = Attendee(first_name="Olu", surname="Okafor")
    assert route_for(allocation, walk_in) == (1, 0)
    inputs = PlanInputs((), (A, B), ROUNDS, WorkshopPlan(), (), ())
    assert route_lines(inputs, allocation, walk_in) == (
        "Round 1, 10:30–11:30: Workshop B, Meeting Room 3",
        "Round 2, 11:45–12:45: Workshop A, Conference Room",
    )
    assert route_for(allocation, Attendee()) == ()


def test_names_in_other_scripts_are_found_by_their_latin_spelling() -> None:
    crowd = people("Иванов", "Ivens", "Okafor")
    assert [a.surname for a in find_people(crowd, "ivanov")] == ["Иванов"]
    assert find_people(crowd, "   ") == []


def test_typed_workshops_are_checked() -> None:
    made = clean_workshop(" Workshop  C ", "Hall", "", "25", others=[A, B])
    assert (made.title, made.capacity, made.position) == ("Workshop C", 25, 3)
    with pytest.raises(ValueError, match="already a workshop called"):
        clean_workshop("workshop a", "", "", "", others=[A, B])
    with pytest.raises(ValueError, match="whole number"):
        clean_workshop("D", "", "", "lots", others=[A])
    with pytest.raises(ValueError, match="needs a title"):
        clean_workshop("  ", "", "", "")
    assert clean_workshop("Workshop A", "Hall", "", "", others=[A, B], editing=A).id == A.id


def test_typed_rounds_are_checked() -> None:
    assert clean_time("9.05") == "09:05" and clean_time("") == ""
    with pytest.raises(ValueError, match="not a time"):
        clean_time("25:00")
    with pytest.raises(ValueError, match="before it starts"):
        clean_round("11:00", "10:00")
    with pytest.raises(ValueError, match="overlaps round 1"):
        clean_round("11:00", "12:00", others=ROUNDS)
    assert clean_round("13:00", "14:00", others=ROUNDS).number == 3
    late, early = WorkshopRound(number=1, starts="14:00"), WorkshopRound(number=2, starts="09:00")
    assert [(r.number, r.starts) for r in renumbered([late, early])] == [(1, "09:00"), (2, "14:00")]


def test_workshop_specs_from_the_command_line() -> None:
    spec = parse_workshop_spec("Workshop B=Meeting Room 3: Ground Floor:30")
    assert (spec.title, spec.room, spec.capacity) == (
        "Workshop B",
        "Meeting Room 3: Ground Floor",
        30,
    )
    assert parse_workshop_spec("Workshop A").room == ""
    for bad in ("=Room:4", "A=Room:", "A=Room:x"):
        with pytest.raises(ValueError):
            parse_workshop_spec(bad)


def test_before_any_round_is_saved_the_split_uses_one_unsaved_round_per_workshop():
    unsaved = rounds_in_use((), 3)
    assert [r.number for r in unsaved] == [1, 2, 3]
    assert not any(is_saved(r) for r in unsaved) and not any(r.times for r in unsaved)
    assert [r.id for r in rounds_in_use((), 3)] == [r.id for r in unsaved], "same rows, same cursor"
    saved = (WorkshopRound(number=1, starts="10:30"),)
    assert rounds_in_use(saved, 3) == saved, "saved rounds win, however many"


def test_saving_an_unsaved_round_makes_records_of_their_own():
    first, second = rounds_in_use((), 2)
    records = as_records([first.edited(starts="10:30"), second])
    assert all(is_saved(r) for r in records)
    assert [(r.number, r.starts) for r in records] == [(1, "10:30"), (2, "")]
    kept = WorkshopRound(number=1)
    assert as_records([kept]) == [kept], "a saved round is saved as it is"
