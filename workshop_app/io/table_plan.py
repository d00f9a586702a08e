"""Export the table plan: a spreadsheet (openpyxl) and a printable HTML page.

The plan names people, so both files are written readable only by the user who made
them (0600) in a folder only they can open (0700); an earlier export is never
overwritten: each export gets a new, time-stamped name.
"""

from __future__ import annotations

import html
import io
import os
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from workshop_app.core.models import Attendee, DiscussionTable
from workshop_app.core.seating import SeatingPlan
from workshop_app.core.seating_desk import TableListing, current_plan, listings
from workshop_app.store.event_store import EventStore
from workshop_app.store.fsutil import atomic_write, private_folder

HEADERS = ("Table", "Table name", "Name", "Organisation", "Sector", "Access needs")


def export_table_plan(store: EventStore, folder: Path, when: datetime | None = None) -> list[Path]:
    """Write `<event>-table-plan-<time>.xlsx` and `.html` into `folder`; returns both paths.

    Raises ValueError when there is no seating plan yet.
    """
    plan = current_plan(store.all(SeatingPlan))
    if plan is None or not plan.seat_of:
        raise ValueError("Nobody is seated yet: seat people first (s on the Tables tab).")
    tables = listings(plan, store.all(Attendee), store.all(DiscussionTable))
    private_folder(folder)
    os.chmod(folder, 0o700)  # an existing exports folder may have been made world-readable
    moment = when or datetime.now().astimezone()
    base = _free_base(folder, f"{store.path.stem}-table-plan-{moment:%Y%m%d-%H%M%S}")
    xlsx, page = folder / f"{base}.xlsx", folder / f"{base}.html"
    atomic_write(xlsx, workbook_bytes(tables), mode=0o600)
    atomic_write(page, html_page(store.event.name, tables).encode("utf-8"), mode=0o600)
    return [xlsx, page]


def workbook_bytes(tables: list[TableListing]) -> bytes:
    """One sheet, one row per seated person, tables in number order."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Table plan"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for listing in tables:
        for person in listing.people:
            sheet.append(
                (
                    listing.table.number,
                    listing.table.name,
                    person.display_name,
                    person.organisation,
                    person.sector,
                    person.access_needs,
                )
            )
    for column, width in zip("ABCDEF", (7, 20, 30, 40, 12, 24), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def html_page(event_name: str, tables: list[TableListing]) -> str:
    """A page per few tables for printing: each table's name, mix and people."""
    sections = []
    for listing in tables:
        people = "".join(
            f"<li>{html.escape(p.display_name)}"
            f"<span class=org>{html.escape(p.organisation)}</span></li>"
            for p in listing.people
        )
        sections.append(
            f"<section><h2>{html.escape(listing.table.label)}</h2>"
            f"<p class=mix>{html.escape(listing.mix)}</p><ol>{people}</ol></section>"
        )
    title = html.escape(f"{event_name}: table plan")
    return (
        "<!doctype html><html lang=en><meta charset=utf-8>"
        f"<title>{title}</title><style>{_CSS}</style>"
        f"<h1>{title}</h1>{''.join(sections)}</html>\n"
    )


_CSS = (
    "body{font-family:sans-serif;margin:2em}"
    "section{break-inside:avoid;margin-bottom:1.5em}"
    "h2{margin-bottom:.2em}.mix{color:#555;margin-top:0}"
    ".org{color:#555;margin-left:.6em;font-size:.9em}"
)


def _free_base(folder: Path, base: str) -> str:
    """`base`, or `base-2`, `base-3`... so that no earlier export is overwritten."""
    candidate, counter = base, 2
    while (folder / f"{candidate}.xlsx").exists() or (folder / f"{candidate}.html").exists():
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate
