"""Seating rules: sectors mix, colleagues spread, pins hold, late arrivals fit, nobody lost."""

from __future__ import annotations

import ast
import dataclasses
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_app.core import seating
from workshop_app.core.models import Attendee, Sector
from workshop_app.core.seating import (
    DiscussionTable,
    SeatingPlan,
    organisation_key,
    seat_attendees,
    seat_in_order,
    seat_late_arrival,
    sectors_unknown,
)

SECTORS = [s.value for s in Sector]
ORGANISATIONS = ["", "", "Age UK", "age uk", " AGE  UK", "Council", "Food Bank", "NHS Trust"]
PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, database=None)


def person(pid: str, sector: str = "VCSE", organisation: str = "") -> Attendee:
    return Attendee(id=pid, first_name=pid, sector=sector, organisation=organisation)


def tables_of(*sizes: int) -> list[DiscussionTable]:
    return [
        DiscussionTable(id=f"t{i + 1}", number=i + 1, size=size) for i, size in enumerate(sizes)
    ]


def check_valid(plan: SeatingPlan, people, tables, pins) -> None:
    """Everyone exactly once (seated xor unseated), sizes kept, pins held."""
    ids = [p.id for p in people]
    assert set(plan.seat_of).isdisjoint(plan.unseated)
    assert sorted([*plan.seat_of, *plan.unseated]) == sorted(ids)
    for table in tables:
        assert len(plan.seats[table.id]) <= table.size
    for attendee_id, table_id in pins.items():
        if attendee_id in ids:
            assert plan.seat_of[attendee_id] == table_id


# --- the mix -------------------------------------------------------------------------------


def test_sectors_are_unknown_when_most_people_have_none():
    assert sectors_unknown(["other"] * 6)
    assert sectors_unknown(["other", "", " ", "VCSE"])  # three in four unknown
    assert not sectors_unknown(["other", "other", "VCSE", "statutory"])
    assert not sectors_unknown([])


def test_with_sectors_unknown_tables_spread_organisations_and_say_so():
    # Six organisations of four, as after an import whose sector question stayed unmapped;
    # one person from each organisation said "VCSE", which alone would pull them together.
    people = [
        person(f"{org}{k}", "VCSE" if k == 0 else "other", organisation=org)
        for org in "ABCDEF"
        for k in range(4)
    ]
    tables = tables_of(6, 6, 6, 6)
    plan = seat_attendees(people, tables)
    check_valid(plan, people, tables, {})
    assert plan.sectors_unknown
    assert plan.mix_quality().colleague_pairs == 0
    assert [plan.organisations_at(t.id) for t in tables] == [6, 6, 6, 6]


def test_with_sectors_known_the_plan_mixes_them():
    people = [person(f"p{i}", SECTORS[i % 2], organisation=f"O{i}") for i in range(8)]
    assert not seat_attendees(people, tables_of(4, 4)).sectors_unknown


def test_each_table_gets_an_even_share_of_each_sector():
    people = [person(f"v{i}", "VCSE") for i in range(8)] + [
        person(f"s{i}", "statutory") for i in range(8)
    ]
    tables = tables_of(4, 4, 4, 4)

    plan = seat_attendees(people, tables)

    for table in tables:
        assert plan.mix(table.id).sector_counts == {"VCSE": 2, "statutory": 2}
    assert plan.mix_quality().sector_deviation == 0
    assert seat_in_order(people, tables).mix_quality().sector_deviation > 0


def test_colleagues_are_spread_apart_whatever_the_case_and_spacing():
    colleagues = [
        person(f"c{i}", organisation=o)
        for i, o in enumerate(["Age UK", "age uk", "AGE  UK", "AgeUK"])
    ]
    others = [person(f"o{i}", organisation=f"Group {i}") for i in range(12)]
    tables = tables_of(4, 4, 4, 4)

    plan = seat_attendees(colleagues + others, tables)

    assert {plan.seat_of[c.id] for c in colleagues} == {"t1", "t2", "t3", "t4"}
    assert plan.mix_quality().colleague_pairs == 0


def test_organisation_key_ignores_case_and_spaces():
    assert organisation_key(" Age  UK ") == organisation_key("ageuk") == "ageuk"
    assert organisation_key("") == ""


def test_people_without_an_organisation_are_nobodys_colleagues():
    people = [person(f"p{i}") for i in range(6)]
    plan = seat_attendees(people, tables_of(6))
    assert plan.mix("t1").colleague_pairs == 0


def test_mix_figures_for_a_badly_mixed_plan():
    people = {"a": "VCSE", "b": "VCSE", "c": "statutory", "d": "statutory"}
    plan = SeatingPlan(
        table_ids=("t1", "t2"),
        seat_of={"a": "t1", "b": "t1", "c": "t2", "d": "t2"},
        sector_of=people,
        organisation_key_of={"a": "council", "b": "council", "c": "", "d": ""},
    )

    table_one = plan.mix("t1")
    assert table_one.sector_counts == {"VCSE": 2, "statutory": 0}
    assert table_one.sector_deviation == 1.0  # one seat should be held by statutory
    assert table_one.colleague_pairs == 1
    whole = plan.mix_quality()
    assert whole.sector_counts == {"VCSE": 2, "statutory": 2}
    assert (whole.sector_deviation, whole.colleague_pairs) == (2.0, 1)
    assert whole.score == 16 + (4 * 4 + 1) * 1


def test_a_large_event_seats_everyone_well_mixed():
    rng = random.Random(3)
    people = [
        person(f"p{i}", rng.choice(SECTORS), rng.choice([f"Org {n}" for n in range(300)]))
        for i in range(2000)
    ]
    tables = [DiscussionTable(number=n, size=10) for n in range(1, 201)]

    plan = seat_attendees(people, tables)

    check_valid(plan, people, tables, {})
    assert plan.unseated == ()
    assert plan.mix_quality().colleague_pairs == 0
    assert plan.mix_quality().score < seat_in_order(people, tables).mix_quality().score


# --- pins, overflow, input errors ------------------------------------------------------------


def test_pinned_people_sit_at_their_table_even_when_listed_last_in_a_full_room():
    people = [person(f"p{i}") for i in range(10)]
    pins = {"p9": "t2"}

    plan = seat_attendees(people, tables_of(4, 4), pins)

    assert plan.seat_of["p9"] == "t2"
    assert plan.unseated == ("p7", "p8")


def test_more_people_than_seats_leaves_the_last_listed_unseated_and_reports_them():
    people = [person(f"p{i}", SECTORS[i % 5]) for i in range(11)]

    plan = seat_attendees(people, tables_of(4, 4))

    assert len(plan.seat_of) == 8
    assert plan.unseated == ("p8", "p9", "p10")


def test_pins_for_people_not_being_seated_are_ignored():
    plan = seat_attendees([person("here")], tables_of(2), {"not-arrived": "t1"})
    assert plan.seat_of == {"here": "t1"}


@pytest.mark.parametrize(
    ("people", "tables", "pins", "message"),
    [
        ([person("a")], tables_of(2), {"a": "t9"}, "not a table"),
        ([person("a"), person("b")], tables_of(1), {"a": "t1", "b": "t1"}, "1 seats; 2 people"),
        ([person("a"), person("a")], tables_of(2), {}, "listed twice"),
        ([person("a")], [*tables_of(2), *tables_of(2)], {}, "appears twice"),
        ([person("a")], tables_of(-1), {}, "negative size"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(people, tables, pins, message):
    with pytest.raises(ValueError, match=message):
        seat_attendees(people, tables, pins)


def test_same_input_gives_the_same_plan_and_a_seed_only_breaks_ties():
    people = [person(f"p{i}", SECTORS[i % 3], ORGANISATIONS[i % 8]) for i in range(30)]
    tables = tables_of(5, 5, 5, 5, 5, 5)

    assert seat_attendees(people, tables).seat_of == seat_attendees(people, tables).seat_of
    seeded = seat_attendees(people, tables, seed=42)
    assert seeded.seat_of == seat_attendees(people, tables, seed=42).seat_of
    twelve_from_age_uk = 6  # 12 colleagues at 6 tables: two per table is the best there is
    assert seeded.mix_quality().colleague_pairs == twelve_from_age_uk
    assert seat_attendees(people, tables).mix_quality().colleague_pairs == twelve_from_age_uk


# --- late arrivals ---------------------------------------------------------------------------


def test_a_late_arrival_goes_to_the_table_with_most_room():
    tables = tables_of(6, 6, 6)
    plan = seat_in_order([person(f"p{i}", organisation=f"G{i}") for i in range(8)], tables)

    later = seat_late_arrival(plan, person("late"), tables)

    assert later.seat_of["late"] == "t3"
    assert {k: v for k, v in later.seat_of.items() if k != "late"} == plan.seat_of


def test_a_late_arrival_avoids_a_colleague_before_seeking_room():
    tables = tables_of(6, 6)
    people = [person(f"p{i}", organisation=f"G{i}") for i in range(3)]
    plan = seat_in_order([*people, person("boss", organisation="Council")], tables, {"boss": "t2"})

    later = seat_late_arrival(plan, person("late", organisation="council "), tables)

    assert later.seat_of["late"] == "t1"


def test_a_late_arrival_keeps_the_sector_mix_before_seeking_room():
    tables = tables_of(6, 4)
    people = [
        person("v1", "VCSE"),
        person("v2", "VCSE"),
        person("s1", "statutory"),
        person("s2", "statutory"),
    ]
    plan = seat_in_order(people, tables, {"s1": "t2", "s2": "t2"})

    later = seat_late_arrival(plan, person("late", "VCSE"), tables)

    assert later.seat_of["late"] == "t2"


def test_a_late_arrival_with_no_seat_left_is_reported_then_seated_when_a_table_is_added():
    tables = tables_of(2)
    plan = seat_attendees([person("a"), person("b")], tables)

    waiting = seat_late_arrival(plan, person("late"), tables)
    assert waiting.unseated == ("late",)
    assert seat_late_arrival(waiting, person("late"), tables).unseated == ("late",)

    more_tables = [*tables, DiscussionTable(id="extra", number=2, size=4)]
    seated = seat_late_arrival(waiting, person("late"), more_tables)
    assert (seated.seat_of["late"], seated.unseated) == ("extra", ())
    assert seated.table_ids == ("t1", "extra")


def test_checking_in_twice_changes_nothing():
    tables = tables_of(4)
    plan = seat_attendees([person("a")], tables)
    assert seat_late_arrival(plan, person("a"), tables) is plan


def test_a_late_arrival_can_be_pinned_but_not_to_a_full_table():
    tables = tables_of(1, 4)
    plan = seat_attendees([person("a")], tables, {"a": "t1"})

    assert seat_late_arrival(plan, person("b"), tables, pinned_table_id="t2").seat_of["b"] == "t2"
    with pytest.raises(ValueError, match="full"):
        seat_late_arrival(plan, person("b"), tables, pinned_table_id="t1")


# --- properties ------------------------------------------------------------------------------


@st.composite
def rooms(draw):
    """A few tables (some size 0), up to 40 people, and pins that fit their tables."""
    sizes = draw(st.lists(st.integers(0, 8), min_size=1, max_size=6))
    tables = tables_of(*sizes)
    draw(st.randoms(use_true_random=False)).shuffle(tables)  # load order must not matter
    kinds = st.tuples(st.sampled_from(SECTORS), st.sampled_from(ORGANISATIONS), st.booleans())
    people, pins = [], {"ghost": tables[0].id}
    room_at = {t.id: t.size for t in tables}
    for i, (sector, org, wants_pin) in enumerate(draw(st.lists(kinds, max_size=40))):
        people.append(person(f"p{i}", sector, org))
        open_tables = [t for t in sorted(room_at) if room_at[t] > 0]
        if wants_pin and open_tables and draw(st.integers(0, 3)) == 0:
            pins[f"p{i}"] = draw(st.sampled_from(open_tables))
            room_at[pins[f"p{i}"]] -= 1
    return people, tables, pins


@PROPERTY_SETTINGS
@given(rooms(), st.none() | st.integers(0, 1000))
def test_plans_are_valid_and_nobody_is_dropped(room, seed):
    people, tables, pins = room
    plan = seat_attendees(people, tables, pins, seed=seed)

    check_valid(plan, people, tables, pins)
    seats = sum(t.size for t in tables)
    assert len(plan.unseated) == max(0, len(people) - seats)  # room for all: nobody unseated


@PROPERTY_SETTINGS
@given(rooms())
def test_the_mix_is_never_worse_than_filling_tables_in_order(room):
    people, tables, pins = room
    plan = seat_attendees(people, tables, pins)
    naive = seat_in_order(people, tables, pins)

    assert plan.mix_quality().score <= naive.mix_quality().score
    assert plan.unseated == naive.unseated


@PROPERTY_SETTINGS
@given(rooms())
def test_without_organisations_the_sector_mix_alone_beats_filling_in_order(room):
    people, tables, pins = room
    people = [person(p.id, p.sector) for p in people]
    plan = seat_attendees(people, tables, pins)
    naive = seat_in_order(people, tables, pins)

    assert plan.mix_quality().sector_deviation <= naive.mix_quality().sector_deviation


@PROPERTY_SETTINGS
@given(rooms(), st.sampled_from(SECTORS), st.sampled_from(ORGANISATIONS))
def test_late_arrivals_keep_the_plan_valid_and_move_nobody(room, sector, org):
    people, tables, pins = room
    plan = seat_attendees(people, tables, pins)
    late = person("late", sector, org)

    later = seat_late_arrival(plan, late, tables)

    check_valid(later, [*people, late], tables, pins)
    assert {k: v for k, v in later.seat_of.items() if k != "late"} == plan.seat_of
    has_room = len(plan.seat_of) < sum(t.size for t in tables)
    assert ("late" in later.seat_of) == has_room


def test_seating_stays_pure():
    """Core must not reach for the TUI, the database or files (see DESIGN.md)."""
    tree = ast.parse(Path(seating.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        (node.module or "").split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    }
    assert imported.isdisjoint({"textual", "tinydb", "pathlib", "os", "io", "shutil", "json"})
    calls = {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    assert "open" not in calls


def test_a_plan_survives_a_json_round_trip_for_the_store():
    plan = seat_attendees([person("a", "VCSE", "Age UK"), person("b")], tables_of(1))

    data = json.loads(json.dumps(dataclasses.asdict(plan)))
    restored = SeatingPlan(
        **{**data, "table_ids": tuple(data["table_ids"]), "unseated": tuple(data["unseated"])}
    )

    assert restored == plan
