"""The journal format, and replaying a journal left behind by a crash.

A journal line is trusted only when it is complete and its checksum matches; replay
stops at the first line that is not, and replaying a journal over a database file that
already holds its changes is harmless.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_app.core.models import Attendee, Event
from workshop_app.store.durable import journal_path_for
from workshop_app.store.event_store import EventStore
from workshop_app.store.journal import apply_entry, encode_entry, read_entries

from .files import crash_copy as _crash_copy

# -- the format -------------------------------------------------------------------------


def test_entry_is_one_checksummed_json_line() -> None:
    changes = {"attendees": {"3": {"surname": "Ní Bhriain"}, "4": None}}

    line = encode_entry(changes)

    assert line.endswith(b"\n") and line.count(b"\n") == 1
    checksum, payload = line[:-1].split(b" ", 1)
    assert len(checksum) == 8
    assert int(checksum, 16) == zlib.crc32(payload)
    assert json.loads(payload) == changes
    assert "Ní Bhriain".encode() in payload  # UTF-8, not \u escapes


def test_entries_read_back_in_order() -> None:
    first = {"event": {"1": {"name": "Roadshow"}}}
    second = {"attendees": {"1": {"surname": "Okafor"}}}
    data = encode_entry(first) + encode_entry(second)

    result = read_entries(data)

    assert result.entries == [first, second]
    assert not result.dropped_tail
    assert result.good_length == len(data)


def test_empty_journal_has_no_entries_and_no_warning() -> None:
    result = read_entries(b"")

    assert result.entries == []
    assert not result.dropped_tail
    assert result.good_length == 0


def test_every_cut_of_a_journal_keeps_exactly_the_complete_lines() -> None:
    """A crash can cut the file at any byte: replay never fails and never half-applies."""
    lines = [
        encode_entry({"attendees": {str(n): {"surname": f"Name {n}", "n": n}}}) for n in range(1, 4)
    ]
    data = b"".join(lines)
    ends = [sum(len(line) for line in lines[: n + 1]) for n in range(len(lines))]

    for cut in range(len(data) + 1):
        result = read_entries(data[:cut])
        complete = sum(1 for end in ends if end <= cut)
        assert len(result.entries) == complete, cut
        assert result.good_length == (ends[complete - 1] if complete else 0)
        assert result.dropped_tail == (cut != result.good_length)


def test_bad_checksum_in_the_middle_stops_replay_there() -> None:
    lines = [encode_entry({"t": {str(n): {"n": n}}}) for n in range(1, 4)]
    damaged = bytearray(lines[1])
    damaged[12] ^= 0x01  # flip one bit in the payload, keep the line well formed
    data = lines[0] + bytes(damaged) + lines[2]

    result = read_entries(data)

    assert result.entries == [{"t": {"1": {"n": 1}}}]
    assert result.dropped_tail
    assert result.good_length == len(lines[0])


def test_lines_that_are_not_change_sets_are_rejected() -> None:
    not_a_dict = b"[1, 2]"
    for bad in (
        b"garbage\n",
        b"\n",
        b"%08x %s\n" % (zlib.crc32(not_a_dict), not_a_dict),  # right checksum, wrong shape
        b"zzzzzzzz {}\n",  # checksum is not hex
        b"%08x{}\n" % zlib.crc32(b"{}"),  # no separator
    ):
        result = read_entries(bad)
        assert result.entries == [], bad
        assert result.dropped_tail, bad


def test_apply_entry_sets_deletes_and_drops() -> None:
    tables = {"a": {"1": {"x": 1}, "2": {"x": 2}}, "b": {"1": {"y": 1}}}

    apply_entry(tables, {"a": {"1": {"x": 10}, "2": None, "3": {"x": 3}}, "b": None})

    assert tables == {"a": {"1": {"x": 10}, "3": {"x": 3}}}

    apply_entry(tables, {"c": {}})
    assert tables["c"] == {}


# -- replaying twice is harmless ----------------------------------------------------------

doc_keys = st.sampled_from(["1", "2", "3"])
table_names = st.sampled_from(["a", "b"])
documents = st.fixed_dictionaries({"v": st.integers(0, 5)})
change_sets = st.dictionaries(
    table_names,
    st.none() | st.dictionaries(doc_keys, st.none() | documents),  # None: dropped / deleted
    max_size=2,
)


@settings(
    max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    start=st.dictionaries(table_names, st.dictionaries(doc_keys, documents)),
    journal=st.lists(change_sets, max_size=6),
)
def test_replaying_a_journal_over_its_own_result_changes_nothing(start, journal) -> None:
    """A crash after the checkpoint's rename but before the journal is emptied."""
    newer = json.loads(json.dumps(start))
    for entry in journal:
        apply_entry(newer, entry)
    expected = json.loads(json.dumps(newer))

    for entry in read_entries(b"".join(encode_entry(e) for e in journal)).entries:
        apply_entry(newer, entry)

    assert newer == expected


# -- replay on open ---------------------------------------------------------------------


def _journal_with_three_saves(tmp_path: Path) -> tuple[Path, list[Attendee]]:
    people = [Attendee(first_name="Ana", surname=s) for s in ("Abbott", "Begum", "Clarke")]
    (tmp_path / "live").mkdir()
    store = EventStore.create(tmp_path / "live" / "event.json", Event(name="Network event"))
    try:
        for person in people:
            store.save(person)
        copy = _crash_copy(store.path, tmp_path / "crash")
    finally:
        store.close()
    lines = journal_path_for(copy).read_bytes().splitlines(keepends=True)
    # A header naming the event, then one line per person; a new event is folded into
    # its file at once.
    assert len(lines) == 4 and b"__journal__" in lines[0]
    return copy, people


def test_journal_left_by_a_crash_is_replayed(tmp_path: Path) -> None:
    copy, people = _journal_with_three_saves(tmp_path)
    assert "attendees" not in json.loads(copy.read_bytes())  # only the journal has them

    with EventStore(copy) as store:
        assert store.warnings == []
        assert store.event.name == "Network event"
        assert sorted(store.all(Attendee), key=lambda a: a.surname) == people
        # the recovered saves are now in the file itself, the journal starts empty
        assert len(json.loads(copy.read_bytes())["attendees"]) == 3
        assert journal_path_for(copy).read_bytes() == b""


def test_torn_last_line_is_dropped_with_a_warning(tmp_path: Path) -> None:
    copy, people = _journal_with_three_saves(tmp_path)
    journal = journal_path_for(copy)
    data = journal.read_bytes()
    journal.write_bytes(data[: len(data) - 25])  # the last save was cut short

    with EventStore(copy) as store:
        assert len(store.warnings) == 1
        assert copy.name in store.warnings[0]
        assert "incomplete" in store.warnings[0]
        assert sorted(store.all(Attendee), key=lambda a: a.surname) == people[:2]

    with EventStore(copy) as store:  # repaired for good: no warning the second time
        assert store.warnings == []
        assert sorted(store.all(Attendee), key=lambda a: a.surname) == people[:2]


def test_bad_checksum_in_the_middle_of_a_journal_stops_replay_there(tmp_path: Path) -> None:
    copy, people = _journal_with_three_saves(tmp_path)
    journal = journal_path_for(copy)
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[2] = b"00000000" + lines[2][8:]  # the second person's save fails its checksum
    journal.write_bytes(b"".join(lines))

    with EventStore(copy) as store:
        assert len(store.warnings) == 1
        assert store.all(Attendee) == people[:1]  # the third save is after the bad line


def test_replaying_the_same_journal_over_a_newer_file_is_harmless(tmp_path: Path) -> None:
    """Crash between the checkpoint's rename and the journal being emptied."""
    copy, people = _journal_with_three_saves(tmp_path)
    journal_bytes = journal_path_for(copy).read_bytes()
    with EventStore(copy) as store:  # folds the journal into the file
        pass
    journal_path_for(copy).write_bytes(journal_bytes)  # ... as if never emptied
    os.chmod(journal_path_for(copy), 0o600)

    with EventStore(copy) as store:
        assert store.warnings == []
        assert sorted(store.all(Attendee), key=lambda a: a.surname) == people
        assert store.count(Attendee) == 3
