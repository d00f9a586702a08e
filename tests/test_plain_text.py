"""Text from users is shown as plain text everywhere: markup is literal, controls are inert.

Names holding Rich markup (`Team [/red] meeting` crashed `workshop-app list`),
terminal escapes, carriage returns, NULs and right-to-left overrides are fed through
every place a name is shown: the CLI's list, find and import preview, and the TUI's
formatters and widgets (event header, kiosk, attendee rows, dialogs, notifications).
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.text import Text

from workshop_app.cli import main
from workshop_app.core.directions import directions_for
from workshop_app.core.kiosk_search import kiosk_name
from workshop_app.core.models import Attendee, Workshop
from workshop_app.core.plain_text import is_harmless, printable, printable_lines
from workshop_app.store.catalog import EventCatalog
from workshop_app.tui.formatting import plain, shorten

FRAGMENTS = (
    "Team",
    " ",
    "[/red]",
    "[link=https://x]",
    "y",
    "[/link]",
    "[bold]",
    "[",
    "]",
    "\\",
    "\x1b[2J",
    "\x1b]8;;https://x\x07",
    "\r",
    "\x00",
    "\t",
    "\u202e",
    "\u2066",
    "\x9b",
    "Zoë",
    "محمد",
)
UNSAFE = ("\x1b", "\r", "\x00", "\u202e", "\u2066", "\x9b", "\x07")

hostile = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map("".join)
names = hostile.filter(lambda s: s.strip() and not s.isspace())
any_text = st.one_of(hostile, st.text(max_size=40))
FEW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def shows_nothing_that_acts(output: str) -> bool:
    return not any(char in output for char in UNSAFE)


# -- the rule itself -------------------------------------------------------------------------


@given(any_text)
def test_printable_leaves_nothing_that_acts_on_a_terminal(text: str) -> None:
    shown = printable(text)
    assert is_harmless(shown) and "\n" not in shown
    assert is_harmless(printable_lines(text))
    assert printable(shown) == shown, "already printable text is left as it is"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Zl", "Zp"))))
def test_ordinary_text_is_untouched(text: str) -> None:
    assert printable(text) == text


def test_controls_become_visible_stand_ins() -> None:
    assert printable("Team\x1b[2J") == "Team␛[2J"
    assert printable("a\rb\x00") == "a␍b␀"
    assert printable("\u202eevil") == "\ufffdevil"
    assert printable("Ana\u200fعلي") == "Ana\u200fعلي", "a right-to-left mark reverses nothing"


# -- the command line -------------------------------------------------------------------------


def run(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--data-dir", str(folder), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@FEW
@given(name=names, venue=hostile)
def test_list_shows_any_event_name_literally(
    name: str, venue: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # one line per event, so the name can be read whole
    with tempfile.TemporaryDirectory() as tmp:
        catalog = EventCatalog(Path(tmp))
        catalog.create(name, venue=venue).close()
        code, out = run(catalog.folder, capsys, "list")
    assert code == 0
    assert shows_nothing_that_acts(out)
    assert printable(" ".join(name.split())) in out


def test_list_of_the_reported_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    catalog = EventCatalog(tmp_path)
    for name in ("Team [/red] meeting", "[link=https://x]y[/link]", "[bold]Loud"):
        catalog.create(name).close()
    code, out = run(tmp_path, capsys, "list")
    assert code == 0
    for name in ("Team [/red] meeting", "[link=https://x]y[/link]", "[bold]Loud"):
        assert name in out


@FEW
@given(first=hostile, title=names, event_name=names)
def test_find_and_allocate_show_names_and_titles_literally(
    first: str, title: str, event_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    person = Attendee(first_name=first, surname="Abbott" + first)
    with tempfile.TemporaryDirectory() as tmp:
        catalog = EventCatalog(Path(tmp))
        with catalog.create(event_name) as store:
            store.save(person)
            store.save(Workshop(title=title, room="Hall", capacity=40, position=1))
            event_id = store.event.id
        code, out = run(catalog.folder, capsys, "find", event_id, "abbott")
        assert code == 0 and shows_nothing_that_acts(out)
        assert printable(person.display_name) in out and printable(title) in out
        code, out = run(catalog.folder, capsys, "allocate", event_id)
        assert code == 0 and shows_nothing_that_acts(out)
        assert printable(" ".join(event_name.split())) in out


@FEW
@given(full_name=names, organisation=hostile)
def test_import_preview_shows_imported_cells_inertly(
    full_name: str, organisation: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        guests = folder / "guests.csv"
        with guests.open("w", newline="", encoding="utf-8") as file:
            csv.writer(file).writerows(
                [["Full name", "Organisation"], [full_name, organisation], ["Ann Lee", "x"]]
            )
        catalog = EventCatalog(folder / "sessions")
        with catalog.create("Imports") as store:
            event_id = store.event.id
        code, out = run(catalog.folder, capsys, "import", event_id, str(guests), "--dry-run")
    assert code in (0, 3), "a file it cannot read is a clear error (3), never a crash"
    assert shows_nothing_that_acts(out)


# -- the TUI's formatters ---------------------------------------------------------------------


@given(any_text, st.integers(min_value=2, max_value=60))
def test_shortened_and_plain_names_are_inert_and_literal(text: str, width: int) -> None:
    assert shows_nothing_that_acts(shorten(text, width)) and len(shorten(text, width)) <= max(
        width, len(printable(text))
    )
    content = plain(text)
    assert content.plain == printable(text), "markup stays text: nothing is parsed or dropped"
    assert not content.spans


@given(first=hostile, surname=names, several=st.booleans())
def test_kiosk_names_and_directions_are_inert(first: str, surname: str, several: bool) -> None:
    person = Attendee(first_name=first, surname=surname)
    shown = printable(kiosk_name(person, initial_only=several))
    assert shows_nothing_that_acts(shown)
    lines = directions_for(person, workshop_route=(f"Round 1: {surname}",), table=first).lines()
    assert shows_nothing_that_acts(printable_lines("\n".join(lines)))


@given(first=hostile, surname=hostile, organisation=hostile)
def test_attendee_rows_are_inert(first: str, surname: str, organisation: str) -> None:
    from workshop_app.tui.widgets.attendee_list import _cells, _fit

    cells = _cells(Attendee(first_name=first, surname=surname, organisation=organisation))
    for cell in cells:
        assert shows_nothing_that_acts(_fit(cell, 30))
        assert Text(cell).plain == cell  # drawn as Segments: never parsed as markup
