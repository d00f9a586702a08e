"""Surname groups for rotating workshops: exact optimal splits, pins, moves and routes."""

import ast
import itertools
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_app.core import allocation as allocation_module
from workshop_app.core import surnames as surnames_module
from workshop_app.core.allocation import (
    Allocation,
    GroupMove,
    Pin,
    allocate,
    best_split,
    format_route,
    people_per_room,
    rotation_counts,
    sample_attendees,
)
from workshop_app.core.models import Attendee, Workshop
from workshop_app.core.surnames import (
    LETTERS,
    TWO_LETTER_BINS,
    LetterRange,
    RangeError,
    bin_of,
    check_ranges,
    key_for_name,
)


def person(surname: str, first_name: str = "Sam", **fields) -> Attendee:
    return Attendee(first_name=first_name, surname=surname, **fields)


def rooms(*capacities: int) -> list[Workshop]:
    return [
        Workshop(id=f"w{i}", title=f"Workshop {'ABCDEFGH'[i]}", room=f"Room {i + 1}", capacity=c)
        for i, c in enumerate(capacities)
    ]


def brute_force(bins, capacities, rounds, pinned, moved, aligned_every=1):
    """Try every cut; the lowest (worst load, sum of squares, mid-letter cuts, cuts) wins."""
    k, best = len(capacities), None
    for cuts in itertools.combinations(range(1, len(bins)), k - 1):
        edges = (0, *cuts, len(bins))
        sizes = [sum(bins[edges[g] : edges[g + 1]]) + moved[g] for g in range(k)]
        loads = [
            Fraction(n, c)
            for row in rotation_counts(sizes, pinned, rounds)
            for n, c in zip(row, capacities, strict=True)
        ]
        mid_letter = sum(1 for c in cuts if c % aligned_every)
        score = (max(loads), sum(x * x for x in loads), mid_letter, cuts)
        best = score if best is None or score < best else best
    return best


def assert_matches_brute_force(bins, capacities, rounds, pinned, moved, aligned_every=1):
    split = best_split(
        bins, capacities, rounds, pinned=pinned, moved=moved, aligned_every=aligned_every
    )
    worst, squares, mid_letter, cuts = brute_force(
        bins, capacities, rounds, pinned, moved, aligned_every
    )
    assert (split.worst_load, split.sum_of_squares) == (worst, squares)
    assert sum(1 for c in split.cuts if c % aligned_every) == mid_letter
    assert split.cuts == cuts
    edges = (0, *split.cuts, len(bins))
    assert split.group_sizes == tuple(sum(bins[a:b]) for a, b in itertools.pairwise(edges))


# --- the exact search -------------------------------------------------------------------


@st.composite
def split_problems(draw):
    """Small rows of bins, with big bins, empty bins, tight rooms, pins and moves."""
    bins = draw(st.lists(st.one_of(st.integers(0, 4), st.integers(0, 40)), min_size=1, max_size=9))
    k = draw(st.integers(1, min(len(bins), 4)))
    capacities = draw(st.lists(st.integers(1, 12), min_size=k, max_size=k))
    rounds = draw(st.integers(1, 5))
    pinned = draw(st.lists(st.integers(0, 3), min_size=k, max_size=k))
    moved = draw(st.lists(st.integers(0, 3), min_size=k, max_size=k))
    aligned_every = draw(st.integers(1, 3))
    return bins, capacities, rounds, pinned, moved, aligned_every


@settings(max_examples=200, deadline=None)
@given(split_problems())
def test_best_split_matches_brute_force_on_small_rows(problem):
    assert_matches_brute_force(*problem)


@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.integers(0, 30), min_size=LETTERS, max_size=LETTERS),
    st.integers(1, 4).flatmap(lambda k: st.lists(st.integers(1, 60), min_size=k, max_size=k)),
    st.integers(1, 4),
)
def test_best_split_matches_brute_force_on_whole_letters(bins, capacities, rounds):
    k = len(capacities)
    assert_matches_brute_force(bins, capacities, rounds, [1] * k, [0] * k)


@settings(max_examples=6, deadline=None)
@given(
    st.lists(st.integers(0, 3), min_size=TWO_LETTER_BINS, max_size=TWO_LETTER_BINS),
    st.lists(st.integers(1, 400), min_size=2, max_size=2),
    st.integers(1, 3),
)
def test_best_split_matches_brute_force_on_two_letters(bins, capacities, rounds):
    assert_matches_brute_force(bins, capacities, rounds, [0, 2], [1, 0], aligned_every=LETTERS)


def test_a_huge_bin_gets_a_group_of_its_own_and_the_rest_still_balance():
    bins = [3, 1, 40, 1, 1, 1, 1, 1]
    assert_matches_brute_force(bins, [10, 10, 10], 3, [0, 0, 0], [0, 0, 0])
    assert best_split(bins, [10, 10, 10], 3).worst_load == 4


def test_a_small_room_can_force_a_split_greedy_filling_would_miss():
    # Filling group 1 as far as it goes would force the 5 into the 1-place room.
    split = best_split([1, 1, 5, 0], [2, 1, 5], 1)
    assert split.cuts == (1, 2) and split.worst_load == 1


def test_whole_letter_boundaries_win_ties_inside_empty_stretches():
    bins = [0] * TWO_LETTER_BINS
    bins[bin_of("HALL")] = 10
    bins[bin_of("IBBOT")] = 10
    split = best_split(bins, [10, 10], 2, aligned_every=LETTERS)
    assert split.cuts == (bin_of("I"),)


# --- allocate: the event's own example --------------------------------------------------


def test_the_programme_example_swaps_groups_after_round_one():
    people = [person("Adams"), person("Jones"), person("King"), person("Zephaniah")]
    workshops = rooms(30, 30)
    result = allocate(people, workshops, ranges="A-J, K-Z")
    assert result.range_labels == "A–J, K–Z"
    assert result.counts == ((2, 2), (2, 2))
    adams, king = people[0].id, people[2].id
    assert result.route_titles(adams) == ("Workshop A", "Workshop B")
    assert result.describe_route(adams) == "Workshop A then Workshop B"
    assert result.describe_route(king) == "Workshop B then Workshop A"
    assert result.reason == "Ranges set by hand: A–J, K–Z."
    recomputed = allocate(people, workshops, ranges="A-J, K-Z")
    assert recomputed == result and hash(recomputed) == hash(result)


def test_ranges_can_be_given_as_letter_ranges():
    hall, heath = person("Hall"), person("Heath")
    split = (LetterRange.between("A", "HA"), LetterRange.between("HB", "Z"))
    result = allocate([hall, heath], rooms(1, 1), ranges=split)
    assert result.range_labels == "A–Ha, Hb–Z"
    assert (result.group_of(hall.id), result.group_of(heath.id)) == (0, 1)


def test_typed_ranges_must_match_the_workshops():
    with pytest.raises(RangeError, match="range 2 'K-M' leaves N–Z uncovered"):
        allocate([person("Adams")], rooms(30, 30), ranges="A-J, K-M")
    with pytest.raises(RangeError, match="3 ranges given for 2 workshops"):
        allocate([person("Adams")], rooms(30, 30), ranges="A-H, I-P, Q-Z")


def test_the_best_whole_letter_split_balances_the_rooms():
    people = [person(s) for s in ("Abbot", "Adams", "Brown", "Evans", "Young", "Zhang")]
    result = allocate(people, rooms(3, 3))
    assert result.range_labels == "A–B, C–Z"
    assert result.counts == ((3, 3), (3, 3))
    assert result.worst_load == 1.0 and result.worst_load_exact == 1
    assert result.loads == ((1.0, 1.0), (1.0, 1.0))
    assert result.warnings == ()
    assert result.reason.startswith("Whole letters balance the rooms: the fullest room is 100%")


def test_two_letter_boundaries_are_used_when_whole_letters_overflow_and_say_why():
    people = [person(f"{p}{n}") for p in ("Hall", "Hewitt", "Hill", "Holt") for n in "abcde"]
    result = allocate(people, rooms(10, 10), rounds=2)
    assert result.range_labels == "A–He, Hf–Z"
    assert result.counts == ((10, 10), (10, 10))
    assert "Whole letters would leave a room over capacity" in result.reason
    assert "200% full" in result.reason and "bring it to 100% full" in result.reason
    assert result.warnings == ()


def test_whole_letters_can_be_insisted_on_and_then_warn_about_capacity():
    people = [person(f"{p}{n}") for p in ("Hall", "Hewitt", "Hill", "Holt") for n in "abcde"]
    result = allocate(people, rooms(10, 10), boundaries="letters")
    assert all(r.whole_letters for r in result.ranges)
    # Every split leaves all 20 in one group; the earliest cut settles the tie.
    assert result.range_labels == "A, B–Z"
    assert result.warnings == (
        "Round 1: Workshop B (Room 2) has 20 people for 10 places (10 over).",
        "Round 2: Workshop A (Room 1) has 20 people for 10 places (10 over).",
    )


def test_more_workshops_than_letters_use_two_letter_boundaries():
    people = sample_attendees(600, seed=2)
    result = allocate(people, rooms(30, 30, 30, 30, 30, 30, 30, 30) * 4, rounds=1)
    assert len(result.ranges) == 32
    assert "32 workshops need more groups than there are letters" in result.reason
    check_ranges(result.ranges, 32)


def test_counts_everyone_or_only_the_checked_in():
    people = [person("Adams", checked_in_at="2025-05-01T09:00"), person("Brown"), person("Zane")]
    assert sum(allocate(people, rooms(5, 5)).counts[0]) == 3
    only_here = allocate(people, rooms(5, 5), only_checked_in=True)
    assert sum(only_here.counts[0]) == 1
    assert only_here.group_of(people[1].id) is None


# --- pins, moves and people who cannot be placed ----------------------------------------


def test_pinned_people_stay_in_their_workshop_and_count_there_every_round():
    people = [person(s) for s in ("Adams", "Baker", "Young", "Zane")]
    workshops = rooms(2, 3)
    pin = Pin(people[0].id, "w1", reason="step-free access")
    result = allocate(people, workshops, pins=[pin])
    assert result.route(people[0].id) == (1, 1)
    assert result.group_of(people[0].id) is None
    assert result.pins == (pin,)
    assert all(row[1] >= 1 for row in result.counts)
    # The pinned person counts in room 2 (3 places) in both rounds: 3 others split 1 + 2.
    assert result.worst_load_exact == 1


def test_pins_and_moves_survive_a_recompute_with_walk_ins():
    people = [person(s) for s in ("Adams", "Baker", "Young", "Zane")]
    pins, moves = [Pin(people[3].id, "w0")], [GroupMove(people[0].id, 1, reason="with carer")]
    first = allocate(people, rooms(5, 5), pins=pins, moves=moves)
    walk_ins = [*people, person("Carter", walk_in=True), person("Xu", walk_in=True)]
    second = allocate(walk_ins, rooms(5, 5), pins=pins, moves=moves)
    for result in (first, second):
        assert result.route(people[3].id) == (0, 0)
        assert result.group_of(people[0].id) == 1
        assert result.route(people[0].id) == (1, 0)
        assert result.moves == tuple(moves)


def test_a_pin_beats_a_move_and_unknown_inputs_are_reported_not_applied():
    people = [person("Adams"), person("Young")]
    result = allocate(
        people,
        rooms(5, 5),
        pins=[Pin(people[0].id, "w1"), Pin("nobody", "w0"), Pin(people[1].id, "gone")],
        moves=[GroupMove(people[0].id, 0), GroupMove(people[1].id, 7)],
    )
    assert result.route(people[0].id) == (1, 1)
    assert result.moves == ()
    assert any("someone not counted (nobody)" in w for w in result.warnings)
    assert any("workshop that is gone (gone)" in w for w in result.warnings)
    assert any("group 8, which does not exist" in w for w in result.warnings)


def test_blank_names_are_unplaced_unless_placed_by_hand():
    blank, pinned_blank, moved_blank = person("", ""), person("", ""), person("", "")
    people = [person("Adams"), blank, pinned_blank, moved_blank]
    result = allocate(
        people, rooms(5, 5), pins=[Pin(pinned_blank.id, "w1")], moves=[GroupMove(moved_blank.id, 0)]
    )
    assert result.unplaced == (blank,)
    assert result.route(blank.id) == ()
    assert result.describe_route(blank.id) == "not placed: needs a surname"
    assert result.describe_route("someone-else") == "not counted in this allocation"
    assert "1 person needs a surname before they can be placed." in result.warnings
    assert sum(result.counts[0]) == 3
    assert result.route(pinned_blank.id) == (1, 1) and result.route(moved_blank.id) == (0, 1)


def test_a_single_name_is_placed_by_that_name():
    madonna = person("", "Madonna")
    result = allocate([madonna, person("Adams"), person("Zane")], rooms(5, 5), ranges="A-L, M-Z")
    assert result.group_of(madonna.id) == 1


def test_particles_last_changes_the_group():
    anna = person("van der Berg", "Anna")
    as_written = allocate([anna], rooms(5, 5), ranges="A-M, N-Z")
    particles_last = allocate([anna], rooms(5, 5), ranges="A-M, N-Z", particles_last=True)
    assert as_written.group_of(anna.id) == 1 and particles_last.group_of(anna.id) == 0
    assert particles_last.key_for(anna).particles_moved == ("van", "der")


def test_a_room_with_no_capacity_counts_as_an_average_room():
    people = [person(s) for s in ("Adams", "Baker", "Young", "Zane")]
    workshops = [Workshop(id="w0", title="A", capacity=4), Workshop(id="w1", title="B")]
    result = allocate(people, workshops)
    assert result.capacities == (4, 4)
    assert "B has no capacity set; balanced as if it held 4." in result.warnings


def test_workshop_for_rejects_rounds_that_do_not_exist():
    adams = person("Adams")
    result = allocate([adams], rooms(5, 5))
    with pytest.raises(IndexError):
        result.workshop_for(adams.id, 2)
    with pytest.raises(ValueError):
        allocate([adams], [])


def test_format_route_joins_with_then():
    assert format_route(["Workshop A", "Workshop B", "Workshop C"]) == (
        "Workshop A then Workshop B then Workshop C"
    )


def test_sample_attendees_include_blank_names_and_people_not_checked_in():
    people = sample_attendees(300, seed=1)
    assert len(people) == 300 and len({p.id for p in people}) == 300
    assert any(not p.surname and not p.first_name for p in people)
    assert any(not p.checked_in for p in people) and any(p.checked_in for p in people)


# --- properties over random lists -------------------------------------------------------

surnames = st.one_of(
    st.text(alphabet="abcdeHhIijKlmnoSstuvwxyzÅÓé' -", max_size=8),
    st.sampled_from(["Иванов", "van der Berg", "O'Brien", "de Souza", "", "Hall", "Hewitt"]),
)


@st.composite
def events(draw):
    names = draw(st.lists(surnames, max_size=30))
    people = [Attendee(id=f"p{i}", surname=s, first_name="") for i, s in enumerate(names)]
    k = draw(st.integers(1, 4))
    workshops = [
        Workshop(id=f"w{i}", title=f"W{i}", capacity=draw(st.integers(0, 12))) for i in range(k)
    ]
    rounds = draw(st.integers(1, 5))
    ids = [p.id for p in people]
    pins = (
        [
            Pin(i, f"w{draw(st.integers(0, k - 1))}")
            for i in draw(st.lists(st.sampled_from(ids), max_size=4))
            if ids
        ]
        if ids
        else []
    )
    moves = (
        [
            GroupMove(i, draw(st.integers(0, k - 1)))
            for i in draw(st.lists(st.sampled_from(ids), max_size=4))
        ]
        if ids
        else []
    )
    boundaries = draw(st.sampled_from(["auto", "letters", "two_letters"]))
    particles_last = draw(st.booleans())
    return people, workshops, rounds, pins, moves, boundaries, particles_last


def check_invariants(result: Allocation, people, workshops, rounds, pins, moves, particles_last):
    k = len(workshops)
    # Ranges: contiguous, in order, covering A–Z once.
    check_ranges(result.ranges, k)
    assert result.ranges[0].first_bin == 0 and result.ranges[-1].last_bin == TWO_LETTER_BINS - 1
    for before, after in itertools.pairwise(result.ranges):
        assert after.first_bin == before.last_bin + 1
    pinned = {p.attendee_id: int(p.workshop_id[1:]) for p in pins}
    moved = {m.attendee_id: m.group_index for m in moves if m.attendee_id not in pinned}
    tally = [[0] * k for _ in range(rounds)]
    unplaced = []
    for someone in people:
        route = result.route(someone.id)
        key = key_for_name(someone.first_name, someone.surname, particles_last).key
        if someone.id in pinned:
            assert route == (pinned[someone.id],) * rounds
        elif someone.id in moved:
            assert result.group_of(someone.id) == moved[someone.id]
        elif not key:
            assert route == ()
            unplaced.append(someone)
            continue
        else:
            assert result.ranges[result.group_of(someone.id)].contains(key)
        assert len(route) == rounds  # exactly one room in every round
        for t, w in enumerate(route):
            tally[t][w] += 1
    assert result.unplaced == tuple(unplaced)
    assert [list(row) for row in result.counts] == tally
    # Rotation: in each round the groups are in different rooms (the rows of a Latin
    # square), and with r = k every group visits every room once (its columns).
    room_of_group = {}
    for someone in people:
        group = result.group_of(someone.id)
        if group is not None:
            route = result.route(someone.id)
            assert room_of_group.setdefault(group, route) == route
            if rounds == k:
                assert sorted(route) == list(range(k))
    for t in range(rounds):
        rooms_this_round = [route[t] for route in room_of_group.values()]
        assert len(set(rooms_this_round)) == len(rooms_this_round)
    worst = max(
        Fraction(n, c) for row in result.counts for n, c in zip(row, result.capacities, strict=True)
    )
    assert result.worst_load_exact == worst


@settings(max_examples=60, deadline=None)
@given(events())
def test_every_person_is_in_exactly_one_room_per_round_and_inputs_are_honoured(event):
    people, workshops, rounds, pins, moves, boundaries, particles_last = event
    result = allocate(
        people,
        workshops,
        rounds,
        pins=pins,
        moves=moves,
        boundaries=boundaries,
        particles_last=particles_last,
    )
    check_invariants(result, people, workshops, rounds, pins, moves, particles_last)


@settings(max_examples=30, deadline=None)
@given(events())
def test_the_chosen_split_is_optimal_against_brute_force(event):
    people, workshops, rounds, pins, moves, boundaries, particles_last = event
    workshops = workshops[:3] if boundaries == "letters" else workshops[:2]
    k = len(workshops)
    pins = [p for p in pins if int(p.workshop_id[1:]) < k]
    moves = [m for m in moves if m.group_index < k]
    mode = "letters" if boundaries == "letters" else "two_letters"
    result = allocate(
        people,
        workshops,
        rounds,
        pins=pins,
        moves=moves,
        boundaries=mode,
        particles_last=particles_last,
    )
    width = LETTERS if mode == "letters" else 1
    bins = [0] * (TWO_LETTER_BINS // width)
    pinned_ids = {p.attendee_id for p in pins}
    moved_ids = {m.attendee_id for m in moves} - pinned_ids
    for someone in people:
        key = key_for_name("", someone.surname, particles_last).key
        if key and someone.id not in pinned_ids | moved_ids:
            bins[bin_of(key) // width] += 1
    pinned = [0] * k
    for p in {p.attendee_id: p for p in pins}.values():
        pinned[int(p.workshop_id[1:])] += 1
    moved = [0] * k
    for m in {m.attendee_id: m for m in moves if m.attendee_id not in pinned_ids}.values():
        moved[m.group_index] += 1
    worst, *_, cuts = brute_force(
        bins, list(result.capacities), rounds, pinned, moved, LETTERS // width
    )
    assert result.worst_load_exact == worst
    assert tuple(r.first_bin for r in result.ranges[1:]) == tuple(c * width for c in cuts)


@settings(max_examples=40, deadline=None)
@given(events())
def test_auto_uses_two_letters_only_when_they_beat_whole_letters(event):
    people, workshops, rounds, pins, moves, _, particles_last = event
    common = dict(pins=pins, moves=moves, particles_last=particles_last)
    auto = allocate(people, workshops, rounds, **common)
    letters = allocate(people, workshops, rounds, boundaries="letters", **common)
    two = allocate(people, workshops, rounds, boundaries="two_letters", **common)
    assert two.worst_load_exact <= auto.worst_load_exact <= letters.worst_load_exact
    if all(r.whole_letters for r in auto.ranges):
        assert auto.ranges == letters.ranges
    else:
        assert auto.ranges == two.ranges
        assert auto.worst_load_exact < letters.worst_load_exact
        assert "Two-letter boundaries bring it to" in auto.reason


# --- layering ---------------------------------------------------------------------------


@pytest.mark.parametrize("module", [allocation_module, surnames_module])
def test_core_modules_import_no_ui_storage_or_file_libraries(module):
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not imported & {"textual", "tinydb", "pathlib", "os", "io", "shutil", "rich"}
    assert "open" not in {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def test_with_no_places_set_the_reason_gives_people_per_room_not_a_fullness():
    people = [person(s) for s in ("Abbot", "Adams", "Brown", "Evans", "Kaur", "Young", "Zhang")]
    result = allocate(people, rooms(0, 0))
    assert "%" not in result.reason and "for 4" not in result.reason
    assert result.reason == (
        "Whole letters balance the rooms: with no places set, rooms hold "
        "3 and 4 people in round 1, 4 and 3 in round 2."
    )
    two = allocate(people, rooms(0, 0), boundaries="two_letters")
    assert "%" not in two.reason and "no places set" in two.reason


def test_people_per_room_reads_as_a_sentence():
    assert people_per_room([(9, 9), (9, 9)]) == "9 and 9 people in every round"
    assert people_per_room([(3, 4, 5)]) == "3, 4 and 5 people in every round"
    assert people_per_room([(3, 4), (4, 3)]) == "3 and 4 people in round 1, 4 and 3 in round 2"
