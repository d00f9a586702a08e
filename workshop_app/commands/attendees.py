"""`workshop-app import EVENT FILE` and `workshop-app kiosk EVENT`.

Import prints the same preview as the desk's Import dialog; without --dry-run it then
saves everything in one atomic `save_many`, so a bad row or a crash never leaves half a
list (a list longer than the preview holds is read again and saved in batches instead:
see io.attendee_import.save_attendee_import). A file that cannot be read exits non-zero,
names the file, row and problem, and saves nothing.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from workshop_app.commands.output import NOTHING_CHANGED, close_saved, complain, say, writing
from workshop_app.store.catalog import EventCatalog

EXIT_BAD_FILE = 3


def add_commands(commands: Any) -> None:
    """Register the attendee commands on the CLI's sub-parsers."""
    imp = commands.add_parser(
        "import", help="import a CSV or XLSX attendee list into an event (preview first)"
    )
    imp.add_argument("event", help="event name, file name or id")
    imp.add_argument("file", type=Path, help="the attendee list (.csv or .xlsx)")
    imp.add_argument("--dry-run", action="store_true", help="print the preview and save nothing")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read COLUMN as FIELD (e.g. 'Dept=organisation'; repeatable)",
    )
    imp.set_defaults(handler=import_attendees)

    kiosk = commands.add_parser(
        "kiosk", help="run the 'Where do I go?' kiosk for an event (read-only, auto-reloads)"
    )
    kiosk.add_argument("event", help="event name, file name or id")
    kiosk.set_defaults(handler=run_kiosk)


def _overrides(pairs: list[str]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise ValueError(f"--map {pair!r}: write it as COLUMN=FIELD")
        overrides[column.strip()] = target.strip()
    return overrides


def import_attendees(args: argparse.Namespace, catalog: EventCatalog) -> int:
    """Preview the file; save it unless --dry-run. Exit 3 when the file cannot be imported."""
    from workshop_app.core.models import Attendee
    from workshop_app.io.attendee_import import (
        AttendeeImportError,
        format_preview,
        preview_attendee_import,
        save_attendee_import,
    )
    from workshop_app.store.event_store import EventStore

    overrides = _overrides(args.map)
    path = catalog.find(args.event)
    with writing(NOTHING_CHANGED):
        store = EventStore(path, read_only=args.dry_run)
    try:
        try:
            existing = store.all(Attendee)
            preview = preview_attendee_import(
                args.file, existing=existing, mapping_overrides=overrides
            )
        except AttendeeImportError as error:
            complain(f"import: {error}")
            if error.unnamed_columns:
                say(
                    "If one of those columns holds the names, say so with --map, for example "
                    f"--map {shlex.quote(error.unnamed_columns[0] + '=full_name')} "
                    "(or first_name, surname).",
                    file=sys.stderr,
                )
            say("Nothing was saved.", file=sys.stderr)
            return EXIT_BAD_FILE
        text = format_preview(preview)
        if args.dry_run:
            say(text, end="")
            return 0
        say(text.replace("Nothing has been saved.\n", "", 1), end="")
        # One atomic save for a list up to KEEP_ROWS people; a longer one is read again and
        # saved in batches so memory stays bounded (see save_attendee_import).
        outcome = NOTHING_CHANGED
        if not preview.complete:
            outcome = "the people saved before it are kept; import the file again to finish"
        with writing(outcome):
            try:
                summary = save_attendee_import(preview, store.save_many, existing=existing)
            except AttendeeImportError as error:
                complain(f"import: {error}")
                return EXIT_BAD_FILE
    finally:
        close_saved(store, "the people are")
    say(
        f"\nSaved to {path.name}: {summary.new} new, {summary.updated} updated, "
        f"{summary.unchanged} unchanged."
    )
    return 0


def run_kiosk(args: argparse.Namespace, catalog: EventCatalog) -> int:
    """The kiosk on its own, beside the desk (which may have the event open)."""
    from workshop_app.tui.kiosk_app import KioskApp

    app = KioskApp(catalog.find(args.event))
    app.run()
    return app.return_code or 0
