"""A full disk, as the command line meets it: one clear line, no traceback, no early "Saved".

The low-level writes of the store are made to fail with ENOSPC (or EROFS), the way a
full or read-only disk fails them.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest

from workshop_app.cli import main
from workshop_app.core.models import Attendee, Workshop
from workshop_app.store import durable, fsutil
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore

IMPORTS = Path(__file__).parent / "data" / "imports"
ALLOCATE = (
    "allocate",
    "Network Day",
    "--workshop",
    "Workshop A=Conference Room:40",
    "--workshop",
    "Workshop B=Meeting Room 3:30",
    "--rounds",
    "2",
)


@pytest.fixture
def event(tmp_path: Path) -> Path:
    with EventCatalog(tmp_path / "sessions").create("Network Day") as store:
        store.save_many(Attendee(first_name="Sam", surname=s) for s in ("Abbott", "Kaur"))
        return store.path


def run(tmp_path: Path, *args: str) -> int:
    return main(["--data-dir", str(tmp_path / "sessions"), *args])


def disk_fails(code: int = errno.ENOSPC) -> Any:
    def fail(*_: object, **__: object) -> None:
        raise OSError(code, "simulated")

    return fail


def fill_the_disk(monkeypatch: pytest.MonkeyPatch, code: int = errno.ENOSPC) -> None:
    """Every durable write fails: journal lines and whole-file rewrites alike."""
    monkeypatch.setattr(durable, "flush_to_disk", disk_fails(code))
    monkeypatch.setattr(fsutil, "flush_to_disk", disk_fails(code))


def fill_the_disk_before_closing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Journal lines still fit, but rewriting the whole file at close does not."""
    monkeypatch.setattr(durable, "atomic_write", disk_fails())


def workshops(path: Path) -> list[Workshop]:
    with EventStore(path, read_only=True) as store:
        return store.all(Workshop)


def test_allocate_on_a_full_disk_says_so_and_changes_nothing(
    tmp_path: Path, event: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_the_disk(monkeypatch)
    code = run(tmp_path, *ALLOCATE)
    out, err = capsys.readouterr()
    assert code != 0
    assert "Saved" not in out
    assert err.count("\n") == 1 and err.startswith("workshop-app: ")
    assert "the disk is full: nothing was changed" in err
    monkeypatch.undo()
    assert workshops(event) == []


def test_allocate_never_says_saved_before_the_event_file_is_written(
    tmp_path: Path, event: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_the_disk_before_closing(monkeypatch)
    code = run(tmp_path, *ALLOCATE)  # today: "Saved 2 workshops…", then an OSError traceback
    out, err = capsys.readouterr()
    assert code != 0
    assert "Saved" not in out
    assert err.count("\n") == 1
    assert "the disk is full: the changes are kept in the event's journal" in err
    monkeypatch.undo()
    assert len(workshops(event)) == 2, "the journal kept the save, as the message says"


@pytest.mark.parametrize(
    ("code", "words"), [(errno.EROFS, "the disk is read-only"), (errno.EACCES, "permission denied")]
)
def test_import_on_a_disk_that_refuses_writes_says_why(
    tmp_path: Path,
    event: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    words: str,
) -> None:
    fill_the_disk(monkeypatch, code)
    exit_code = run(tmp_path, "import", "Network Day", str(IMPORTS / "eventbrite_uk.csv"))
    out, err = capsys.readouterr()
    assert exit_code != 0
    assert "Saved to" not in out
    assert f"{words}: nothing was changed" in err and err.count("\n") == 1
    monkeypatch.undo()
    with EventStore(event, read_only=True) as store:
        assert store.count(Attendee) == 2


def test_import_never_says_saved_before_the_event_file_is_written(
    tmp_path: Path, event: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_the_disk_before_closing(monkeypatch)
    exit_code = run(tmp_path, "import", "Network Day", str(IMPORTS / "eventbrite_uk.csv"))
    out, err = capsys.readouterr()
    assert exit_code != 0 and "Saved to" not in out
    assert "the disk is full: the people are kept in the event's journal" in err


def test_new_event_on_a_full_disk_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_the_disk(monkeypatch)
    code = run(tmp_path, "new", "Spring Roadshow")
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert "the disk is full: the event was not created" in err and err.count("\n") == 1


def test_any_other_disk_error_is_one_line_not_a_traceback(
    tmp_path: Path, event: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_app.commands import workshops as commands

    def broken(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "sessions/x.json")

    monkeypatch.setattr(commands, "run_find", broken)
    code = main(["--data-dir", str(tmp_path / "sessions"), "find", "Network Day", "abbott"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        "workshop-app: the disk is full (sessions/x.json): the command stopped before it finished\n"
    )
