"""EventCatalog: the events in a sessions folder, as the launcher and the CLI see them."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from workshop_app.core.demo import DEMO_ATTENDEE_COUNT, DEMO_EVENT_NAME
from workshop_app.core.models import (
    Attendee,
    CommunityGroup,
    DiscussionRound,
    Workshop,
)
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.durable import journal_path_for
from workshop_app.store.errors import EventLockedError, EventNotFoundError
from workshop_app.store.event_store import EventStore


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def catalog(tmp_path: Path) -> EventCatalog:
    return EventCatalog(tmp_path / "sessions")


def make(catalog: EventCatalog, name: str, event_date: str = "", venue: str = "") -> Path:
    with catalog.create(name, event_date, venue) as store:
        return store.path


# -- create ----------------------------------------------------------------------------


def test_create_names_the_file_after_the_event_and_opens_it(catalog: EventCatalog) -> None:
    store = catalog.create("  Spring Fair:   Northfield! ", "2026-05-01", " Town Hall ")
    try:
        assert store.path == catalog.folder / "spring-fair-northfield-2026-05-01.json"
        assert not store.read_only
        event = store.event
        assert (event.name, event.date, event.venue) == (
            "Spring Fair: Northfield!",
            "2026-05-01",
            "Town Hall",
        )
    finally:
        store.close()
    with EventStore(store.path) as reopened:
        assert reopened.event == event


def test_create_makes_ascii_file_names_and_never_reuses_one(catalog: EventCatalog) -> None:
    paths = [make(catalog, "Zoë's Café Roadshow") for _ in range(3)]

    assert [p.name for p in paths] == [
        "zoe-s-cafe-roadshow.json",
        "zoe-s-cafe-roadshow-2.json",
        "zoe-s-cafe-roadshow-3.json",
    ]
    ids = set()
    for path in paths:
        with EventStore(path, read_only=True) as store:
            assert store.event.name == "Zoë's Café Roadshow"
            ids.add(store.event.id)
    assert len(ids) == 3


@pytest.mark.parametrize(
    ("name", "event_date", "message"),
    [
        ("", "", "needs a name"),
        ("   \t ", "2026-05-01", "needs a name"),
        ("x" * 121, "", "keep it to 120"),
        ("Roadshow", "23/11/2026", "'23/11/2026' is not a date: write it as YYYY-MM-DD"),
        ("Roadshow", "2026-02-30", "YYYY-MM-DD"),
    ],
)
def test_create_explains_what_is_wrong_and_writes_nothing(
    catalog: EventCatalog, name: str, event_date: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        catalog.create(name, event_date)

    assert catalog.paths() == []


# -- summaries ---------------------------------------------------------------------------


def test_summaries_describe_every_event_newest_change_first(catalog: EventCatalog) -> None:
    older = make(catalog, "Network Event", "2026-11-23", "Civic Centre")
    newer = make(catalog, "Roadshow", "2026-12-01")
    os.utime(older, (1_000_000, 1_000_000))
    os.utime(newer, (2_000_000, 2_000_000))
    with EventStore(older) as store:
        store.save_many(Attendee(first_name="Jo", surname=s) for s in ("Abbott", "Begum"))
    os.utime(older, (1_000_000, 1_000_000))
    os.utime(newer, (2_000_000, 2_000_000))
    open_elsewhere = catalog.create("Market Place")
    try:
        open_elsewhere.save(Attendee(first_name="Olu", surname="Okafor"))  # journal only

        summaries = catalog.summaries()
    finally:
        open_elsewhere.close()

    assert [s.path for s in summaries] == [open_elsewhere.path, newer, older]
    market, roadshow, network = summaries
    assert (network.name, network.date, network.venue, network.attendees) == (
        "Network Event",
        "2026-11-23",
        "Civic Centre",
        2,
    )
    assert (roadshow.name, roadshow.attendees, roadshow.problem) == ("Roadshow", 0, "")
    assert market.attendees == 1  # un-folded saves count too
    assert network.last_change.timestamp() == 1_000_000
    with EventStore(network.path, read_only=True) as store:
        assert network.event_id == store.event.id


UNREADABLE = {
    "garbage": b"\x00\xffnot an event",
    "empty file": b"",
    "truncated JSON": b'{"event": {"1": {"name": "Net',
    "a JSON list": b"[]",
    "no event record": b'{"attendees": {}}',
    "event record without a name": b'{"event": {"1": {"id": "abc", "venue": "Hall"}}}',
}


@pytest.mark.parametrize("content", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_an_unreadable_file_is_listed_with_its_problem(
    catalog: EventCatalog, content: bytes
) -> None:
    good = make(catalog, "Network Event")
    bad = catalog.folder / "broken.json"
    bad.write_bytes(content)

    summaries = {s.path: s for s in catalog.summaries()}

    assert summaries[good].problem == "" and summaries[good].name == "Network Event"
    broken = summaries[bad]
    assert broken.problem
    assert (broken.name, broken.event_id, broken.attendees) == ("broken", "", 0)
    assert bad.read_bytes() == content  # listing never moves or rewrites a file
    assert [p.name for p in catalog.paths()] == ["broken.json", "network-event.json"]
    assert not [p.name for p in catalog.folder.iterdir() if "corrupt" in p.name]


def test_no_folder_means_no_events(catalog: EventCatalog) -> None:
    assert catalog.summaries() == []
    assert not catalog.folder.exists()


# -- find ------------------------------------------------------------------------------------


def test_find_by_id_prefix_stem_file_name_path_and_name(catalog: EventCatalog) -> None:
    target = make(catalog, "Network Event", "2026-11-23")
    make(catalog, "Roadshow")
    with EventStore(target, read_only=True) as store:
        event_id = store.event.id

    for reference in (
        event_id,
        event_id[:8],
        "network-event-2026-11-23",
        "network-event-2026-11-23.json",
        str(target),
        "Network Event",
        "  network EVENT ",
    ):
        assert catalog.find(reference) == target, reference


def test_find_says_when_a_reference_matches_several_events(catalog: EventCatalog) -> None:
    make(catalog, "Roadshow", "2026-05-01")
    make(catalog, "Roadshow", "2026-06-01")

    with pytest.raises(EventNotFoundError) as caught:
        catalog.find("roadshow")

    message = str(caught.value)
    assert "'roadshow' matches several events" in message
    assert "roadshow-2026-05-01" in message and "roadshow-2026-06-01" in message


def test_find_asks_which_event_when_the_reference_is_blank(catalog: EventCatalog) -> None:
    make(catalog, "Network Event")
    (catalog.folder / "broken.json").write_bytes(b"not json")  # has no id and no name

    with pytest.raises(EventNotFoundError, match="Say which event"):
        catalog.find("  ")


@pytest.mark.parametrize("reference", ["Harvest Supper", "abc"])
def test_find_says_when_nothing_matches(catalog: EventCatalog, reference: str) -> None:
    make(catalog, "Network Event")
    (catalog.folder / "broken.json").write_bytes(b"not json")  # has no id and no name

    with pytest.raises(EventNotFoundError) as caught:
        catalog.find(reference)

    message = str(caught.value)
    assert f"No event '{reference}' in {catalog.folder}" in message
    assert "workshop-app list" in message


# -- duplicate ---------------------------------------------------------------------------------


@pytest.fixture
def source(catalog: EventCatalog):
    """An event with its set-up and its people, still open in another window."""
    store = catalog.create("Network Event", "2026-11-23", "Civic Centre")
    setup = [
        Workshop(title="Workshop A", room="Conference Room", capacity=40, position=1),
        Workshop(title="Workshop B", room="Meeting Room 3", capacity=30, position=2),
        DiscussionRound(prompt="How are you contributing to social action?", minutes=25),
        CommunityGroup(name="Canal Side Community Garden", looking_for="Gardeners"),
    ]
    people = [Attendee(first_name="Noor", surname=s) for s in ("Iqbal", "Jones")]
    store.save_many(setup)
    store.save_many(people)
    yield store, setup
    store.close()


def test_duplicate_copies_the_set_up_but_not_the_people(catalog: EventCatalog, source) -> None:
    original, setup = source

    copy_path = catalog.duplicate(original.path, "Network Event", "2027-11-23", "Library")

    assert copy_path == catalog.folder / "network-event-2027-11-23.json"
    with EventStore(copy_path) as copy:
        event = copy.event
        assert (event.name, event.date, event.venue) == ("Network Event", "2027-11-23", "Library")
        assert event.id != original.event.id
        assert copy.all(Attendee) == []
        for kind in (Workshop, DiscussionRound, CommunityGroup):
            copied = sorted((_content(r) for r in copy.all(kind)), key=repr)
            expected = sorted((_content(r) for r in setup if type(r) is kind), key=repr)
            assert copied == expected
    assert original.count(Attendee) == 2  # the source is untouched


def test_duplicated_records_are_new_records(catalog: EventCatalog, source) -> None:
    """A copy is not the same record: merging the two events must not conflate them."""
    original, setup = source

    copy_path = catalog.duplicate(original.path, "Network Event", "2027-11-23")

    with EventStore(copy_path, read_only=True) as copy:
        kinds = (Workshop, DiscussionRound, CommunityGroup)
        copied = [record for kind in kinds for record in copy.all(kind)]
    assert len(copied) == len(setup)
    assert {r.id for r in copied}.isdisjoint(r.id for r in setup)


def _content(record) -> dict:
    fields = dict(vars(record))
    for identity in ("id", "created", "updated"):
        fields.pop(identity)
    return fields


# -- delete ----------------------------------------------------------------------------------


def test_delete_moves_the_event_to_the_bin_with_every_save(
    catalog: EventCatalog, tmp_path: Path
) -> None:
    path = make(catalog, "Network Event")
    store = EventStore(path)
    late = store.save(Attendee(first_name="Wen", surname="Xu"))
    crashed = tmp_path / "crashed"  # a crash left this event with an un-folded journal
    shutil.copytree(catalog.folder, crashed)
    store.close()
    crashed_catalog = EventCatalog(crashed)
    crashed_path = crashed / path.name
    assert journal_path_for(crashed_path).exists()

    binned = crashed_catalog.delete(crashed_path)

    assert binned.parent == crashed / ".deleted"
    assert mode(binned.parent) == 0o700
    assert not crashed_path.exists()
    for suffix in (".journal", ".lock", ".owner"):
        assert not crashed_path.with_name(crashed_path.name + suffix).exists()
    assert crashed_catalog.paths() == []
    with EventStore(binned, read_only=True) as deleted:
        assert deleted.event.name == "Network Event"
        assert deleted.all(Attendee) == [late]
    assert json.loads(binned.read_bytes())["attendees"]  # folded into the file itself


def test_delete_refuses_an_event_open_elsewhere(catalog: EventCatalog) -> None:
    path = make(catalog, "Network Event")
    with EventStore(path) as store:
        store.save(Attendee(first_name="Yusuf", surname="Young"))

        with pytest.raises(EventLockedError, match=path.name):
            catalog.delete(path)

        assert path.exists()
        assert not (catalog.folder / ".deleted").exists() or not any(
            (catalog.folder / ".deleted").iterdir()
        )
    assert catalog.paths() == [path]


def test_delete_keeps_the_event_locked_until_it_is_moved(
    catalog: EventCatalog, monkeypatch
) -> None:
    """Another window must not open the event in the moment before it is moved away."""
    path = make(catalog, "Network Event")
    real_replace = os.replace
    seen = []

    def replace(source, target):
        if Path(target).parent.name == ".deleted":
            try:
                EventStore(path).close()
                seen.append("another window opened it")
            except EventLockedError:
                seen.append("locked")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    catalog.delete(path)

    assert seen == ["locked"]


# -- demo -----------------------------------------------------------------------------------


def test_demo_is_created_once_then_reopened(catalog: EventCatalog) -> None:
    path = catalog.demo()

    with EventStore(path) as store:
        assert store.event.name == DEMO_EVENT_NAME
        assert store.count(Attendee) == DEMO_ATTENDEE_COUNT == 120
        assert store.count(Workshop) > 0
        ids = {a.id for a in store.all(Attendee)}
    assert not journal_path_for(path).exists()
    before = (path.read_bytes(), path.stat().st_mtime_ns)

    assert catalog.demo() == path
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    with EventStore(path, read_only=True) as store:
        assert {a.id for a in store.all(Attendee)} == ids


# -- personal data ----------------------------------------------------------------------------


def test_a_new_sessions_folder_and_its_files_are_private(catalog: EventCatalog) -> None:
    old_umask = os.umask(0o022)
    try:
        path = make(catalog, "Network Event")
    finally:
        os.umask(old_umask)

    assert mode(catalog.folder) == 0o700
    assert mode(path) == 0o600


def test_an_existing_sessions_folder_is_made_private(catalog: EventCatalog) -> None:
    """The repository ships `sessions/` (with a .gitkeep), so a checkout has it at 0o755."""
    catalog.folder.mkdir(mode=0o755)
    os.chmod(catalog.folder, 0o755)
    (catalog.folder / ".gitkeep").touch()

    make(catalog, "Domestic Abuse Survivors Forum")

    assert mode(catalog.folder) == 0o700


def test_delete_moves_an_unreadable_event_to_the_bin(catalog: EventCatalog) -> None:
    """A damaged event can still be deleted: nothing is left in the sessions folder."""
    damaged = catalog.folder / "broken.json"
    catalog.folder.mkdir(parents=True, exist_ok=True)
    damaged.write_bytes(b"{not json")

    target = catalog.delete(damaged)

    assert target.parent == catalog.folder / ".deleted"
    assert target.read_bytes() == b"{not json"
    assert not any(p.name.startswith("broken") for p in catalog.folder.iterdir())


def test_duplicate_keeps_workshop_rounds_and_options_but_not_last_times_results(
    catalog: EventCatalog,
) -> None:
    from workshop_app.core.models import DiscussionRound
    from workshop_app.core.workshop_plan import AllocationPin, WorkshopPlan, WorkshopRound

    with catalog.create("Roadshow stop 1") as first:
        workshop = first.save(Workshop(title="Workshop A", room="Hall", capacity=30))
        person = first.save(Attendee(first_name="Noor", surname="Iqbal"))
        first.save(WorkshopRound(number=1, starts="10:30", ends="11:30"))
        first.save(WorkshopPlan(only_checked_in=True, chosen_ranges="A–Z", computed_at="x"))
        first.save(DiscussionRound(prompt="What next?", timer_started_at="2026-11-23T10:00"))
        first.save(AllocationPin(attendee_id=person.id, workshop_id=workshop.id))
        source = first.path

    copy_path = catalog.duplicate(source, "Roadshow stop 2")

    with EventStore(copy_path, read_only=True) as copy:
        assert [(r.starts, r.ends) for r in copy.all(WorkshopRound)] == [("10:30", "11:30")]
        (plan,) = copy.all(WorkshopPlan)
        assert plan.only_checked_in and plan.chosen_ranges == "" and plan.computed_at == ""
        (question,) = copy.all(DiscussionRound)
        assert question.prompt == "What next?" and question.timer_started_at == ""
        assert copy.all(AllocationPin) == [] and copy.all(Attendee) == []
