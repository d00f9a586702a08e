"""Re-import rules: matching people already listed, and what an import may change."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_app.core.matching import (
    find_file_duplicates,
    name_key,
    plan_reimport,
)
from workshop_app.core.models import Attendee, Sector


def person(**fields: object) -> Attendee:
    return Attendee(**fields)  # type: ignore[arg-type]


# --- keys -------------------------------------------------------------------------------


def test_name_key_ignores_accents_case_spaces_and_punctuation() -> None:
    assert name_key("Zoë", "Ní Bhriain") == name_key("ZOE", "Ni  Bhriain") == "zoenibhriain"
    assert name_key("Łukasz", "Nowak") == name_key("lukasz", "NOWAK")
    assert name_key("Siobhán", "O'Neill") == name_key("Siobhan", "ONeill")
    assert name_key("", "") == ""


# --- matching order -------------------------------------------------------------------------


def test_first_import_makes_everyone_new() -> None:
    rows = [person(first_name="Ann", surname="Lee"), person(first_name="Bob", surname="Ray")]
    plan = plan_reimport(rows, [])
    assert [o.kind for o in plan.outcomes] == ["new", "new"]
    assert plan.to_save == tuple(rows)
    assert (plan.summary.new, plan.summary.updated, plan.summary.unchanged) == (2, 0, 0)


def test_attendee_number_wins_even_when_email_and_name_changed() -> None:
    listed = person(first_name="Ann", surname="Lee", email="ann@old.org", attendee_number="77")
    row = person(
        first_name="Anne", surname="Lee-Smith", email="ann@new.org", attendee_number=" 77 "
    )
    [outcome] = plan_reimport([row], [listed]).outcomes
    assert (outcome.kind, outcome.matched_on) == ("update", "attendee number")
    assert outcome.result.id == listed.id
    assert outcome.result.email == "ann@new.org"
    assert outcome.result.surname == "Lee-Smith"


def test_email_matches_without_case() -> None:
    listed = person(first_name="Ben", surname="Carter", email="ben@example.org")
    row = person(first_name="Ben", surname="Carter", email=" BEN@Example.org ", role="Planner")
    [outcome] = plan_reimport([row], [listed]).outcomes
    assert (outcome.kind, outcome.matched_on) == ("update", "email")
    assert outcome.changes == {"role": ("", "Planner")}  # an email's case is not a change


def test_email_match_allows_a_corrected_first_name_but_not_a_different_person() -> None:
    listed = person(first_name="Jon", surname="Smith", email="js@example.org")
    corrected = person(first_name="Jonathan", surname="Smith", email="js@example.org")
    assert plan_reimport([corrected], [listed]).outcomes[0].matched_on == "email"
    colleague = person(first_name="Mary", surname="Jones", email="js@example.org")
    assert plan_reimport([colleague], [listed]).outcomes[0].kind == "new"


def test_shared_inbox_with_different_tickets_is_not_merged() -> None:
    listed = person(first_name="Ed", surname="Gray", email="office@x.org", attendee_number="10")
    row = person(first_name="Ed", surname="Gray", email="office@x.org", attendee_number="11")
    outcome = plan_reimport([row], [listed]).outcomes[0]
    assert outcome.kind == "new"  # same name and email, but another ticket: a second person
    assert outcome.similar_existing == listed


def test_name_matches_ignoring_accents_and_keeps_the_listed_spelling() -> None:
    listed = person(first_name="Zoë", surname="Ní Bhriain", organisation="Age Friendly")
    row = person(first_name="ZOE", surname="Ni Bhriain", email="zoe@example.org")
    [outcome] = plan_reimport([row], [listed]).outcomes
    assert (outcome.kind, outcome.matched_on) == ("update", "name")
    assert outcome.changes == {"email": ("", "zoe@example.org")}
    assert (outcome.result.first_name, outcome.result.surname) == ("Zoë", "Ní Bhriain")


def test_namesakes_with_different_emails_stay_two_people() -> None:
    listed = person(first_name="Ben", surname="Carter", email="ben@example.org")
    row = person(first_name="Ben", surname="Carter", email="ben.carter@example.org")
    outcome = plan_reimport([row], [listed]).outcomes[0]
    assert outcome.kind == "new"
    assert outcome.similar_existing == listed


def test_each_listed_person_is_matched_once() -> None:
    listed = person(first_name="Cara", surname="Doyle")
    rows = [person(first_name="Cara", surname="Doyle"), person(first_name="Cara", surname="Doyle")]
    plan = plan_reimport(rows, [listed])
    assert [o.kind for o in plan.outcomes] == ["unchanged", "new"]
    assert plan.to_save == (rows[1],)


# --- what an update may change -------------------------------------------------------------


def test_update_keeps_id_and_created_and_stamps_updated() -> None:
    listed = person(first_name="Ann", surname="Lee", attendee_number="1", created="2024-01-01")
    row = person(first_name="Ann", surname="Lee", attendee_number="1", role="Chair")
    [saved] = plan_reimport([row], [listed]).to_save
    assert (saved.id, saved.created, saved.role) == (listed.id, "2024-01-01", "Chair")
    assert saved.updated != listed.updated


def test_desk_fields_are_never_overwritten_unless_blank() -> None:
    listed = person(
        first_name="Dev",
        surname="Patel",
        attendee_number="4",
        checked_in_at="2024-05-14T09:02:00+00:00",
        walk_in=True,
        notes="Arrived early",
        access_needs="Large print",
    )
    row = person(
        first_name="Dev",
        surname="Patel",
        attendee_number="4",
        checked_in_at="",
        walk_in=False,
        notes="From the file",
        access_needs="Hearing loop",
    )
    [outcome] = plan_reimport([row], [listed]).outcomes
    assert outcome.kind == "unchanged"
    assert outcome.result is listed
    assert set(outcome.kept_from_list) == {"notes", "access_needs"}

    blank_desk = person(first_name="Dev", surname="Patel", attendee_number="4")
    [filled] = plan_reimport([row], [blank_desk]).to_save
    assert (filled.notes, filled.access_needs) == ("From the file", "Hearing loop")
    assert filled.checked_in_at == "" and filled.walk_in is False


def test_blank_in_file_never_erases_and_other_sector_never_replaces() -> None:
    listed = person(
        first_name="Ann", surname="Lee", attendee_number="1", phone="0113", sector="VCSE"
    )
    row = person(first_name="Ann", surname="Lee", attendee_number="1", phone="", sector="other")
    assert plan_reimport([row], [listed]).outcomes[0].kind == "unchanged"
    corrected = person(first_name="Ann", surname="Lee", attendee_number="1", sector="statutory")
    [saved] = plan_reimport([corrected], [listed]).to_save
    assert saved.sector == Sector.STATUTORY


def test_only_provided_fields_are_considered() -> None:
    listed = person(first_name="Ann", surname="Lee", attendee_number="1", role="Chair")
    row = person(first_name="Ann", surname="Lee", attendee_number="1", role="Treasurer")
    plan = plan_reimport([row], [listed], provided_fields={"first_name", "surname"})
    assert plan.outcomes[0].kind == "unchanged"


def test_consents_are_not_changed_by_a_reimport_but_are_reported() -> None:
    listed = person(first_name="Ann", surname="Lee", attendee_number="1", consent_photos=True)
    row = person(first_name="Ann", surname="Lee", attendee_number="1", consent_share_contact=True)
    [outcome] = plan_reimport([row], [listed]).outcomes
    assert outcome.kind == "unchanged"
    assert set(outcome.kept_from_list) == {"consent_photos", "consent_share_contact"}
    assert outcome.result.consent_photos is True
    assert outcome.result.consent_share_contact is False


def test_custom_answers_are_merged_key_by_key() -> None:
    listed = person(first_name="A", surname="B", attendee_number="1", extra={"Q1": "a", "Q2": "b"})
    row = person(first_name="A", surname="B", attendee_number="1", extra={"Q2": "c", "Q3": ""})
    [saved] = plan_reimport([row], [listed]).to_save
    assert saved.extra == {"Q1": "a", "Q2": "c"}


# --- duplicates within one file ----------------------------------------------------------


def test_file_duplicates_certain_and_possible() -> None:
    rows = [
        person(first_name="Ann", surname="Lee", attendee_number="1"),
        person(first_name="Ann", surname="Lee", attendee_number="1"),  # 1: same number
        person(first_name="Bob", surname="Stone", email="bob@x.org"),
        person(first_name="bob", surname="STONE", email="Bob@X.org"),  # 3: same email + name
        person(first_name="Cara", surname="Doyle", organisation="Riverside Council"),
        person(first_name="Cara", surname="Doyle", organisation="riverside  council"),  # 5
        person(first_name="Dan", surname="Ford", email="dan@x.org"),
        person(first_name="Dan", surname="Ford", email="dan.ford@x.org"),  # 7: possible
        person(first_name="Eve", surname="Walsh", email="team@x.org"),
        person(first_name="Fay", surname="Moss", email="team@x.org"),  # 9: shared inbox
        person(first_name="Ed", surname="Gray", email="o@x.org", attendee_number="10"),
        person(first_name="Ed", surname="Gray", email="o@x.org", attendee_number="11"),  # ticket
        person(first_name="Ann", surname="Lee", attendee_number="1"),  # 12: third copy
    ]
    found = {(d.index, d.first_index, d.reason, d.certain) for d in find_file_duplicates(rows)}
    assert found == {
        (1, 0, "same attendee number", True),
        (3, 2, "same email and name", True),
        (5, 4, "same name and organisation", True),
        (7, 6, "same name", False),
        (9, 8, "same email, different name", False),
        (12, 0, "same attendee number", True),
    }


def test_many_tickets_in_one_buyers_name_are_not_duplicates() -> None:
    rows = [
        person(first_name="Mo", surname="Rahman", email="mo@x.org", attendee_number=str(n))
        for n in range(5000)
    ]
    assert find_file_duplicates(rows) == ()
    again = plan_reimport(rows, rows)
    assert again.summary.unchanged == 5000 and again.to_save == ()


# --- properties ---------------------------------------------------------------------------

names = st.sampled_from(["Ann", "Bob", "Zoë", "Zoe", ""])
people = st.builds(
    Attendee,
    first_name=names,
    surname=st.sampled_from(["Lee", "Ní Bhriain", "Ni Bhriain", ""]),
    email=st.sampled_from(["", "a@x.org", "A@x.org", "b@x.org"]),
    attendee_number=st.sampled_from(["", "1", "2"]),
    notes=st.sampled_from(["", "desk note"]),
    access_needs=st.sampled_from(["", "ramp"]),
    checked_in_at=st.sampled_from(["", "2024-05-14T09:00:00+00:00"]),
)


@settings(max_examples=200, deadline=None)
@given(incoming=st.lists(people, max_size=8), existing=st.lists(people, max_size=8))
def test_reimport_never_duplicates_or_loses_desk_data(
    incoming: list[Attendee], existing: list[Attendee]
) -> None:
    plan = plan_reimport(incoming, existing)
    assert len(plan.outcomes) == len(incoming)
    listed_by_id = {p.id: p for p in existing}
    updated_ids = [o.result.id for o in plan.outcomes if o.kind != "new"]
    assert len(updated_ids) == len(set(updated_ids))  # nobody matched twice
    assert set(updated_ids) <= set(listed_by_id)
    for outcome in plan.outcomes:
        if outcome.kind == "new":
            continue
        before = listed_by_id[outcome.result.id]
        assert outcome.result.checked_in_at == before.checked_in_at
        assert outcome.result.walk_in == before.walk_in
        for desk_field in ("notes", "access_needs"):
            if getattr(before, desk_field):
                assert getattr(outcome.result, desk_field) == getattr(before, desk_field)
    assert len(plan.to_save) == plan.summary.new + plan.summary.updated


def test_core_matching_imports_neither_textual_nor_tinydb() -> None:
    code = (
        "import sys, workshop_app.core.matching; "
        "assert not {'textual', 'tinydb'} & set(sys.modules), sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
