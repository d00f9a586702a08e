"""Write the sample attendee files the import tests read, byte for byte reproducibly.

Run from anywhere: `python tests/data/imports/make_samples.py`. The files are committed
too; re-running must give identical bytes (XLSX zip times and document dates are fixed),
so `git status` stays clean unless a sample was changed on purpose.

Every person, organisation and address here is invented; emails use example.org.
"""

from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_DOC_TIME = "2024-01-01T00:00:00Z"


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def write_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)


# The sample tables keep one spreadsheet row per line or two, so they read like the files.
# fmt: off

# --- Eventbrite, US layout: UTF-8 without BOM, comma, trailing Totals row ----------------

EVENTBRITE_US = [
    [
        "Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Ticket Type",
        "Attendee #", "Barcode #", "Order Type", "Total Paid", "Eventbrite Fees",
        "Eventbrite Payment Processing", "Attendee Status", "Job Title", "Company",
        "Mobile Phone", "Buyer Last Name", "Buyer First Name", "Buyer Email",
        "Dietary requirements", "How did you hear about this event?",
    ],
    [
        "1001", "2024-04-02 09:15", "Anna", "van der Berg", "anna.vdberg@example.org", "1",
        "General Admission", "5001", "50011001", "Free Order", "0.00", "0.00", "0.00",
        "Attending", "Community Development Officer", "Northside Community Trust",
        "07700 900101", "van der Berg", "Anna", "anna.vdberg@example.org", "Vegetarian",
        "Newsletter",
    ],
    [
        "1002", "2024-04-03 14:40", "Mohammed", "Rahman", "m.rahman@example.org", "2",
        "General Admission", "5002", "50021002", "Free Order", "0.00", "0.00", "0.00",
        "Attending", "Housing Officer", "Riverside City Council", "07700 900102", "Rahman",
        "Mohammed", "m.rahman@example.org", "", "Colleague",
    ],
    [  # second ticket of the same order, attendee details not filled: buyer's name used
        "1002", "2024-04-03 14:40", "", "", "", "2", "General Admission", "5003", "50031002",
        "Free Order", "0.00", "0.00", "0.00", "Attending", "", "", "", "Rahman", "Mohammed",
        "m.rahman@example.org", "", "",
    ],
    [
        "1003", "2024-04-05 11:00", "Grace", "Okafor", "grace@example.org", "1",
        "General Admission", "5004", "50041003", "Free Order", "0.00", "0.00", "0.00",
        "Not Attending", "Volunteer Coordinator", "Hope Foodbank", "", "Okafor", "Grace",
        "grace@example.org", "", "Social media",
    ],
    [
        "1004", "2024-04-06 16:20", "Tom", "Fletcher", "tom.fletcher@example.org", "1",
        "Early Bird", "5005", "50051004", "Eventbrite Completed", "10.00", "0.99", "0.30",
        "Refunded", "Director", "Fletcher Print Ltd", "", "Fletcher", "Tom",
        "tom.fletcher@example.org", "", "",
    ],
    [
        "1005", "2024-04-07 08:05", "Priya", "Shah", "PRIYA.SHAH@example.org", "1",
        "General Admission", "5006", "50061005", "Free Order", "0.00", "0.00", "0.00",
        "Checked In", "Public Health Lead", "NHS Riverside ICB", "07700 900106", "Shah",
        "Priya", "PRIYA.SHAH@example.org", "Nut allergy", "",
    ],
    ["Totals", "", "", "", "", "6", "", "", "", "", "10.00", "0.99", "0.30", "", "", "", "",
     "", "", "", "", ""],
]

# --- Eventbrite, UK layout: UTF-8 with BOM, headers with odd case and spaces ---------------

EVENTBRITE_UK = [
    [
        "Order no.", "Order Date", " First Name ", "SURNAME", "Email", "Quantity",
        "Ticket Type", "Attendee no.", "Barcode no.", "Buyer Surname", "Buyer First Name",
        "Buyer Email", "Order Type", "Total Paid", "Fees Paid", "Eventbrite Fees",
        "Eventbrite Payment Processing Fee", "Attendee Status", "Mobile Phone", "Job Title",
        "Company", "Which workshop interests you most?",
    ],
    [
        "2001", "02/04/2024 09:15", "Zoë", "Ní Bhriain", "zoe.nibhriain@example.org", "1",
        "Standard", "6001", "60012001", "Ní Bhriain", "Zoë", "zoe.nibhriain@example.org",
        "Free Order", "0.00", "0.00", "0.00", "0.00", "Attending", "07700 900201",
        "Engagement Manager", "Age Friendly Network", "Workshop A",
    ],
    [
        "2002", "03/04/2024 10:00", "José", "García López", "jose.garcia@example.org", "1",
        "Standard", "6002", "60022002", "García López", "José", "jose.garcia@example.org",
        "Free Order", "0.00", "0.00", "0.00", "0.00", "Cancelled", "", "Youth Worker",
        "Eastfield Youth Club", "Workshop B",
    ],
    [
        "2003", "04/04/2024 12:30", "Siobhán", "O'Neill", "siobhan.oneill@example.org", "1",
        "Speaker", "6003", "60032003", "O'Neill", "Siobhán", "siobhan.oneill@example.org",
        "Free Order", "0.00", "0.00", "0.00", "0.00", "Attending", "07700 900203",
        "Councillor", "Riverside City Council", "",
    ],
]

# --- Eventbrite, older layout: Windows-1252, a title above the header, blank lines -------

EVENTBRITE_OLD_LINES = [
    ["Attendee list: Regional Network Event, 14 May 2024"],
    [],
    ["Order ID", "Date Attending", "Attendee #", "First Name", "Last Name", "Email",
     "Company", "Job Title", "Attendee Status", "Ticket Type", "Home Address 1"],
    ["3001", "14/05/2024", "7001", "Seán", "O’Brien", "sean.obrien@example.org",
     "Café Connect CIC", "Manager", "Attending", "Delegate", "1 High Street"],
    [],
    ["3002", "14/05/2024", "7002", "Renée", "Dubois", "renee.dubois@example.org",
     "Riverside Library", "Librarian – Outreach", "Attending", "Delegate", "2 High Street"],
    ["   ", " ", "  ", "", "", "", "", "", "", "", ""],
    ["3003", "14/05/2024", "7003", "Bartholomew", "Achterberg", "bart@example.org",
     "Achterberg & Sons", "Owner", "Attending", "Delegate", "3 High Street"],
    [],
]

# --- Generic sheet: one "Full name" column, particles, titles, free-text sector -----------

GENERIC_NAMES = [
    ["Full name", "Organisation", "Sector", "Access needs", "Dietary?", "Phone", "Email",
     "Badge colour"],
    ["Dr Anna van der Berg", "Northside Community Trust", "Voluntary", "Hearing loop", "",
     "0113 496 0001", "anna@example.org", "green"],
    ["María de la Cruz", "Riverside City Council", "Council", "", "Vegan", "0113 496 0002",
     "maria@example.org", "blue"],
    ["Revd Peter Mark Jones", "St Mark's Church", "Faith group", "", "", "", "", ""],
    ["Cllr Jean-Luc de Villiers", "Riverside City Council", "Local authority", "", "", "", "",
     "blue"],
    ["Ms Ama Oduya-Mensah", "Oduya Consulting Ltd", "Private business", "Step-free access",
     "Halal", "", "ama@example.org", ""],
    ["Ludwig von Beethoven", "Riverside Orchestra", "Charity", "", "", "", "", ""],
    ["Ewa Kowalska", "NHS Riverside", "NHS", "", "", "", "", ""],
    ["Sam Taylor", "", "Local resident", "", "", "", "", ""],
    ["Kim Lee", "Someplace", "Astronaut guild", "", "", "", "", ""],
    ["Smith, John", "Riverside Housing", "", "", "", "", "", ""],
]

# --- Latin-1 with semicolons: a byte Windows-1252 leaves undefined (0x81) forces Latin-1 --

LATIN1_SEMICOLON = [
    ["Name", "Organization", "Sector", "Notes"],
    ["François Lefèvre", "Maison Solidarité, Riverside", "Charity", "Ref ÿ\x81"],
    ["Jürgen Groß", "Groß & Partner GmbH", "Business", ""],
    ["Inês Conceição", "Câmara Municipal", "Council", ""],
]

# --- Eventbrite UK as an XLSX, numbers stored as numbers, Totals and a refund -------------

EVENTBRITE_XLSX_HEADER = [
    "Order no.", "First Name", "Surname", "Email", "Ticket Type", "Attendee no.",
    "Attendee Status", "Mobile Phone", "Job Title", "Company", "Total Paid",
    "Can we take your photo?",
]
EVENTBRITE_XLSX_ROWS: list[list[object]] = [
    [4001, "Olu", "Adeyemi", "olu@example.org", "Standard", 8001, "Attending", "07700 900401",
     "Coach", "Eastfield Boxing Club", 0.0, "Yes"],
    [4002, "Hannah", "Berg", "hannah@example.org", "Standard", 8002.0, "Refunded", None,
     "Analyst", "Riverside City Council", 12.5, "No"],
    [None, None, None, None, None, None, None, None, None, None, None, None],
    [4003, "Li", "Wei", "li.wei@example.org", "VIP", 8003, "Attending", None, "Chair",
     "Chinese Community Association", 0.0, None],
    ["Totals", None, None, None, None, None, None, None, None, None, 12.5, None],
]

# --- Re-imports: the same team list before and after people updated their details ---------

TEAM_HEADER = ["Attendee #", "First Name", "Surname", "Email", "Company", "Job Title",
               "Sector", "Access needs", "Notes"]
TEAM_V1 = [
    TEAM_HEADER,
    ["9001", "Anna", "van der Berg", "anna@example.org", "Northside Trust", "Officer",
     "Charity", "", ""],
    ["", "Ben", "Carter", "ben@example.org", "Riverside Council", "Planner", "Council", "",
     ""],
    ["", "Zoë", "Ní Bhriain", "", "Age Friendly Network", "Manager", "Voluntary", "", ""],
    ["9004", "Dev", "Patel", "dev@example.org", "Patel Pharmacy", "Pharmacist", "Business",
     "Large print", ""],
    ["9005", "Eve", "Walsh", "eve@example.org", "Hope Foodbank", "Volunteer", "Charity", "",
     ""],
]
TEAM_V2 = [
    TEAM_HEADER,
    # number match: new job title, sector column now blank (must not reset the sector)
    ["9001", "Anna", "van der Berg", "anna@example.org", "Northside Trust",
     "Senior Officer", "", "", ""],
    # email match (different case): moved organisation; access needs typed in the file
    ["", "Ben", "Carter", "BEN@example.org", "Riverside Housing", "Planner", "Council",
     "Wheelchair user", ""],
    # name match with the accents and spaces lost, now with an email
    ["", "ZOE", "Ni  Bhriain", "zoe@example.org", "Age Friendly Network", "Manager",
     "Voluntary", "", "Prefers Zoe"],
    # unchanged (its access needs blank in the file must not erase "Large print")
    ["9004", "Dev", "Patel", "dev@example.org", "Patel Pharmacy", "Pharmacist", "Business",
     "", ""],
    # same number as before: file access needs differ from what the desk typed
    ["9005", "Eve", "Walsh", "eve@example.org", "Hope Foodbank", "Volunteer", "Charity",
     "Needs a quiet room", ""],
    # new person
    ["9006", "Femi", "Ade", "femi@example.org", "Eastfield Boxing Club", "Coach", "Charity",
     "", ""],
    # a namesake of Ben Carter with a different email: a different person
    ["", "Ben", "Carter", "ben.carter@example.org", "Carter Joinery", "Joiner", "Business",
     "", ""],
]

# --- Duplicates within one file -----------------------------------------------------------

DUPLICATES = [
    ["Attendee #", "First Name", "Last Name", "Email", "Company"],
    ["1", "Ann", "Lee", "ann@example.org", "Lee Associates"],
    ["1", "Ann", "Lee", "ann@example.org", "Lee Associates"],  # same number: skipped
    ["", "Bob", "Stone", "bob@example.org", "Stone Ltd"],
    ["", "bob", "STONE", "Bob@Example.org", "Stone Ltd"],  # same email and name: skipped
    ["", "Cara", "Doyle", "", "Riverside Council"],
    ["", "Cara", "Doyle", "", "Riverside Council"],  # same name and organisation: skipped
    ["", "Dan", "Ford", "dan@example.org", "Ford Ltd"],
    ["", "Dan", "Ford", "dan.ford@example.org", "Riverside Council"],  # possible: kept
    ["10", "Ed", "Gray", "office@example.org", "Gray Group"],
    ["11", "Flo", "Gray", "office@example.org", "Gray Group"],  # group booking: not a dup
]

# --- A name column nobody recognises, and a column to ignore by hand ----------------------

UNMAPPED_NAME = [
    ["Delegate", "Employer", "Table preference"],
    ["Dr Anna van der Berg", "Northside Community Trust", "Near the door"],
    ["Ben Carter", "Riverside Council", ""],
]

NO_NAME_COLUMN = [
    ["Email", "Company", "Job Title"],
    ["anna@example.org", "Northside Community Trust", "Officer"],
]

# fmt: on


def tiny_png() -> bytes:
    """A valid 1x1 PNG: what a screenshot renamed to .csv starts like."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


TINY_PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n"
    b"%%EOF\n"
)


def save_workbook(workbook: openpyxl.Workbook, path: Path) -> None:
    """Save with fixed zip entry times and document dates, so the bytes never change."""
    saved = io.BytesIO()
    workbook.save(saved)
    source = saved.getvalue()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                    rb"\g<1>" + FIXED_DOC_TIME.encode() + rb"\g<2>",
                    data,
                )
            zout.writestr(
                zipfile.ZipInfo(item.filename, FIXED_ZIP_TIME),
                data,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    write_bytes(path, out.getvalue())


def make_eventbrite_xlsx(path: Path) -> None:
    workbook = openpyxl.Workbook()
    cover = workbook.active
    cover.title = "Summary"  # the first sheet has no attendee header: the reader moves on
    cover.append(["Regional Network Event"])
    cover.append(["Tickets sold", 3])
    sheet = workbook.create_sheet("Attendees")
    sheet.append(EVENTBRITE_XLSX_HEADER)
    for row in EVENTBRITE_XLSX_ROWS:
        sheet.append(row)
    save_workbook(workbook, path)


def make_generic_xlsx(path: Path) -> None:
    """A hand-made workbook: a title row, then the header on row 3, names in one column."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Guest list"
    sheet["A1"] = "Roadshow guest list"
    sheet.append([])
    for row in GENERIC_NAMES[:4]:
        sheet.append(row)
    save_workbook(workbook, path)


def main(out: Path = HERE) -> None:
    """Write every sample into `out` (this folder by default; tests use a temporary one)."""
    texts = {
        "eventbrite_us.csv": (csv_text(EVENTBRITE_US), "utf-8"),
        "eventbrite_uk.csv": (csv_text(EVENTBRITE_UK), "utf-8-sig"),
        "eventbrite_old.csv": (csv_text(EVENTBRITE_OLD_LINES), "cp1252"),
        "generic_names.csv": (csv_text(GENERIC_NAMES), "utf-8"),
        "latin1_semicolon.csv": (csv_text(LATIN1_SEMICOLON, ";"), "latin-1"),
        "team_v1.csv": (csv_text(TEAM_V1), "utf-8"),
        "team_v2.csv": (csv_text(TEAM_V2), "utf-8"),
        "duplicates.csv": (csv_text(DUPLICATES), "utf-8"),
        "unmapped_name.csv": (csv_text(UNMAPPED_NAME), "utf-8"),
        "no_name_column.csv": (csv_text(NO_NAME_COLUMN), "utf-8"),
    }
    for name, (text, encoding) in texts.items():
        write_bytes(out / name, text.encode(encoding))
    make_eventbrite_xlsx(out / "eventbrite_uk.xlsx")
    make_generic_xlsx(out / "generic_names.xlsx")
    # Bad files.
    write_bytes(out / "empty.csv", b"")
    write_bytes(out / "blank_lines_only.csv", b"\xef\xbb\xbf\r\n   \r\n\r\n")
    write_bytes(out / "screenshot.csv", tiny_png())
    write_bytes(out / "report.csv", TINY_PDF)
    write_bytes(out / "old_excel.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    write_bytes(out / "broken.xlsx", b"PK\x03\x04" + b"not really a zip" * 8)
    write_bytes(out / "zip_of_text.xlsx", _zip_without_workbook())


def _zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("readme.txt", FIXED_ZIP_TIME), "not a workbook")
    return out.getvalue()


if __name__ == "__main__":
    main()
