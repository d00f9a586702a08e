"""Door lists: who is in each room in each round, by surname, with space for walk-ins.

One sheet (XLSX) or one printed page (HTML) per room and round. After every five names
there is a blank row, so the person at the door can write in a walk-in where they
belong alphabetically instead of at the bottom.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from workshop_app.core.allocation import Allocation
from workshop_app.core.models import Attendee, Workshop
from workshop_app.core.surnames import filing_key
from workshop_app.core.workshop_plan import PlanInputs, group_in

NAMES_PER_BLOCK = 5
COLUMNS = ("Surname", "First name", "Organisation", "Note", "Here")
WIDTHS = (24, 18, 34, 16, 6)
TITLE_ROWS = 3  # room, round and range, column headings: repeated on every printed page


@dataclass(frozen=True)
class RoomRound:
    """One room in one round: what its sign and its door list say."""

    workshop: Workshop
    round_index: int
    round_label: str  # "Round 1, 10:30–11:30"
    surnames: str  # the range of the group in the room, "A–J"
    people: tuple[Attendee, ...]  # by surname key
    pinned_ids: frozenset[str]  # people here because they are pinned to the room

    @property
    def heading(self) -> str:
        where = f" – {self.workshop.room}" if self.workshop.room else ""
        return f"{self.workshop.title}{where}"

    @property
    def subheading(self) -> str:
        places = f" for {self.workshop.capacity} places" if self.workshop.capacity else ""
        people = f"{len(self.people)} {'person' if len(self.people) == 1 else 'people'}"
        return f"{self.round_label} · Surnames {self.surnames} · {people}{places}"


def room_rounds(inputs: PlanInputs, allocation: Allocation) -> list[RoomRound]:
    """Every room in every round, round by round, with its people sorted by surname."""
    counted = {a.id: a for a in inputs.attendees}
    by_place: dict[tuple[int, int], list[Attendee]] = {}
    for attendee_id in (*allocation.group_by_attendee, *allocation.pinned_by_attendee):
        person = counted.get(attendee_id)
        if person is None:
            continue
        for t, w in enumerate(allocation.route(attendee_id)):
            by_place.setdefault((t, w), []).append(person)
    particles = allocation.particles_last
    result = []
    for t in range(allocation.rounds):
        for w, workshop in enumerate(allocation.workshops):
            people = sorted(
                by_place.get((t, w), []),
                key=lambda a: (filing_key(a.first_name, a.surname, particles), a.first_name, a.id),
            )
            result.append(
                RoomRound(
                    workshop=workshop,
                    round_index=t,
                    round_label=inputs.round_label(t),
                    surnames=allocation.ranges[group_in(allocation, w, t)].label,
                    people=tuple(people),
                    pinned_ids=frozenset(allocation.pinned_by_attendee),
                )
            )
    return result


def rows_with_gaps(place: RoomRound) -> Iterator[tuple[str, ...] | None]:
    """The list's rows: five people, then None for a blank row, and so on (ends blank)."""
    people = place.people
    for start in range(0, max(len(people), 1), NAMES_PER_BLOCK):
        for person in people[start : start + NAMES_PER_BLOCK]:
            note = "pinned to this room" if person.id in place.pinned_ids else ""
            yield (person.surname, person.first_name, person.organisation, note, "")
        yield None


def render_xlsx(places: list[RoomRound]) -> bytes:
    """The door lists as a workbook: one sheet per room and round, ready to print."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for place in places:
        sheet = book.create_sheet(_sheet_title(place, used))
        _fill_sheet(sheet, place)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill_sheet(sheet: Worksheet, place: RoomRound) -> None:
    thin = Side(style="thin")
    _text(sheet, 1, 1, place.heading).font = Font(size=16, bold=True)
    _text(sheet, 2, 1, place.subheading).font = Font(size=12)
    for column, (label, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True), start=1):
        cell = _text(sheet, 3, column, label)
        cell.font = Font(bold=True)
        cell.border = Border(bottom=thin)
        sheet.column_dimensions[cell.column_letter].width = width
    for row_number, row in enumerate(rows_with_gaps(place), start=TITLE_ROWS + 1):
        for column, value in enumerate(row or ("",) * len(COLUMNS), start=1):
            cell = _text(sheet, row_number, column, value)
            cell.border = Border(bottom=Side(style="hair"))
            cell.alignment = Alignment(vertical="center")
        sheet.row_dimensions[row_number].height = 20
    sheet.print_title_rows = f"1:{TITLE_ROWS}"
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.freeze_panes = f"A{TITLE_ROWS + 1}"


def _text(sheet: Worksheet, row: int, column: int, value: str):  # noqa: ANN202
    """Write `value` as text, never as a formula, whatever it starts with."""
    cell = sheet.cell(row=row, column=column, value=value)
    cell.data_type = "s"
    return cell


def _sheet_title(place: RoomRound, used: set[str]) -> str:
    """ "R1 Workshop A": unique, at most 31 characters, none that Excel forbids."""
    base = re.sub(r"[\[\]:*?/\\']", " ", f"R{place.round_index + 1} {place.workshop.title}")
    base = " ".join(base.split())[:31]
    title, n = base, 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.casefold())
    return title


def render_html(places: list[RoomRound], event_name: str) -> str:
    """The same lists as one printable HTML page per room and round; no outside files."""
    pages = []
    for place in places:
        rows = []
        for row in rows_with_gaps(place):
            cells = row or ("",) * len(COLUMNS)
            rows.append(
                "<tr"
                + ("" if row else ' class="walk-in"')
                + ">"
                + "".join(f"<td>{html.escape(value)}</td>" for value in cells)
                + "</tr>"
            )
        head = "".join(f"<th>{html.escape(label)}</th>" for label in COLUMNS)
        pages.append(
            '<section class="list">'
            f"<h1>{html.escape(place.heading)}</h1>"
            f"<p>{html.escape(place.subheading)}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            "</section>"
        )
    return _LIST_PAGE.format(title=html.escape(f"{event_name}: door lists"), body="\n".join(pages))


_LIST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
@page {{ size: A4 portrait; margin: 15mm; }}
body {{ font-family: Arial, Helvetica, sans-serif; margin: 0; color: #000; }}
.list {{ break-after: page; page-break-after: always; padding: 8mm; }}
.list:last-child {{ break-after: auto; page-break-after: auto; }}
h1 {{ font-size: 22pt; margin: 0 0 2mm; }}
p {{ font-size: 13pt; margin: 0 0 5mm; }}
table {{ width: 100%; border-collapse: collapse; font-size: 12pt; }}
thead {{ display: table-header-group; }}
th {{ text-align: left; border-bottom: 2px solid #000; padding: 2mm; }}
td {{ border-bottom: 1px solid #999; padding: 2mm; height: 6mm; }}
tr.walk-in td {{ border-bottom: 1px dashed #999; }}
td:last-child, th:last-child {{ width: 12mm; }}
</style></head>
<body>
{body}
</body></html>
"""
