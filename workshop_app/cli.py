"""Command line: open the TUI, or run a headless command so the app can be scripted."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from workshop_app import __version__
from workshop_app.store.catalog import EventCatalog, default_folder
from workshop_app.store.errors import StoreError

# Each feature adds its headless commands in a module of its own with
# `add_commands(subparsers)`; every sub-parser sets `handler=fn(args, catalog) -> int`.
# Handlers import what they need when they run, so `workshop-app open` stays quick.
FEATURE_COMMAND_MODULES: tuple[str, ...] = (
    "workshop_app.commands.workshops",
    "workshop_app.commands.attendees",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workshop-app",
        description="Run community network events and roadshows from one laptop, offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder of event databases (default: ./sessions)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    open_cmd = commands.add_parser("open", help="open an event in the app")
    open_cmd.add_argument("event", help="event name, file name or id")
    open_cmd.add_argument("--read-only", action="store_true", help="look without saving")

    new = commands.add_parser("new", help="create an event and print its id")
    new.add_argument("name")
    new.add_argument("--date", default="", help="YYYY-MM-DD")
    new.add_argument("--venue", default="")

    commands.add_parser("list", help="list the events")
    commands.add_parser("demo", help="open the demo event (created on first use)")

    bench = commands.add_parser("bench", help="measure save latency and start-up time")
    bench.add_argument("--quick", action="store_true", help="fewer repetitions, for a smoke run")
    bench.add_argument(
        "--only", action="append", metavar="SECTION", help="run only this section (repeatable)"
    )
    for module in FEATURE_COMMAND_MODULES:
        importlib.import_module(module).add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    catalog = EventCatalog(args.data_dir or default_folder())
    try:
        return _run(args, catalog)
    except StoreError as error:
        print(f"workshop-app: {error}", file=sys.stderr)
        return 1
    except ValueError as error:
        print(f"workshop-app: {error}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, catalog: EventCatalog) -> int:
    handler = getattr(args, "handler", None)
    if handler is not None:
        return int(handler(args, catalog))
    match args.command:
        case "new":
            with catalog.create(args.name, args.date, args.venue) as store:
                print(store.event.id)
            return 0
        case "list":
            return _print_events(catalog)
        case "demo":
            return _run_app(catalog, catalog.demo())
        case "open":
            return _run_app(catalog, catalog.find(args.event), read_only=args.read_only)
        case "bench":
            from workshop_app.bench.runner import run_bench

            return run_bench(quick=args.quick, only=args.only)
        case _:
            return _run_app(catalog, None)


def _print_events(catalog: EventCatalog) -> int:
    from rich.console import Console
    from rich.table import Table

    summaries = catalog.summaries()
    if not summaries:
        print(f"No events in {catalog.folder}. Create one with `workshop-app new NAME`.")
        return 0
    table = Table("Event", "Date", "Venue", "Attendees", "Last change", "Id", box=None)
    for s in summaries:
        table.add_row(
            s.name + (f" [red](unreadable: {s.problem})[/]" if s.problem else ""),
            s.date,
            s.venue,
            str(s.attendees),
            s.last_change.astimezone().strftime("%Y-%m-%d %H:%M"),
            s.event_id[:8],
        )
    Console().print(table)
    return 0


def _run_app(catalog: EventCatalog, event_path: Path | None, read_only: bool = False) -> int:
    from workshop_app.tui.app import WorkshopApp

    WorkshopApp(catalog, event_path=event_path, read_only=read_only).run()
    return 0
