"""Attendee import preview over real-looking exports (samples made by make_samples.py)."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workshop_app.core.models import Attendee, Sector
from workshop_app.io.attendee_import import (
    AttendeeImportError,
    ImportPreview,
    SkippedRow,
    format_preview,
    preview_attendee_import,
    split_full_name,
)
from workshop_app.io.columns import normalise_header, sector_from_text, yes_from_text

SAMPLES = Path(__file__).parent / "data" / "imports"


def preview(name: str, **kwargs: object) -> ImportPreview:
    return preview_attendee_import(SAMPLES / name, **kwargs)  # type: ignore[arg-type]


def by_row(result: ImportPreview) -> dict[int, Attendee]:
    return {row.row_number: row.attendee for row in result.rows_to_import}


def test_samples_are_what_the_generator_makes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    made = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in SAMPLES.iterdir() if p.name != "make_samples.py")
    assert made == committed
    for name in made:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), name


# --- Eventbrite layouts ---------------------------------------------------------------------


def test_eventbrite_us_layout() -> None:
    result = preview("eventbrite_us.csv")
    assert (result.file_format, result.encoding, result.delimiter) == ("csv", "utf-8", ",")
    mapping = result.column_mapping
    assert mapping["Order #"] == "order_number"
    assert mapping["Last Name"] == "surname"
    assert mapping["Attendee #"] == "attendee_number"
    assert mapping["Attendee Status"] == "attendee_status"
    assert mapping["Company"] == "organisation"
    assert mapping["Job Title"] == "role"
    assert mapping["Mobile Phone"] == "phone"
    assert mapping["Buyer First Name"] == "buyer_first_name"
    assert mapping["Buyer Last Name"] == "buyer_surname"
    assert mapping["Dietary requirements"] == "access_needs"
    assert mapping["Total Paid"] == mapping["Barcode #"] == "ignore"
    assert mapping["How did you hear about this event?"] == "extra"
    assert result.unmapped_columns == ("How did you hear about this event?",)

    rows = by_row(result)
    assert sorted(rows) == [2, 3, 4, 7]
    anna = rows[2]
    assert (anna.first_name, anna.surname, anna.email) == (
        "Anna",
        "van der Berg",
        "anna.vdberg@example.org",
    )
    assert (anna.attendee_number, anna.order_number, anna.ticket_type) == (
        "5001",
        "1001",
        "General Admission",
    )
    assert (anna.organisation, anna.role, anna.phone) == (
        "Northside Community Trust",
        "Community Development Officer",
        "07700 900101",
    )
    assert anna.access_needs == "Vegetarian"
    assert anna.extra == {"How did you hear about this event?": "Newsletter"}
    assert anna.sector == Sector.OTHER
    second_ticket = rows[4]  # attendee's own name blank: the buyer's name and email are used
    assert (second_ticket.first_name, second_ticket.surname) == ("Mohammed", "Rahman")
    assert (second_ticket.email, second_ticket.attendee_number) == ("m.rahman@example.org", "5003")


def test_eventbrite_us_skips_not_attending_refunded_and_totals() -> None:
    result = preview("eventbrite_us.csv")
    assert result.skipped == (
        SkippedRow(5, "attendee status is 'Not Attending'"),
        SkippedRow(6, "attendee status is 'Refunded'"),
        SkippedRow(8, "totals row"),
    )
    assert result.status_skipped == {"Not Attending": 1, "Refunded": 1}
    # Two tickets in one buyer's name are two people, not duplicates.
    assert result.duplicates == ()
    assert result.plan.summary.new == 4


def test_eventbrite_uk_layout_with_bom_and_untidy_headers() -> None:
    result = preview("eventbrite_uk.csv")
    assert result.encoding == "utf-8-sig"
    mapping = result.column_mapping
    assert mapping["First Name"] == "first_name"  # " First Name " trimmed
    assert mapping["SURNAME"] == "surname"
    assert mapping["Order no."] == "order_number"
    assert mapping["Attendee no."] == "attendee_number"
    assert mapping["Buyer Surname"] == "buyer_surname"
    rows = by_row(result)
    assert (rows[2].first_name, rows[2].surname) == ("Zoë", "Ní Bhriain")
    assert (rows[2].attendee_number, rows[2].order_number) == ("6001", "2001")
    assert rows[2].extra == {"Which workshop interests you most?": "Workshop A"}
    assert rows[4].surname == "O'Neill"
    assert result.skipped == (SkippedRow(3, "attendee status is 'Cancelled'"),)
    assert result.status_skipped == {"Cancelled": 1}


def test_eventbrite_older_layout_windows_1252_title_row_blank_and_space_rows() -> None:
    result = preview("eventbrite_old.csv")
    assert result.encoding == "cp1252"
    assert result.header_row == 3
    assert result.column_mapping["Order ID"] == "order_number"
    assert result.column_mapping["Home Address 1"] == "ignore"
    rows = by_row(result)
    assert sorted(rows) == [4, 6, 8]
    assert (rows[4].first_name, rows[4].surname) == ("Seán", "O’Brien")
    assert rows[4].organisation == "Café Connect CIC"
    assert rows[6].role == "Librarian – Outreach"
    assert (rows[8].attendee_number, rows[8].order_number) == ("7003", "3003")
    assert result.skipped == (SkippedRow(7, "row has only spaces"),)
    assert result.blank_rows == 2


# --- generic sheets ----------------------------------------------------------------------


def test_generic_full_names_are_split_keeping_particles_and_titles() -> None:
    rows = by_row(preview("generic_names.csv"))
    split = {n: (p.title, p.first_name, p.surname) for n, p in rows.items()}
    assert split[2] == ("Dr", "Anna", "van der Berg")
    assert split[3] == ("", "María", "de la Cruz")
    assert split[4] == ("Revd", "Peter Mark", "Jones")
    assert split[5] == ("Cllr", "Jean-Luc", "de Villiers")
    assert split[6] == ("Ms", "Ama", "Oduya-Mensah")
    assert split[7] == ("", "Ludwig", "von Beethoven")
    assert split[11] == ("", "John", "Smith")  # "Smith, John"


def test_generic_sector_access_needs_phone_and_extra() -> None:
    result = preview("generic_names.csv")
    assert result.column_mapping["Full name"] == "full_name"
    assert result.column_mapping["Dietary?"] == "access_needs"
    assert result.unmapped_columns == ("Badge colour",)
    rows = by_row(result)
    sectors = {n: p.sector for n, p in rows.items()}
    assert sectors == {
        2: "VCSE",  # Voluntary
        3: "statutory",  # Council
        4: "VCSE",  # Faith group
        5: "statutory",  # Local authority
        6: "business",  # Private business
        7: "VCSE",  # Charity
        8: "statutory",  # NHS
        9: "resident",  # Local resident
        10: "other",  # Astronaut guild
        11: "other",  # blank
    }
    assert rows[2].access_needs == "Hearing loop"
    assert rows[3].access_needs == "Vegan"
    assert rows[6].access_needs == "Access needs: Step-free access; Dietary?: Halal"
    assert rows[2].phone == "0113 496 0001"
    assert rows[2].extra == {"Badge colour": "green"}
    assert rows[4].extra == {}


def test_latin1_semicolon_file() -> None:
    result = preview("latin1_semicolon.csv")
    assert (result.encoding, result.delimiter) == ("latin-1", ";")
    assert result.column_mapping == {
        "Name": "full_name",
        "Organization": "organisation",
        "Sector": "sector",
        "Notes": "notes",
    }
    rows = by_row(result)
    assert (rows[2].first_name, rows[2].surname) == ("François", "Lefèvre")
    assert rows[2].organisation == "Maison Solidarité, Riverside"  # a comma inside a cell
    assert rows[2].notes == "Ref ÿ\x81"
    assert (rows[3].surname, rows[3].sector) == ("Groß", "business")
    assert rows[4].sector == "statutory"


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Voluntary", Sector.VCSE),
        ("charity", Sector.VCSE),
        ("VCSE", Sector.VCSE),
        ("Community Interest Company (CIC)", Sector.VCSE),
        ("Mental health charity", Sector.VCSE),
        ("Council", Sector.STATUTORY),
        ("NHS", Sector.STATUTORY),
        ("NHS Trust", Sector.STATUTORY),
        ("statutory", Sector.STATUTORY),
        ("Ltd company", Sector.BUSINESS),
        ("Member of the public", Sector.RESIDENT),
        ("other", Sector.OTHER),
        ("Astronaut guild", Sector.OTHER),
    ],
)
def test_sector_from_free_text(text: str, sector: Sector) -> None:
    assert sector_from_text(text) == sector


def test_header_and_answer_normalisation() -> None:
    assert normalise_header("  Order  no. ") == "order no"
    assert normalise_header("First name *") == "first name"
    assert normalise_header("Attendee #") == "attendee #"
    assert [yes_from_text(t) for t in ("Yes", " y ", "TRUE", "Yes, happy to", "No", "")] == [
        True,
        True,
        True,
        True,
        False,
        False,
    ]
    assert split_full_name("Dr Anna van der Berg") == ("Dr", "Anna", "van der Berg")


# --- XLSX -----------------------------------------------------------------------------------


def test_eventbrite_xlsx_finds_the_attendee_sheet_and_reads_numbers_as_text() -> None:
    result = preview("eventbrite_uk.xlsx")
    assert (result.file_format, result.sheet_name) == ("xlsx", "Attendees")
    assert (result.encoding, result.delimiter) == (None, None)
    assert result.column_mapping["Can we take your photo?"] == "consent_photos"
    rows = by_row(result)
    assert sorted(rows) == [2, 5]
    olu = rows[2]
    assert (olu.order_number, olu.attendee_number) == ("4001", "8001")
    assert olu.consent_photos is True
    assert rows[5].consent_photos is False
    assert result.skipped == (
        SkippedRow(3, "attendee status is 'Refunded'"),
        SkippedRow(6, "totals row"),
    )
    assert result.blank_rows == 1


def test_generic_xlsx_with_title_above_the_header() -> None:
    result = preview("generic_names.xlsx")
    assert (result.sheet_name, result.header_row) == ("Guest list", 3)
    rows = by_row(result)
    assert [(p.title, p.first_name, p.surname) for p in rows.values()] == [
        ("Dr", "Anna", "van der Berg"),
        ("", "María", "de la Cruz"),
        ("Revd", "Peter Mark", "Jones"),
    ]
    assert sorted(rows) == [4, 5, 6]


def test_an_xlsx_renamed_csv_is_read_as_a_workbook(tmp_path: Path) -> None:
    renamed = tmp_path / "attendees.csv"
    shutil.copy(SAMPLES / "eventbrite_uk.xlsx", renamed)
    result = preview_attendee_import(renamed)
    assert result.file_format == "xlsx"
    assert len(result.rows_to_import) == 2


# --- mapping by hand ------------------------------------------------------------------------


def test_unrecognised_name_column_can_be_mapped_by_hand() -> None:
    with pytest.raises(AttendeeImportError) as raised:
        preview("unmapped_name.csv")
    assert "found: Delegate, Employer, Table preference" in str(raised.value)

    result = preview("unmapped_name.csv", mapping_overrides={"Delegate": "full_name"})
    assert result.column_mapping == {
        "Delegate": "full_name",
        "Employer": "organisation",
        "Table preference": "extra",
    }
    assert result.unmapped_columns == ("Table preference",)
    anna = by_row(result)[2]
    assert (anna.title, anna.first_name, anna.surname) == ("Dr", "Anna", "van der Berg")
    assert anna.extra == {"Table preference": "Near the door"}

    remapped = preview(
        "unmapped_name.csv",
        mapping_overrides={"Delegate": "full_name", "Table preference": "notes"},
    )
    assert by_row(remapped)[2].notes == "Near the door"
    assert by_row(remapped)[2].extra == {}
    assert remapped.mapping_overrides == {"Delegate": "full_name", "Table preference": "notes"}
    ignored = preview(
        "unmapped_name.csv",
        mapping_overrides={"Delegate": "full_name", "Table preference": "ignore"},
    )
    assert by_row(ignored)[2].extra == {}


def test_bad_overrides_are_explained() -> None:
    with pytest.raises(AttendeeImportError, match="no such column"):
        preview("generic_names.csv", mapping_overrides={"Nickname": "first_name"})
    with pytest.raises(AttendeeImportError, match="cannot map column 'Badge colour' to 'colour'"):
        preview("generic_names.csv", mapping_overrides={"Badge colour": "colour"})


# --- duplicates and re-imports ------------------------------------------------------------


def test_duplicates_within_a_file() -> None:
    result = preview("duplicates.csv")
    assert sorted(by_row(result)) == [2, 4, 6, 8, 9, 10, 11]
    assert result.skipped == (
        SkippedRow(3, "duplicate of row 2 (same attendee number)"),
        SkippedRow(5, "duplicate of row 4 (same email and name)"),
        SkippedRow(7, "duplicate of row 6 (same name and organisation)"),
    )
    found = [(d.row_number, d.other_row_number, d.reason, d.skipped) for d in result.duplicates]
    assert found == [
        (3, 2, "same attendee number", True),
        (5, 4, "same email and name", True),
        (7, 6, "same name and organisation", True),
        (9, 8, "same name", False),  # Dan Ford twice with two emails: look, don't merge
    ]


@pytest.fixture
def listed_after_the_desk() -> list[Attendee]:
    """team_v1 imported, then edited at the registration desk, plus one walk-in."""
    first = {p.first_name: p for p in preview("team_v1.csv").to_save}
    first["Eve"] = first["Eve"].edited(access_needs="Hearing loop")
    first["Dev"] = first["Dev"].edited(
        checked_in_at="2024-05-14T09:02:00+00:00", notes="Arrived early"
    )
    walk_in = Attendee(
        first_name="Gita", surname="Rao", walk_in=True, checked_in_at="2024-05-14T09:30:00+00:00"
    )
    return [*first.values(), walk_in]


def test_reimport_classifies_rows_and_keeps_desk_fields(
    listed_after_the_desk: list[Attendee],
) -> None:
    listed = {p.first_name: p for p in listed_after_the_desk}
    result = preview("team_v2.csv", existing=listed_after_the_desk)
    outcomes = {
        row.row_number: outcome
        for row, outcome in zip(result.rows_to_import, result.plan.outcomes, strict=True)
    }
    summary = result.plan.summary
    assert (summary.new, summary.updated, summary.unchanged) == (2, 3, 2)

    anna = outcomes[2]
    assert (anna.kind, anna.matched_on) == ("update", "attendee number")
    assert anna.changes == {"role": ("Officer", "Senior Officer")}
    assert anna.result.sector == "VCSE"  # blank sector cell did not reset it

    ben = outcomes[3]
    assert (ben.kind, ben.matched_on) == ("update", "email")
    assert ben.changes == {
        "organisation": ("Riverside Council", "Riverside Housing"),
        "access_needs": ("", "Wheelchair user"),  # blank on the list: the file fills it
    }
    zoe = outcomes[4]
    assert (zoe.kind, zoe.matched_on) == ("update", "name")
    assert (zoe.result.first_name, zoe.result.surname) == ("Zoë", "Ní Bhriain")
    assert zoe.result.email == "zoe@example.org"

    dev = outcomes[5]
    assert dev.kind == "unchanged"
    assert dev.result.checked_in_at == "2024-05-14T09:02:00+00:00"
    assert (dev.result.notes, dev.result.access_needs) == ("Arrived early", "Large print")

    eve = outcomes[6]
    assert eve.kind == "unchanged" and eve.kept_from_list == ("access_needs",)
    assert eve.result.access_needs == "Hearing loop"

    assert outcomes[7].kind == "new"  # Femi
    namesake = outcomes[8]  # another Ben Carter, another email
    assert namesake.kind == "new"
    assert namesake.similar_existing == listed["Ben"]
    assert [(d.row_number, d.existing) for d in result.duplicates if d.existing] == [
        (8, listed["Ben"])
    ]

    saved_ids = {p.id for p in result.to_save}
    assert {listed["Anna"].id, listed["Ben"].id, listed["Zoë"].id} < saved_ids
    assert listed["Gita"].id not in saved_ids and listed["Dev"].id not in saved_ids
    assert len(result.to_save) == 5


def test_reimporting_the_same_file_changes_nothing() -> None:
    first = preview("eventbrite_us.csv").to_save
    again = preview("eventbrite_us.csv", existing=first)
    assert again.plan.summary.unchanged == 4
    assert again.to_save == ()


# --- bad files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("empty.csv", "empty.csv: the file is empty"),
        ("blank_lines_only.csv", "blank_lines_only.csv: the file is empty"),
        ("screenshot.csv", "screenshot.csv: this is a PNG image, not an attendee list"),
        ("report.csv", "report.csv: this is a PDF document, not an attendee list"),
        ("old_excel.csv", "old_excel.csv: this is an old-style Excel .xls"),
        ("broken.xlsx", "broken.xlsx: this is not a readable Excel workbook"),
        ("zip_of_text.xlsx", "zip_of_text.xlsx: this is not a readable Excel workbook"),
        (
            "no_name_column.csv",
            "no_name_column.csv: no column for names: expected one of First Name/Last Name, "
            "Name, Full name; found: Email, Company, Job Title",
        ),
    ],
)
def test_bad_files_are_refused_clearly_and_nothing_is_written(
    tmp_path: Path, name: str, problem: str
) -> None:
    shutil.copy(SAMPLES / name, tmp_path / name)
    with pytest.raises(AttendeeImportError) as raised:
        preview_attendee_import(tmp_path / name, existing=[Attendee(first_name="Ann")])
    assert str(raised.value).startswith(problem)
    assert raised.value.file_name == name
    assert raised.value.row_number is None
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AttendeeImportError, match="gone.csv: cannot read the file"):
        preview_attendee_import(tmp_path / "gone.csv")


def test_text_that_is_not_a_table(tmp_path: Path) -> None:
    letter = tmp_path / "letter.csv"
    letter.write_text("Dear colleague\nPlease find the list attached\n", encoding="utf-8")
    with pytest.raises(AttendeeImportError, match="no column for names.*found: Dear colleague"):
        preview_attendee_import(letter)


def test_without_a_name_column_the_header_under_a_title_is_offered(tmp_path: Path) -> None:
    export = tmp_path / "booking.csv"
    export.write_text(
        "Booking export 2026-11-23,,\nDelegate,Employer,Table\nAnna Smith,Trust,\n",
        encoding="utf-8",
    )
    with pytest.raises(AttendeeImportError, match="found: Delegate, Employer, Table") as raised:
        preview_attendee_import(export)
    assert raised.value.unnamed_columns == ("Delegate", "Employer", "Table")
    preview = preview_attendee_import(export, mapping_overrides={"Delegate": "full_name"})
    assert preview.header_row == 2
    anna = preview.to_save[0]
    assert (anna.first_name, anna.surname, anna.organisation) == ("Anna", "Smith", "Trust")


def test_malformed_rows_are_reported_with_their_row_number(tmp_path: Path) -> None:
    good = "".join(f"Person{n},Smith,p{n}@example.org\n" for n in range(3000))
    nul = tmp_path / "nul.csv"  # a NUL past the first 64 KiB: found while streaming
    nul.write_bytes(b"First Name,Last Name,Email\n" + good.encode() + b"Bad\x00,Row,x\n")
    with pytest.raises(AttendeeImportError) as raised:
        preview_attendee_import(nul)
    assert raised.value.row_number == 3002
    assert str(raised.value).startswith("nul.csv, row 3002: the row contains a NUL byte")

    huge = tmp_path / "huge.csv"
    huge.write_text("Name,Notes\nAnn Lee,ok\nBob Ray," + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(AttendeeImportError) as raised:
        preview_attendee_import(huge)
    assert raised.value.row_number == 3


def test_rows_wider_than_the_header_are_skipped_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "shifted.csv"
    path.write_text("Name,Organisation\nAnn Lee,Lee Ltd\nBob Ray,Ray, Sons and Co\n")
    result = preview_attendee_import(path)
    assert [r.attendee.surname for r in result.rows_to_import] == ["Lee"]
    assert result.skipped == (
        SkippedRow(
            3, "row has 3 cells but the header has 2 columns (an unquoted comma or semicolon?)"
        ),
    )


# --- progress and size -------------------------------------------------------------------


def write_eventbrite_csv(path: Path, rows: int) -> None:
    header = [
        "Order #",
        "First Name",
        "Last Name",
        "Email",
        "Ticket Type",
        "Attendee #",
        "Attendee Status",
        "Job Title",
        "Company",
        "Dietary requirements",
    ]
    firsts = ["Anna", "Ben", "Chidi", "Dev", "Eve", "Femi", "Grace", "Hana", "Ian", "Jo"]
    lasts = ["van der Berg", "Carter", "Okafor", "Patel", "Walsh", "Ní Bhriain", "de la Cruz"]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for n in range(rows):
            first, last = firsts[n % len(firsts)], lasts[n // len(firsts) % len(lasts)]
            writer.writerow(
                [
                    str(1000 + n // 2),
                    first,
                    last,
                    f"{first.lower()}.{n}@example.org",
                    "Standard",
                    str(500000 + n),
                    "Refunded" if n % 50 == 0 else "Attending",
                    "Officer",
                    f"Organisation {n % 97}",
                    "Vegan" if n % 9 == 0 else "",
                ]
            )


def test_progress_is_reported_in_bytes_up_to_the_file_size(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    write_eventbrite_csv(path, 20_000)
    size = path.stat().st_size
    calls: list[tuple[int, int]] = []
    result = preview_attendee_import(path, progress=lambda done, total: calls.append((done, total)))
    assert result.people_count == 19_600
    assert result.status_skipped == {"Refunded": 400}
    assert len(calls) >= 10
    assert all(total == size for _, total in calls)
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[-1] == size and done[0] < size


def test_progress_for_a_workbook_counts_rows() -> None:
    calls: list[tuple[int, int]] = []
    preview("eventbrite_uk.xlsx", progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (6, 6)


# --- the CLI text -------------------------------------------------------------------------


def test_format_preview_says_how_the_file_was_read_and_what_will_happen(
    listed_after_the_desk: list[Attendee],
) -> None:
    text = format_preview(preview("eventbrite_us.csv"))
    assert "Import preview of eventbrite_us.csv (CSV, UTF-8, comma-separated)" in text
    assert "Nothing has been saved." in text
    assert "  Attendee #" in text and "-> attendee_number" in text
    assert "-> extra  (not recognised; map it by hand if needed)" in text
    assert "4 to import: 4 new, 0 updated, 0 unchanged. 3 skipped." in text
    assert "Not coming (skipped): Not Attending 1, Refunded 1." in text
    assert "  row 2: Anna van der Berg <anna.vdberg@example.org>" in text
    assert "  row 8: totals row" in text

    semicolons = format_preview(preview("latin1_semicolon.csv"))
    assert "(CSV, Latin-1, semicolon-separated)" in semicolons
    assert "(XLSX, sheet 'Attendees')" in format_preview(preview("eventbrite_uk.xlsx"))

    reimport = format_preview(preview("team_v2.csv", existing=listed_after_the_desk))
    assert "(matched on attendee number): role 'Officer' -> 'Senior Officer'" in reimport
    assert "Eve Walsh (matched on attendee number): no change; kept as listed: access_needs" in (
        reimport
    )
    assert (
        "row 8: same name as a listed attendee, but not the same person by number or email: "
        "Ben Carter (kept both, please check)" in reimport
    )


def test_io_imports_no_textual() -> None:
    code = (
        "import sys, workshop_app.io.attendee_import; "
        "assert not {'textual', 'tinydb'} & set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_columns_without_a_header_are_ignored_but_can_be_mapped(tmp_path: Path) -> None:
    path = tmp_path / "unnamed.csv"
    path.write_text("Name,Organisation,,\nAnn Lee,Lee Ltd,needs a ramp,\nBob Ray,,,\n")
    result = preview_attendee_import(path)
    assert result.column_mapping == {
        "Name": "full_name",
        "Organisation": "organisation",
        "Column 3": "ignore",
        "Column 4": "ignore",
    }
    assert result.unmapped_columns == ()
    assert len(result.rows_to_import) == 2 and result.skipped == ()
    assert "  Ignored: Column 3, Column 4" in format_preview(result)
    mapped = preview_attendee_import(path, mapping_overrides={"Column 3": "access_needs"})
    assert mapped.rows_to_import[0].attendee.access_needs == "needs a ramp"


# --- sector questions -----------------------------------------------------------------------


SECTOR_ANSWERS = {
    "Voluntary/Community": "VCSE",
    "VCSE": "VCSE",
    "Charity": "VCSE",
    "Third sector": "VCSE",
    "Local authority": "statutory",
    "Council": "statutory",
    "NHS": "statutory",
    "Public sector": "statutory",
    "Police": "statutory",
    "Business": "business",
    "Private": "business",
    "Prefer not to say": "other",
    "": "other",
}


@pytest.mark.parametrize(
    "question",
    [
        "What is your organisation's sector?",
        "Which sector do you work in?",
        "Type of organisation",
        "Organization type",
    ],
)
def test_a_sector_question_feeds_the_sector(tmp_path: Path, question: str) -> None:
    path = tmp_path / "eventbrite.csv"
    answers = [*SECTOR_ANSWERS, "Astronaut guild", "Astronaut guild"]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Attendee #", "First Name", "Last Name", "Company", question])
        for n, answer in enumerate(answers):
            writer.writerow([str(100 + n), f"First{n}", f"Last{n}", "Org", answer])
    result = preview_attendee_import(path)
    assert result.column_mapping[question] == "sector"
    assert question not in result.unmapped_columns
    got = [
        (answer, row.attendee.sector)
        for answer, row in zip(answers, result.rows_to_import, strict=True)
    ]
    assert got == [
        *SECTOR_ANSWERS.items(),
        ("Astronaut guild", "other"),
        ("Astronaut guild", "other"),
    ]
    # an answer no rule knows is kept as written, and reported, not silently "other"
    assert result.unknown_sectors == {"Astronaut guild": 2}
    assert result.rows_to_import[-1].attendee.extra == {question: "Astronaut guild"}
    assert result.rows_to_import[0].attendee.extra == {}
    text = format_preview(result)
    assert (
        f"Sector not recognised for 2 people: saved as 'other', each answer kept under {question!r}"
        in text
    )
    assert "  'Astronaut guild': 2" in text
