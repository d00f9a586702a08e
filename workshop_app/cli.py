"""Command line: open the TUI, or run a headless command so the app can be scripted."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from workshop_app import __version__
from workshop_app.commands.output import CommandFailed, complain, say, why_write_failed, writing
from workshop_app.store.catalog import EventCatalog, default_folder
from workshop_app.store.errors import StoreError

# What a process killed by SIGPIPE reports (128 + 13), so `set -o pipefail` sees it.
EXIT_READER_GONE = 141
EXIT_INTERRUPTED = 130

# Each feature adds its headless commands in a module of its own with
# `add_commands(subparsers)`; every sub-parser sets `handler=fn(args, catalog) -> int`.
# Handlers import what they need when they run, so `workshop-app open` stays quick.
FEATURE_COMMAND_MODULES: tuple[str, ...] = (
    "workshop_app.commands.workshops",
    "workshop_app.commands.attendees",
    "workshop_app.commands.keys",
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
    parser.add_argument(
        "--keymap",
        type=Path,
        default=None,
        metavar="FILE",
        help="keys moved to suit you (default: ~/.config/workshop-app/keymap.toml); "
        "`workshop-app keys` lists the ids and checks the file",
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
    """Run one command; every failure is one line on stderr and an exit code, never a traceback."""
    args = build_parser().parse_args(argv)
    catalog = EventCatalog(args.data_dir or default_folder())
    try:
        code = _run(args, catalog)
        sys.stdout.flush()  # a pipe closed early shows here, while it can still be handled
        return code
    except BrokenPipeError:  # `workshop-app find demo abbott | head -3`: stop quietly
        return _reader_went_away()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except CommandFailed as failure:
        complain(str(failure))
        return failure.exit_code
    except StoreError as error:
        complain(str(error))
        return 1
    except OSError as error:  # the last resort: the command did not say what it had changed
        complain(f"{why_write_failed(error)}: the command stopped before it finished")
        return 1
    except ValueError as error:
        complain(str(error))
        return 2


def _reader_went_away() -> int:
    """The reader of our output closed it: send the rest to devnull, so the interpreter's
    own flush at exit cannot print a second traceback, and exit as SIGPIPE would."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test's capture)
        pass
    return EXIT_READER_GONE


def _run(args: argparse.Namespace, catalog: EventCatalog) -> int:
    handler = getattr(args, "handler", None)
    if handler is not None:
        return int(handler(args, catalog))
    match args.command:
        case "new":
            with (
                writing("the event was not created"),
                catalog.create(args.name, args.date, args.venue) as store,
            ):
                event_id = store.event.id
            print(event_id)  # only once the new event is on disk
            return 0
        case "list":
            return _print_events(catalog)
        case "demo":
            with writing("the demo event was not created"):
                demo = catalog.demo()
            return _run_app(catalog, demo, keymap=args.keymap)
        case "open":
            path = catalog.find(args.event)
            return _run_app(catalog, path, read_only=args.read_only, keymap=args.keymap)
        case "bench":
            from workshop_app.bench.runner import run_bench

            return run_bench(quick=args.quick, only=args.only)
        case _:
            return _run_app(catalog, None, keymap=args.keymap)


def _print_events(catalog: EventCatalog) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from workshop_app.core.plain_text import printable

    summaries = catalog.summaries()
    if not summaries:
        say(f"No events in {catalog.folder}. Create one with `workshop-app new NAME`.")
        return 0

    def plain(text: str) -> Text:  # names are the user's text, never markup
        return Text(printable(text))

    table = Table("Event", "Date", "Venue", "Attendees", "Last change", "Id", box=None)
    for s in summaries:
        name = plain(s.name)
        if s.problem:
            name.append(f" (unreadable: {printable(s.problem)})", style="red")
        table.add_row(
            name,
            plain(s.date),
            plain(s.venue),
            str(s.attendees),
            s.last_change.astimezone().strftime("%Y-%m-%d %H:%M"),
            plain(s.event_id[:8]),
        )
    console = Console()
    with console.capture() as captured:  # Rich would exit(1) on a closed pipe by itself
        console.print(table)
    sys.stdout.write(captured.get())
    return 0


def _run_app(
    catalog: EventCatalog,
    event_path: Path | None,
    read_only: bool = False,
    keymap: Path | None = None,
) -> int:
    """Run the TUI; `keymap` is the user's keymap file (None: the usual place)."""
    from workshop_app.io.keymap import default_keymap_path
    from workshop_app.tui.app import WorkshopApp

    keymap_path = keymap or default_keymap_path()
    WorkshopApp(catalog, event_path=event_path, read_only=read_only, keymap_path=keymap_path).run()
    return 0
