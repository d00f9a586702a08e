"""Read a CSV or XLSX file as numbered rows of text cells, streaming, whatever it came as.

People import what their ticketing system or their colleague gave them: UTF-8 with or
without a BOM, Windows-1252 from Excel on Windows, Latin-1, semicolon-separated CSV from
a European Excel, a title above the header, blank lines, an .xlsx renamed .csv. The
format is decided by the file's first bytes, not its name, and files that are not tables
(a PNG, a PDF, an old .xls) are refused with a plain explanation.

Rows stream: a CSV is read through a text wrapper over the open file and an XLSX through
openpyxl's read-only mode, so a 50 MB list never needs to be held as one string, and a
`progress(done, total)` callback is called as rows are read (bytes for CSV, rows for
XLSX; total is 0 when a workbook does not say how many rows it has).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

Progress = Callable[[int, int], None]

HEADER_SEARCH_ROWS = 20  # non-blank rows above the header (a title, a date) are passed over
SAMPLE_BYTES = 64 * 1024  # enough lines to choose a delimiter and spot a binary file
PROGRESS_EVERY_ROWS = 2000
DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"  # OLE2: .xls, or an .xlsx saved with a password
_ZIP = b"PK\x03\x04"  # .xlsx is a zip
_MARKUP = (b"<!doctype html", b"<html", b"<table", b"<?xml")


class TabularFileError(Exception):
    """The file cannot be read as a table; `problem` says why in the user's terms."""

    def __init__(self, problem: str, row_number: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.row_number = row_number


class HeaderNotFoundError(TabularFileError):
    """No row near the top looks like a header.

    `likely_header` is the row near the top with the most filled cells (the first such):
    the header, most likely, under a title line or two.
    """

    def __init__(self, likely_header: Sequence[str]) -> None:
        super().__init__("no header row found")
        self.likely_header = tuple(likely_header)


@dataclass(frozen=True)
class Table:
    """An open table: how it was read, its header, and the rows below it.

    `rows` yields (row_number, cells) with the row numbers a spreadsheet would show,
    blank rows included (as empty or all-blank cell lists), and can be read once.
    """

    file_format: str  # "csv" | "xlsx"
    encoding: str | None  # "utf-8", "utf-8-sig" (UTF-8 with BOM), "cp1252", "latin-1", "utf-16"
    delimiter: str | None
    sheet_name: str | None
    header_row: int
    header: tuple[str, ...]
    rows: Iterator[tuple[int, list[str]]]


def describe_delimiter(delimiter: str | None) -> str:
    return _DELIMITER_NAMES.get(delimiter or "", repr(delimiter))


@contextmanager
def open_table(
    path: Path,
    *,
    is_header: Callable[[Sequence[str]], bool],
    progress: Progress | None = None,
) -> Iterator[Table]:
    """Open `path`, find the header row (the first row `is_header` accepts) and stream rows.

    Raises TabularFileError for an empty, binary or unreadable file and
    HeaderNotFoundError when no header is found near the top.
    """
    size = path.stat().st_size
    if size == 0:
        raise TabularFileError("the file is empty")
    with path.open("rb") as probe:
        head = probe.read(SAMPLE_BYTES)
    _refuse_non_tables(head)
    if head.startswith(_ZIP):
        with _open_xlsx(path, is_header, progress) as table:
            yield table
    else:
        with _open_csv(path, head, size, is_header, progress) as table:
            yield table


def _refuse_non_tables(head: bytes) -> None:
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            raise TabularFileError(f"this is {kind}, not an attendee list (CSV or XLSX)")
    if head.startswith(_OLD_EXCEL):
        raise TabularFileError(
            "this is an old-style Excel .xls (or a password-protected) workbook; "
            "open it in Excel and save it as .xlsx or CSV"
        )
    if head.lstrip().lower().startswith(_MARKUP):
        raise TabularFileError(
            "this is a web page or XML file saved with a spreadsheet name; "
            "open it in Excel and save it as .xlsx or CSV"
        )


def _split_header(
    rows: Iterator[tuple[int, list[str]]], is_header: Callable[[Sequence[str]], bool]
) -> tuple[int, tuple[str, ...]]:
    """Consume rows up to and including the header; return its row number and cells."""
    widest: list[str] | None = None
    widest_filled = 0
    looked_at = 0
    for number, cells in rows:
        filled = sum(1 for c in cells if c.strip())
        if not filled:
            continue
        if filled > widest_filled:
            widest, widest_filled = cells, filled
        if is_header(cells):
            return number, tuple(cells)
        looked_at += 1
        if looked_at >= HEADER_SEARCH_ROWS:
            break
    if widest is None:
        raise TabularFileError("the file is empty (it has no rows with anything in them)")
    raise HeaderNotFoundError(widest)


# --- CSV -------------------------------------------------------------------------------


def detect_encoding(path: Path, head: bytes) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes strictly, else Windows-1252,
    else Latin-1 (which decodes anything). UTF-16 only when it says so with a BOM."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _decodes_strictly(path, "utf-8"):
        return "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    if _decodes_strictly(path, "cp1252"):
        return "cp1252"
    return "latin-1"


def _decodes_strictly(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _sample_text(head: bytes, encoding: str) -> str:
    text = codecs.getincrementaldecoder(encoding)("replace").decode(head)
    return text.removeprefix("\ufeff")


def _looks_binary(sample: str) -> bool:
    """NUL bytes or many control characters: not a text table, whatever the name says."""
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n\f\v")
    return controls > max(2, len(sample) // 200)


def choose_delimiter(sample: str, *, truncated: bool) -> str:
    """The delimiter that splits the first lines into the most rows of one same width.

    Counting rows of a consistent width (rather than delimiter characters) copes with
    "Smith, John" inside a semicolon file and with quoted commas. Ties go to the comma.
    """
    if truncated and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # drop a half line cut by the sample
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r]
        except csv.Error:
            continue
        if not widths:
            continue
        common = max(set(widths), key=lambda w: (widths.count(w), w))
        score = (widths.count(common), common) if common > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


@contextmanager
def _open_csv(
    path: Path,
    head: bytes,
    size: int,
    is_header: Callable[[Sequence[str]], bool],
    progress: Progress | None,
) -> Iterator[Table]:
    encoding = detect_encoding(path, head)
    sample = _sample_text(head, encoding)
    if _looks_binary(sample):
        raise TabularFileError("this is a binary file, not an attendee list (CSV or XLSX)")
    delimiter = choose_delimiter(sample, truncated=size > len(head))
    with path.open("rb") as binary:
        text = io.TextIOWrapper(binary, encoding=encoding, newline="")
        rows = _csv_rows(text, binary, size, delimiter, progress)
        header_row, header = _split_header(rows, is_header)
        yield Table("csv", encoding, delimiter, None, header_row, header, rows)


def _csv_rows(
    text: io.TextIOWrapper,
    binary: io.BufferedReader,
    size: int,
    delimiter: str,
    progress: Progress | None,
) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(text, delimiter=delimiter)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise TabularFileError(f"the CSV is malformed here: {error}", number + 1) from error
        number += 1
        if "\x00" in "".join(cells):  # Python's csv lets NULs through; text tables have none
            raise TabularFileError(
                "the row contains a NUL byte: the file is damaged or binary", number
            )
        if progress is not None and number % PROGRESS_EVERY_ROWS == 0:
            progress(min(binary.tell(), size), size)
        yield number, cells
    if progress is not None:
        progress(size, size)


# --- XLSX ------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as the text Excel shows: 12345.0 -> "12345", a date -> "2024-05-01"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


@contextmanager
def _open_xlsx(
    path: Path, is_header: Callable[[Sequence[str]], bool], progress: Progress | None
) -> Iterator[Table]:
    # A file object, not the path: openpyxl refuses names not ending .xlsx, and people
    # rename files. Read-only workbooks read lazily, so it stays open until the end.
    source = path.open("rb")
    try:
        with warnings.catch_warnings():  # openpyxl warns about styles on stderr; not ours
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        source.close()
        raise TabularFileError(f"this is not a readable Excel workbook (.xlsx): {error}") from error
    try:
        sheets = [workbook.active, *(ws for ws in workbook.worksheets if ws is not workbook.active)]
        first_problem: TabularFileError | None = None
        for sheet in sheets:
            if sheet is None or not hasattr(sheet, "iter_rows"):
                continue
            rows = _xlsx_rows(sheet, progress)
            try:
                header_row, header = _split_header(rows, is_header)
            except TabularFileError as problem:
                first_problem = first_problem or problem
                continue
            yield Table("xlsx", None, None, sheet.title, header_row, header, rows)
            return
        raise first_problem or TabularFileError("the workbook has no sheets")
    finally:
        workbook.close()
        source.close()


def _xlsx_rows(sheet: Any, progress: Progress | None) -> Iterator[tuple[int, list[str]]]:
    total = sheet.max_row or 0
    done = 0
    for done, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if progress is not None and done % PROGRESS_EVERY_ROWS == 0:
            progress(done, total)
        yield done, [cell_text(v) for v in values]  # openpyxl fills rows from row 1
    if progress is not None:
        progress(done, max(total, done))
