"""Preview an attendee list (CSV or XLSX) before anything is saved.

A facilitator imports the ticketing export, or a colleague's spreadsheet, often several
times before the day. The preview says how the file was read (format, encoding,
delimiter, which column became which field), which rows will be skipped and why
(cancelled, refunded, totals, blank, no name), which people are listed twice and what a
re-import would do to the list (new / update / unchanged). Nothing is saved here: the
caller saves `preview.plan.to_save` once the facilitator agrees. A column read wrongly is
fixed by calling `preview_attendee_import` again with `mapping_overrides`.

Bad files raise `AttendeeImportError` naming the file, the row if any, and the problem.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from nameparser import HumanName
from nameparser.config import Constants

from workshop_app.core.clock import now_iso
from workshop_app.core.matching import (
    FileDuplicateFinder,
    ReimportPlan,
    ReimportPlanner,
    ReimportSummary,
    RowOutcome,
)
from workshop_app.core.models import Attendee, Sector
from workshop_app.io.columns import (
    ATTENDEE_FIELDS,
    ATTENDEE_STATUS,
    BUYER_EMAIL,
    BUYER_FIRST_NAME,
    BUYER_SURNAME,
    EXTRA,
    FULL_NAME,
    IGNORE,
    NAME_HEADERS_EXPECTED,
    Columns,
    MappingOverrideError,
    check_override_targets,
    column_labels,
    is_skipped_status,
    is_totals_row,
    resolve_columns,
    sector_answer,
    yes_from_text,
)
from workshop_app.io.tabular import (
    HeaderNotFoundError,
    Progress,
    TabularFileError,
    describe_delimiter,
    open_table,
)

__all__ = [
    "AttendeeImportError",
    "Duplicate",
    "ImportPreview",
    "ImportRow",
    "SkippedRow",
    "format_preview",
    "large_list_warning",
    "preview_details",
    "unknown_sectors_lines",
    "preview_attendee_import",
    "save_attendee_import",
    "split_full_name",
]


class AttendeeImportError(Exception):
    """A file that cannot be imported. str() reads "guests.csv, row 7: <problem>".

    `unnamed_columns` holds the top row's column labels when no column was recognised
    as a name, so the caller can offer to map one by hand; it is empty otherwise.
    """

    def __init__(
        self,
        problem: str,
        *,
        file_name: str,
        row_number: int | None = None,
        unnamed_columns: tuple[str, ...] = (),
    ) -> None:
        where = f"{file_name}, row {row_number}" if row_number else file_name
        super().__init__(f"{where}: {problem}")
        self.problem = problem
        self.file_name = file_name
        self.row_number = row_number
        self.unnamed_columns = unnamed_columns


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One attendee read from the file, with the row number a spreadsheet would show."""

    row_number: int
    attendee: Attendee


class SkippedRow(NamedTuple):
    row_number: int
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """A row that repeats another row of the file, or resembles someone already listed.

    `skipped` is True for certain duplicates within the file (the later row is dropped);
    otherwise both are kept and the facilitator should have a look.
    """

    row_number: int
    reason: str
    other_row_number: int | None = None
    existing: Attendee | None = None
    skipped: bool = False

    def describe(self) -> str:
        action = "skipped" if self.skipped else "kept both, please check"
        if self.other_row_number is not None:
            return f"row {self.row_number}: {self.reason} as row {self.other_row_number} ({action})"
        name = self.existing.display_name if self.existing else "?"
        return f"row {self.row_number}: {self.reason}: {name} ({action})"


# A list is read as a stream and only this much of it is kept for the preview: the first
# rows with their outcomes, and the first skipped rows, duplicates and changes; the rest
# are counted. A list no longer than KEEP_ROWS is kept whole and saved in one atomic save.
KEEP_ROWS = 2_000
KEEP_ITEMS = 500
# No event is this big: such a list is most likely the wrong file (a whole mailing list).
LARGE_LIST = 20_000
# A list longer than KEEP_ROWS is read again to be saved, this many people per save.
SAVE_BATCH = 5_000


class PreviewIncompleteError(RuntimeError):
    """`to_save` asked of a preview that kept only the first rows of a long list."""


@dataclass(frozen=True)
class ImportPreview:
    """Everything the facilitator needs to decide before saving. Saves nothing.

    `column_mapping` maps every column label to a field name, a row target
    ("full_name", "attendee_status", "buyer_first_name", ...), "extra" or "ignore".
    `unmapped_columns` are those no rule recognised (named ones default to "extra").
    `outcomes[i]` is what happens to `rows_to_import[i]`; `summary` counts the whole file.

    Only the first KEEP_ROWS rows to import, and the first KEEP_ITEMS skipped rows,
    duplicates and changes, are kept (`complete` says whether that was everything); the
    counts cover the whole file. Save with `save_attendee_import`, which reads a long
    list again rather than holding it.
    """

    path: Path
    file_format: str  # "csv" | "xlsx"
    encoding: str | None  # None for XLSX
    delimiter: str | None  # None for XLSX
    sheet_name: str | None  # None for CSV
    header_row: int
    column_mapping: dict[str, str]
    unmapped_columns: tuple[str, ...]
    rows_to_import: tuple[ImportRow, ...]
    outcomes: tuple[RowOutcome, ...]
    summary: ReimportSummary
    skipped: tuple[SkippedRow, ...]
    skipped_count: int
    status_skipped: dict[str, int]  # "Refunded" -> 3: rows skipped for their attendee status
    blank_rows: int
    duplicates: tuple[Duplicate, ...]
    duplicate_count: int
    changed: tuple[tuple[ImportRow, RowOutcome], ...]  # updates and kept-from-list rows
    changed_count: int
    unknown_sectors: dict[str, int]  # sector answers no rule knows -> rows (saved as other)
    provided_fields: frozenset[str]
    file_stamp: tuple[int, int]  # size and modification time when read
    mapping_overrides: dict[str, str] = field(default_factory=dict)

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def complete(self) -> bool:
        """Every row to import is held here (the list is at most KEEP_ROWS long)."""
        return len(self.rows_to_import) == self.people_count

    @property
    def people_count(self) -> int:
        """People in the file, once skipped rows and certain duplicates are left out."""
        summary = self.summary
        return summary.new + summary.updated + summary.unchanged

    @property
    def save_count(self) -> int:
        """How many records a save writes (new people and updated ones)."""
        return self.summary.new + self.summary.updated

    @property
    def is_large(self) -> bool:
        """Longer than any event: worth a warning before it is saved."""
        return self.people_count > LARGE_LIST

    @property
    def plan(self) -> ReimportPlan:
        """The whole plan, for a complete preview; see `to_save`."""
        return ReimportPlan(self.outcomes, self.to_save, self.summary)

    @property
    def to_save(self) -> tuple[Attendee, ...]:
        """What a save writes, for a complete preview (else use `save_attendee_import`)."""
        if not self.complete:
            raise PreviewIncompleteError(
                f"the preview of {self.file_name} holds the first {len(self.rows_to_import):,} "
                f"of {self.people_count:,} people; save it with save_attendee_import"
            )
        return tuple(o.result for o in self.outcomes if o.kind != "unchanged")

    def first_rows(self, count: int = 5) -> tuple[ImportRow, ...]:
        return self.rows_to_import[:count]


# nameparser's own titles lack "Revd"; a private copy so nobody else's parsing changes.
_NAME_CONSTANTS = Constants()
_NAME_CONSTANTS.titles.add("revd", "rev'd", "cllr")


def split_full_name(text: str) -> tuple[str, str, str]:
    """Split a full name: "Dr Anna van der Berg" -> ("Dr", "Anna", "van der Berg").

    Particles stay with the surname (it decides the workshop room: "van der Berg" goes
    with V); middle names join the first name; suffixes such as "OBE" follow the
    surname; "Berg, Anna" is read surname first.
    """
    name = HumanName(text, constants=_NAME_CONSTANTS)
    first = " ".join(p for p in (name.first, name.middle) if p)
    surname = " ".join(p for p in (name.last, name.suffix) if p)
    return name.title, first, surname


class _Skip(NamedTuple):
    reason: str
    status: str = ""


class _RowReader:
    """Turns the cells of one row into an Attendee, or says why the row is skipped."""

    def __init__(self, columns: Columns) -> None:
        self.width = len(columns.labels)
        self.labels = columns.labels
        self.read_columns = tuple(
            (i, t) for i, t in enumerate(columns.targets) if t not in (EXTRA, IGNORE)
        )
        self.access_columns = [i for i, t in enumerate(columns.targets) if t == "access_needs"]
        self.extra = [(i, columns.labels[i]) for i, t in enumerate(columns.targets) if t == EXTRA]
        self.sector_labels = [
            columns.labels[i] for i, t in enumerate(columns.targets) if t == "sector"
        ]
        # Sector answers no rule knows ("Housing co-op"): counted for the preview, and kept
        # in `extra` under their column, so what people said is not lost as "other".
        self.unknown_sectors: Counter[str] = Counter()
        self.imported_at = now_iso()  # one stamp for the whole import (and 2 µs a row saved)

    def _values(self, cells: list[str]) -> dict[str, str]:
        """The first non-blank cell, stripped, of each target: one pass over the row."""
        values: dict[str, str] = {}
        for index, target in self.read_columns:
            if target not in values and (value := cells[index].strip()):
                values[target] = value
        return values

    def _access_needs(self, cells: list[str], first_answer: str) -> str:
        """Several columns (access, dietary) are joined, each prefixed by its header."""
        if len(self.access_columns) < 2:
            return first_answer
        answers = [(self.labels[i], v) for i in self.access_columns if (v := cells[i].strip())]
        if len(answers) < 2:
            return first_answer
        return "; ".join(f"{label}: {answer}" for label, answer in answers)

    def read(self, cells: list[str]) -> Attendee | _Skip | None:
        """None for a blank row; _Skip with a reason; else the attendee."""
        if not any(cells):
            return None
        if not "".join(cells).strip():
            return _Skip("row has only spaces")
        if len(cells) > self.width and "".join(cells[self.width :]).strip():
            return _Skip(
                f"row has {len(cells)} cells but the header has {self.width} columns "
                "(an unquoted comma or semicolon?)"
            )
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        if is_totals_row(cells):
            return _Skip("totals row")
        values = self._values(cells)
        get = values.get

        def words(target: str) -> str:
            return " ".join(get(target, "").split())

        status = get(ATTENDEE_STATUS, "")
        if status and is_skipped_status(status):
            return _Skip(f"attendee status is {status!r}", status=status)
        title, first, surname = words("title"), words("first_name"), words("surname")
        if not (first or surname) and (full := words(FULL_NAME)):
            parsed_title, first, surname = split_full_name(full)
            title = title or parsed_title
        email = get("email", "")
        if not (first or surname):
            first, surname = words(BUYER_FIRST_NAME), words(BUYER_SURNAME)
            if first or surname:
                email = email or get(BUYER_EMAIL, "")
        if not (first or surname):
            return _Skip("no name in this row")
        sector, extra = self._sector(get("sector", "")), self._extra(cells)
        if sector is None:
            sector = Sector.OTHER
            answer = get("sector", "")
            extra.setdefault(self.sector_labels[0], answer)
            if answer in self.unknown_sectors or len(self.unknown_sectors) < KEEP_ITEMS:
                self.unknown_sectors[answer] += 1
        return Attendee(
            created=self.imported_at,
            updated=self.imported_at,
            title=title,
            first_name=first,
            surname=surname,
            organisation=words("organisation"),
            role=words("role"),
            sector=sector.value,
            email=email,
            phone=get("phone", ""),
            access_needs=self._access_needs(cells, get("access_needs", "")),
            notes=get("notes", ""),
            consent_share_contact=yes_from_text(get("consent_share_contact", "")),
            consent_photos=yes_from_text(get("consent_photos", "")),
            attendee_number=get("attendee_number", ""),
            order_number=get("order_number", ""),
            ticket_type=get("ticket_type", ""),
            extra=extra,
        )

    def _sector(self, answer: str) -> Sector | None:
        """The sector answered; OTHER for no answer; None for an answer no rule knows."""
        return sector_answer(answer) if answer else Sector.OTHER

    def _extra(self, cells: list[str]) -> dict[str, str]:
        return {label: value for i, label in self.extra if (value := cells[i].strip())}


def _provided_fields(columns: Columns) -> frozenset[str]:
    """The Attendee fields this file can speak about (so a re-import leaves the others)."""
    targets = set(columns.targets)
    fields = {t for t in targets if t in ATTENDEE_FIELDS}
    if FULL_NAME in targets:
        fields |= {"title", "first_name", "surname"}
    if targets & {BUYER_FIRST_NAME, BUYER_SURNAME}:
        fields |= {"first_name", "surname"}
    if BUYER_EMAIL in targets:
        fields.add("email")
    if EXTRA in targets:
        fields.add("extra")
    return frozenset(fields)


def _header_test(overrides: Mapping[str, str]) -> Callable[[Sequence[str]], bool]:
    """A header is the first row with a name column, once the user's overrides apply."""

    def is_header(cells: Sequence[str]) -> bool:
        labels = set(column_labels(cells))
        applicable = {k: v for k, v in overrides.items() if k in labels}
        try:
            return resolve_columns(cells, applicable).has_name
        except MappingOverrideError:
            return False

    return is_header


def preview_attendee_import(
    path: str | Path,
    *,
    existing: Sequence[Attendee] = (),
    mapping_overrides: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportPreview:
    """Read `path` (CSV or XLSX) and say what importing it into `existing` would do.

    `mapping_overrides` maps a column label (as in `column_mapping`) to a field name,
    "extra" or "ignore". `progress(done, total)` is called while reading (bytes for CSV,
    rows for XLSX), so a worker thread can drive a progress bar. Saves nothing.
    """
    path = Path(path)
    overrides = dict(mapping_overrides or {})
    try:
        check_override_targets(overrides)
        return _preview(path, existing, overrides, progress)
    except HeaderNotFoundError as error:
        labels = column_labels(error.likely_header)
        found = ", ".join(labels)
        if len(found) > 300:
            found = found[:300] + "..."
        raise AttendeeImportError(
            f"no column for names: expected one of {NAME_HEADERS_EXPECTED}; found: {found}",
            file_name=path.name,
            unnamed_columns=labels,
        ) from error
    except TabularFileError as error:
        raise AttendeeImportError(
            error.problem, file_name=path.name, row_number=error.row_number
        ) from error
    except MappingOverrideError as error:
        raise AttendeeImportError(str(error), file_name=path.name) from error
    except OSError as error:
        raise AttendeeImportError(
            f"cannot read the file: {error.strerror or error}", file_name=path.name
        ) from error


class _Scan:
    """One pass over the rows: skips, duplicates and plan as each row streams past.

    Keeps what the preview shows (bounded) and counts the rest; `on_outcome`, if given,
    is handed every row's outcome (the save pass uses it)."""

    def __init__(
        self,
        columns: Columns,
        existing: Sequence[Attendee],
        *,
        keep_rows: int,
        on_outcome: Callable[[RowOutcome], None] | None = None,
    ) -> None:
        self.reader = _RowReader(columns)
        self.provided = _provided_fields(columns)
        self.finder = FileDuplicateFinder()
        self.planner = ReimportPlanner(existing, provided_fields=self.provided)
        self.keep_rows = keep_rows
        self.on_outcome = on_outcome
        self.row_numbers = array("Q")  # file row of each row read so far, for twins
        self.rows: list[ImportRow] = []
        self.outcomes: list[RowOutcome] = []
        self.counts: Counter[str] = Counter()
        self.skipped: list[SkippedRow] = []
        self.statuses: Counter[str] = Counter()
        self.duplicates: list[Duplicate] = []
        self.changed: list[tuple[ImportRow, RowOutcome]] = []

    def _skip(self, number: int, reason: str) -> None:
        self.counts["skipped"] += 1
        if len(self.skipped) < KEEP_ITEMS:
            self.skipped.append(SkippedRow(number, reason))

    def _duplicate(self, duplicate: Duplicate) -> None:
        self.counts["duplicates"] += 1
        if len(self.duplicates) < KEEP_ITEMS:
            self.duplicates.append(duplicate)

    def add(self, number: int, cells: list[str]) -> None:
        read = self.reader.read(cells)
        if read is None:
            self.counts["blank"] += 1
            return
        if isinstance(read, _Skip):
            self._skip(number, read.reason)
            if read.status:
                self.statuses[read.status] += 1
            return
        self.row_numbers.append(number)
        twin = self.finder.add(read)
        if twin is not None:
            first = self.row_numbers[twin.first_index]
            self._duplicate(Duplicate(number, twin.reason, first, skipped=twin.certain))
            if twin.certain:
                self._skip(number, f"duplicate of row {first} ({twin.reason})")
                return
        outcome = self.planner.plan(read)
        self.counts[outcome.kind] += 1
        if outcome.kind == "new" and outcome.similar_existing is not None:
            self._duplicate(
                Duplicate(
                    number,
                    "same name as a listed attendee, but not the same person by number or email",
                    existing=outcome.similar_existing,
                )
            )
        if len(self.rows) < self.keep_rows:
            self.rows.append(ImportRow(number, read))
            self.outcomes.append(outcome)
        if outcome.kind == "update" or outcome.kept_from_list:
            self.counts["changed"] += 1
            if len(self.changed) < KEEP_ITEMS:
                self.changed.append((ImportRow(number, read), outcome))
        if self.on_outcome is not None:
            self.on_outcome(outcome)

    @property
    def summary(self) -> ReimportSummary:
        return ReimportSummary(self.counts["new"], self.counts["update"], self.counts["unchanged"])


def _file_stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _preview(
    path: Path,
    existing: Sequence[Attendee],
    overrides: dict[str, str],
    progress: Progress | None,
) -> ImportPreview:
    stamp = _file_stamp(path)
    with open_table(path, is_header=_header_test(overrides), progress=progress) as table:
        columns = resolve_columns(table.header, overrides)
        scan = _Scan(columns, existing, keep_rows=KEEP_ROWS)
        for number, cells in table.rows:
            scan.add(number, cells)
    return ImportPreview(
        path=path,
        file_format=table.file_format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        sheet_name=table.sheet_name,
        header_row=table.header_row,
        column_mapping=columns.mapping,
        unmapped_columns=columns.unmapped,
        rows_to_import=tuple(scan.rows),
        outcomes=tuple(scan.outcomes),
        summary=scan.summary,
        skipped=tuple(scan.skipped),
        skipped_count=scan.counts["skipped"],
        status_skipped=dict(scan.statuses),
        blank_rows=scan.counts["blank"],
        duplicates=tuple(scan.duplicates),
        duplicate_count=scan.counts["duplicates"],
        changed=tuple(scan.changed),
        changed_count=scan.counts["changed"],
        unknown_sectors=dict(scan.reader.unknown_sectors.most_common()),
        provided_fields=scan.provided,
        file_stamp=stamp,
        mapping_overrides=overrides,
    )


def save_attendee_import(
    preview: ImportPreview,
    save_many: Callable[[Sequence[Attendee]], None],
    *,
    existing: Sequence[Attendee],
    progress: Progress | None = None,
) -> ReimportSummary:
    """Save what `preview` showed, through `save_many` (the store's), and return the counts.

    A complete preview is saved in one call, so a crash saves all of it or none. A longer
    list is read again and saved SAVE_BATCH people per call, so memory stays bounded; a
    crash part-way keeps the batches saved, and importing the file again finishes the job
    without duplicating anyone (the re-import rules). `existing` must be the list the
    preview was made against. Raises AttendeeImportError if the file changed since.
    """
    if preview.complete:
        save_many(preview.to_save)
        return preview.summary
    try:
        return _save_in_batches(preview, save_many, existing, progress)
    except TabularFileError as error:
        raise AttendeeImportError(
            error.problem, file_name=preview.file_name, row_number=error.row_number
        ) from error
    except OSError as error:
        raise AttendeeImportError(
            f"cannot read the file: {error.strerror or error}", file_name=preview.file_name
        ) from error


def _save_in_batches(
    preview: ImportPreview,
    save_many: Callable[[Sequence[Attendee]], None],
    existing: Sequence[Attendee],
    progress: Progress | None,
) -> ReimportSummary:
    changed = AttendeeImportError(
        "the file changed since the preview; nothing was saved, preview it again",
        file_name=preview.file_name,
    )
    if _file_stamp(preview.path) != preview.file_stamp:
        raise changed
    batch: list[Attendee] = []

    def collect(outcome: RowOutcome) -> None:
        if outcome.kind != "unchanged":
            batch.append(outcome.result)
        if len(batch) >= SAVE_BATCH:
            save_many(batch)
            batch.clear()

    overrides = preview.mapping_overrides
    with open_table(preview.path, is_header=_header_test(overrides), progress=progress) as table:
        columns = resolve_columns(table.header, overrides)
        if columns.mapping != preview.column_mapping:
            raise changed
        scan = _Scan(columns, existing, keep_rows=0, on_outcome=collect)
        for number, cells in table.rows:
            scan.add(number, cells)
    if batch:
        save_many(batch)
    return scan.summary


# --- plain-text preview for the CLI --dry-run ------------------------------------------

_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
    "utf-16": "UTF-16",
}


def _limited(lines: list[str], limit: int, total: int) -> list[str]:
    """The first `limit` of `lines`, then how many of `total` are not shown."""
    shown = lines[:limit]
    if total > len(shown):
        shown.append(f"  ... and {total - len(shown):,} more")
    return shown


def _row_line(row: ImportRow, outcome: RowOutcome) -> str:
    person = row.attendee
    parts = [person.display_name]
    if person.email:
        parts.append(f"<{person.email}>")
    if person.organisation:
        parts.append(f"- {person.organisation}")
    parts.append(f"[{person.sector}]")
    return f"  row {row.row_number}: {' '.join(parts)} ({outcome.kind})"


def _change_line(row: ImportRow, outcome: RowOutcome) -> str:
    changes = (
        ", ".join(f"{name} {old!r} -> {new!r}" for name, (old, new) in outcome.changes.items())
        or "no change"
    )
    line = f"  row {row.row_number}: {outcome.result.display_name} (matched on "
    line += f"{outcome.matched_on}): {changes}"
    if outcome.kept_from_list:
        line += f"; kept as listed: {', '.join(outcome.kept_from_list)}"
    return line


def unknown_sectors_lines(preview: ImportPreview, max_items: int = 20) -> list[str]:
    """Sector answers no rule recognised: saved as "other", the answer kept as written."""
    if not preview.unknown_sectors:
        return []
    rows = sum(preview.unknown_sectors.values())
    answers = [f"  {answer!r}: {n:,}" for answer, n in preview.unknown_sectors.items()]
    column = next(
        (label for label, target in preview.column_mapping.items() if target == "sector"), ""
    )
    return [
        f"Sector not recognised for {rows:,} {'person' if rows == 1 else 'people'}: "
        "saved as 'other', each answer kept "
        f"under {column!r} (set their sector at the desk):",
        *_limited(answers, max_items, len(answers)),
    ]


def large_list_warning(preview: ImportPreview) -> str:
    """A line for a list longer than any event (most likely the wrong file); else ""."""
    if not preview.is_large:
        return ""
    return f"Warning: {preview.people_count:,} people, more than any event: is this the right file?"


def preview_details(preview: ImportPreview, max_items: int = 20) -> list[str]:
    """Changes to listed people, skipped rows and duplicates, each under a heading."""
    lines: list[str] = []
    if preview.changed:
        updates = [_change_line(r, o) for r, o in preview.changed]
        lines += ["", "Changes to listed attendees:"]
        lines += _limited(updates, max_items, preview.changed_count)
    if preview.skipped:
        skipped = [f"  row {s.row_number}: {s.reason}" for s in preview.skipped]
        lines += ["", "Skipped rows:", *_limited(skipped, max_items, preview.skipped_count)]
    if preview.duplicates:
        duplicates = [f"  {d.describe()}" for d in preview.duplicates]
        lines += ["", "Duplicates:"]
        lines += _limited(duplicates, max_items, preview.duplicate_count)
    return lines


def format_preview(preview: ImportPreview, *, max_rows: int = 5, max_items: int = 20) -> str:
    """The preview as plain text, for `workshop-app import --dry-run` and for logs."""
    if preview.file_format == "csv":
        how = (
            f"CSV, {_ENCODING_NAMES.get(preview.encoding or '', preview.encoding)}, "
            f"{describe_delimiter(preview.delimiter)}-separated"
        )
    else:
        how = f"XLSX, sheet {preview.sheet_name!r}"
    summary = preview.summary
    lines = [
        f"Import preview of {preview.file_name} ({how}); header on row {preview.header_row}.",
        "Nothing has been saved.",
    ]
    if warning := large_list_warning(preview):
        lines.append(warning)
    lines += ["", "Columns:"]
    used = {label: t for label, t in preview.column_mapping.items() if t != IGNORE}
    width = max((len(label) for label in used), default=0)
    for label, target in used.items():
        unmapped = label in preview.unmapped_columns
        note = "  (not recognised; map it by hand if needed)" if unmapped else ""
        lines.append(f"  {label.ljust(width)} -> {target}{note}")
    ignored = [label for label, t in preview.column_mapping.items() if t == IGNORE]
    if ignored:
        shown = ", ".join(ignored[:max_items])
        more = f" and {len(ignored) - max_items} more" if len(ignored) > max_items else ""
        lines.append(f"  Ignored: {shown}{more}")
    lines += [
        "",
        f"{preview.people_count:,} to import: {summary.new:,} new, {summary.updated:,} "
        f"updated, {summary.unchanged:,} unchanged. {preview.skipped_count:,} skipped. "
        f"Blank rows ignored: {preview.blank_rows:,}.",
    ]
    if preview.status_skipped:
        counts = ", ".join(f"{s} {n:,}" for s, n in sorted(preview.status_skipped.items()))
        lines.append(f"Not coming (skipped): {counts}.")
    lines += unknown_sectors_lines(preview, max_items)
    pairs = list(zip(preview.rows_to_import, preview.outcomes, strict=True))
    if pairs:
        lines += ["", f"First {min(max_rows, len(pairs))} rows:"]
        lines += [_row_line(row, outcome) for row, outcome in pairs[:max_rows]]
    lines += preview_details(preview, max_items)
    return "\n".join(lines) + "\n"
