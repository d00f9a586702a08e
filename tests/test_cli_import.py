"""`workshop-app import`: preview, save in one go, re-import without duplicates, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.cli import main
from workshop_app.core.models import Attendee
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore

IMPORTS = Path(__file__).parent / "data" / "imports"


@pytest.fixture
def catalog(tmp_path: Path) -> EventCatalog:
    return EventCatalog(tmp_path / "sessions")


@pytest.fixture
def event(catalog: EventCatalog) -> Path:
    with catalog.create("CLI import", "2026-11-23") as store:
        return store.path


def run(catalog: EventCatalog, *args: str) -> int:
    return main(["--data-dir", str(catalog.folder), *args])


def attendees(path: Path) -> list[Attendee]:
    with EventStore(path, read_only=True) as store:
        return store.all(Attendee)


def test_dry_run_prints_the_preview_and_saves_nothing(
    catalog: EventCatalog, event: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(catalog, "import", "CLI import", str(IMPORTS / "eventbrite_uk.csv"), "--dry-run") == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("Import preview of eventbrite_uk.csv")
    assert "Nothing has been saved." in out and "Columns:" in out
    assert "Skipped rows:" in out and "attendee status is 'Cancelled'" in out
    assert attendees(event) == []


def test_import_saves_what_the_preview_shows(
    catalog: EventCatalog, event: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(catalog, "import", "CLI import", str(IMPORTS / "eventbrite_uk.xlsx")) == 0
    out = capsys.readouterr().out
    assert "Nothing has been saved." not in out
    assert f"Saved to {event.name}: 2 new, 0 updated, 0 unchanged." in out
    names = sorted(a.display_name for a in attendees(event))
    assert names == ["Li Wei", "Olu Adeyemi"]


def test_reimport_updates_without_duplicates_and_keeps_desk_fields(
    catalog: EventCatalog, event: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(catalog, "import", "CLI import", str(IMPORTS / "team_v1.csv")) == 0
    first = {a.surname: a for a in attendees(event)}
    with EventStore(event) as store:  # at the desk: Ben arrives, a note is typed
        store.save(
            first["Carter"].edited(
                checked_in_at="2026-11-23T09:10:00+00:00", notes="Brought a colleague"
            )
        )
    capsys.readouterr()
    assert run(catalog, "import", "CLI import", str(IMPORTS / "team_v2.csv")) == 0
    assert "2 new, 4 updated, 1 unchanged" in capsys.readouterr().out
    after = attendees(event)
    ids = [a.id for a in after]
    assert len(ids) == len(set(ids)) == len(first) + 2, "only the 2 new people were added"
    assert all(ids.count(a.id) == 1 for a in first.values())
    second = {a.id: a for a in after}
    ben = second[first["Carter"].id]
    assert ben.id == first["Carter"].id
    assert ben.organisation == "Riverside Housing"  # updated from the file
    assert ben.checked_in_at == "2026-11-23T09:10:00+00:00"  # desk fields kept
    assert ben.notes == "Brought a colleague"
    assert second[first["van der Berg"].id].role == "Senior Officer"


def test_a_bad_file_names_the_problem_and_saves_nothing(
    catalog: EventCatalog, event: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(catalog, "import", "CLI import", str(IMPORTS / "no_name_column.csv"))
    err = capsys.readouterr().err
    assert code != 0
    assert "no_name_column.csv: no column for names" in err and "Nothing was saved" in err
    assert attendees(event) == []

    code = run(catalog, "import", "CLI import", str(IMPORTS / "broken.xlsx"))
    assert code != 0 and "broken.xlsx" in capsys.readouterr().err
    assert run(catalog, "import", "CLI import", str(IMPORTS / "missing.csv")) != 0
    assert "missing.csv" in capsys.readouterr().err
    assert attendees(event) == []


def test_a_column_can_be_mapped_by_hand(
    catalog: EventCatalog, event: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(catalog, "import", "CLI import", str(IMPORTS / "unmapped_name.csv")) != 0
    assert "--map Delegate=full_name" in capsys.readouterr().err
    assert (
        run(
            catalog,
            "import",
            "CLI import",
            str(IMPORTS / "unmapped_name.csv"),
            "--map",
            "Delegate=full_name",
        )
        == 0
    )
    assert "van der Berg" in {a.surname for a in attendees(event)}
    assert (
        run(
            catalog, "import", "CLI import", str(IMPORTS / "unmapped_name.csv"), "--map", "Delegate"
        )
        == 2
    )
    assert "COLUMN=FIELD" in capsys.readouterr().err
