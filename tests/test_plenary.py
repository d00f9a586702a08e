"""The plenary's places with ties (standard competition ranking) and top actions."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from workshop_app.core.discussion import Action, GridEntry, Note, Theme, Vote
from workshop_app.core.plenary import Place, TopAction, competition_ranks, top_actions


def test_shared_places_skip_as_many_as_shared_them() -> None:
    places = competition_ranks([7, 5, 5, 2])
    assert [p.label for p in places] == ["1", "2=", "2=", "4"]
    assert places[0] == Place(1, tied=False)


def test_all_equal_share_first_place_and_nothing_is_an_empty_ranking() -> None:
    assert [p.label for p in competition_ranks([0, 0, 0])] == ["1=", "1=", "1="]
    assert competition_ranks([]) == ()


@given(st.lists(st.integers(min_value=0, max_value=20), max_size=30))
def test_places_never_go_down_and_equal_counts_share_one(counts: list[int]) -> None:
    ordered = sorted(counts, reverse=True)
    places = competition_ranks(ordered)
    ranks = [p.rank for p in places]
    assert ranks == sorted(ranks)
    for (a, pa), (b, pb) in pairwise(zip(ordered, places, strict=True)):
        assert (a == b) == (pa.rank == pb.rank)
    for value, place in zip(ordered, places, strict=True):
        assert place.rank == 1 + sum(other > value for other in ordered)
        assert place.tied == (ordered.count(value) > 1)


def test_top_actions_are_voted_actions_first_then_what_needs_to_happen() -> None:
    theme, other = Theme(name="Volunteering"), Theme(name="Other", position=1)
    calendar = Action(theme_id=theme.id, text="Shared calendar", position=0)
    passport = Action(theme_id=theme.id, text="Volunteer passport", position=1)
    elsewhere = Action(theme_id=other.id, text="Not this theme")
    votes = [Vote(voter="t1", target_id=passport.id), Vote(voter="t2", target_id=passport.id)]
    typed = GridEntry(theme_id=theme.id, column="needs", text="One directory of groups")
    gap = GridEntry(theme_id=theme.id, column="gaps", text="A gap, not an action")
    repeated = Note(theme_id=theme.id, grid_column="needs", text="shared calendar")
    placed = Note(theme_id=theme.id, grid_column="needs", text="Training for staff", position=1)
    shown = top_actions(
        theme, [calendar, passport, elsewhere], votes, [typed, gap], [repeated, placed], limit=9
    )
    assert shown == (
        TopAction("Volunteer passport", 2),
        TopAction("Shared calendar", 0),
        TopAction("One directory of groups", 0),
        TopAction("Training for staff", 0),
    )
    assert top_actions(theme, [calendar, passport], votes, [typed], [], limit=1) == (
        TopAction("Volunteer passport", 2),
    )
