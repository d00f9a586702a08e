"""Desk search: accents, case, particles, apostrophes and hyphens never stop a match."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_app.core.models import Attendee
from workshop_app.core.search import SearchIndex, compact, fold

PEOPLE = [
    Attendee(first_name="Zoë", surname="Ní Bhriain", organisation="Age Friendly Network"),
    Attendee(first_name="Sean", surname="O'Brien", organisation="Riverside Food Bank"),
    Attendee(first_name="Anna", surname="van der Berg", organisation="Northside Trust"),
    Attendee(first_name="Tom", surname="Smith-Jones", organisation="Hartley Builders"),
    Attendee(first_name="Łukasz", surname="Nowak", organisation="Repair Café"),
    Attendee(first_name="Björn", surname="Åström"),
    Attendee(first_name="María", surname="de la Cruz"),
]


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex(PEOPLE)


def surnames(attendees: Sequence[Attendee]) -> list[str]:
    return [a.surname for a in attendees]


def test_fold_and_compact() -> None:
    assert fold("Zoë NÍ Bhriain") == "zoe ni bhriain"
    assert compact("O'Brien-Ní") == "obrienni"
    assert compact("Łukasz") == "lukasz"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Zoe", ["Ní Bhriain"]),  # accents ignored in the name
        ("ZOË", ["Ní Bhriain"]),  # and case
        ("nibhriain", ["Ní Bhriain"]),  # spaces ignored
        ("Ni Bhriain", ["Ní Bhriain"]),
        ("obrien", ["O'Brien"]),  # apostrophes ignored
        ("o'brien", ["O'Brien"]),
        ("smith jones", ["Smith-Jones"]),  # hyphens ignored
        ("smithjones", ["Smith-Jones"]),
        ("jones", ["Smith-Jones"]),
        ("berg", ["van der Berg"]),  # particles: the main part of the name finds it
        ("van der", ["van der Berg"]),
        ("cruz", ["de la Cruz"]),
        ("lukasz", ["Nowak"]),  # letters without a decomposition (ł) are mapped too
        ("astrom", ["Åström"]),
        ("zoe ni", ["Ní Bhriain"]),  # "first surname"
        ("riverside", ["O'Brien"]),  # organisation
        ("cafe", ["Nowak"]),
        ("nobody", []),
    ],
)
def test_search_finds(index: SearchIndex, query: str, expected: list[str]) -> None:
    assert surnames(index.search(query)) == expected


def test_results_are_in_surname_order_ignoring_accents(index: SearchIndex) -> None:
    assert surnames(index.search("")) == [
        "Åström",
        "de la Cruz",
        "Ní Bhriain",
        "Nowak",
        "O'Brien",
        "Smith-Jones",
        "van der Berg",
    ]


def test_typing_on_and_deleting_gives_the_same_answers(index: SearchIndex) -> None:
    fresh = SearchIndex(PEOPLE)
    for query in ("b", "br", "bri", "br", "b", "", "n", "no"):
        assert index.search(query) == fresh.search(query) == SearchIndex(PEOPLE).search(query)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abnor '-ëz", max_size=5), min_size=1, max_size=40))
def test_remembered_queries_answer_as_a_fresh_search_would(queries: list[str]) -> None:
    index = SearchIndex(PEOPLE)
    for query in queries:
        needle = compact(query)
        found = [p for p in SearchIndex(PEOPLE).attendees if needle in _keys_of(p)]
        assert sorted(index.search(query), key=id) == sorted(found, key=id)
        assert index.search(query) == SearchIndex(PEOPLE).search(query)


def _keys_of(person: Attendee) -> str:
    """What a search looks in, worked out again the slow way."""
    first, surname = person.first_name, person.surname
    fields = (surname, first, f"{first}{surname}", f"{surname}{first}", person.organisation)
    return "\x00".join(compact(field) for field in fields)


def test_a_match_never_spans_two_fields() -> None:
    index = SearchIndex([Attendee(first_name="Ann", surname="Abbott", organisation="Zed")])
    assert index.search("annabbott")  # "first surname" is a key of its own
    assert index.search("abbott ann")  # and "surname first"
    assert not index.search("annzed")


RANKED = [
    Attendee(first_name="Bob", surname="Jones", organisation="Oban Trust"),
    Attendee(first_name="Zoë", surname="Ó Briain", organisation="Age Friendly Network"),
    Attendee(first_name="Obi", surname="Adeyemi", organisation="Northfield Council"),
    Attendee(first_name="Sean", surname="O'Brien", organisation="Riverside Food Bank"),
    Attendee(first_name="Anna", surname="van der Berg", organisation="Northside Trust"),
    Attendee(first_name="Priya", surname="Bergman", organisation="Vanguard Housing"),
    Attendee(first_name="Ivan", surname="Petrov", organisation="Canal Trust"),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # surname starts (apostrophes and accents ignored), first names, organisations,
        # then inside words: "o'b" is in "Bob" and "Oban" too, but they come last.
        ("o'b", ["Ó Briain", "O'Brien", "Adeyemi", "Jones"]),
        ("ob", ["Ó Briain", "O'Brien", "Adeyemi", "Jones"]),
        ("van", ["van der Berg", "Bergman", "Petrov"]),  # particle, organisation, inside
        ("berg", ["Bergman", "van der Berg"]),  # the name after the particle; by surname
        ("briain zoe", ["Ó Briain"]),  # surname then first name
        ("trust", ["Jones", "Petrov", "van der Berg"]),  # one rank: by surname
    ],
)
def test_matches_are_ranked_as_people_read_a_list(query: str, expected: list[str]) -> None:
    assert surnames(SearchIndex(RANKED).search(query)) == expected


def test_with_attendee_replaces_or_adds_in_order(index: SearchIndex) -> None:
    sean = next(a for a in PEOPLE if a.surname == "O'Brien")
    renamed = index.with_attendee(sean.edited(surname="Abbott"))
    assert surnames(renamed.search(""))[0] == "Abbott"
    assert "O'Brien" not in surnames(renamed.search(""))
    added = renamed.with_attendee(Attendee(first_name="Kwame", surname="Okafor"))
    assert surnames(added.search("oka")) == ["Okafor"]
    assert len(added) == len(PEOPLE) + 1
    assert len(index) == len(PEOPLE), "the old index is unchanged"


def test_kiosk_matches_surname_starts_only(index: SearchIndex) -> None:
    assert index.surname_matches("b") == [], "one letter finds nobody"
    assert surnames(index.surname_matches("be")) == ["van der Berg"]
    assert surnames(index.surname_matches("obr")) == ["O'Brien"]
    assert surnames(index.surname_matches("jon")) == ["Smith-Jones"]
    assert index.surname_matches("zoe") == [], "first names are not searched"
    assert index.surname_matches("river") == [], "nor organisations"


def test_the_bench_section_measures_the_real_pane(tmp_path: Path) -> None:
    """Tiny size, one round: the numbers exist; timings are never asserted here."""
    from workshop_app.bench.search import BASELINE, OURS, RUSHED, UPDATED, measure

    rows = measure(tmp_path, 200, rounds=1, typing_gap=0.01)
    assert [r.name for r in rows] == [OURS, UPDATED, RUSHED, BASELINE]
    for row in rows:
        assert row.size == 200 and row.samples > 10 and row.median_ms > 0
    assert rows[0].met is not None and rows[0].ratio is not None
