"""Child process of the start-up bench: show one app headless, report its first frame.

    python -m workshop_app.bench.first_frame bare
    python -m workshop_app.bench.first_frame app --data-dir SESSIONS --event FILE

As soon as the target screen (the app's EventScreen, or the bare app's only screen) has
been rendered into a frame, this prints one line

    BENCH-FIRST-FRAME rows=<DataTable rows on screen> t_main=<perf_counter> t_imported=...
        t_frame=... cpu=<CPU seconds this process has used, all threads>

and exits; with --until-filled it waits on for the first frame in which a table on the
screen shows rows (the attendee list is read after the first frame) and reports

    BENCH-FILLED rows=<rows> t_frame=<perf_counter>

`perf_counter` is the system's monotonic clock, shared with the parent, so the
parent can split its own wall time into interpreter start, imports and app start.
Headless Textual skips turning frames into terminal output; this does it (and throws it
away), so the cost a user's terminal pays is counted. Nothing in production code changes:
the app class is subclassed here.
"""

from __future__ import annotations

import time

T_MAIN = time.perf_counter()  # before any import of this module's dependencies

import argparse  # noqa: E402
import importlib  # noqa: E402
import inspect  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

MARKER = "BENCH-FIRST-FRAME"
FILLED_MARKER = "BENCH-FILLED"
ERROR_MARKER = "BENCH-ERROR"
DEFAULT_APP = "workshop_app.tui.app:WorkshopApp"
DEFAULT_SCREEN = "workshop_app.tui.screens.event:EventScreen"
DEFAULT_SIZE = (160, 48)
GIVE_UP_S = 60.0


# By CSS type name, so the bare app's process never imports the app's widgets.
ATTENDEE_LIST = "AttendeeList"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    size = (args.width, args.height)
    if args.variant == "bare":
        from workshop_app.bench.bare_app import BareApp

        app_class: type = BareApp
        screen_class: type | None = None  # the app's default screen
        make_app: Any = lambda cls: cls()  # noqa: E731
    else:
        from workshop_app.store.catalog import EventCatalog

        app_class = _load(args.app)
        screen_class = _load(args.screen)
        catalog_folder = Path(args.data_dir)
        event = Path(args.event)

        def make_app(cls: type) -> Any:
            return cls(EventCatalog(catalog_folder), event_path=event, read_only=False)

    t_imported = time.perf_counter()
    app = make_app(_probe(app_class, screen_class, t_imported, args.until_filled))
    _watchdog()
    app.run(headless=True, size=size)
    if not getattr(app, "_bench_reported", False):
        _say(f"{ERROR_MARKER} the app exited before it was seen ({screen_class or 'its screen'})")
        return 2
    return 0


def _probe(
    app_class: type, screen_class: type | None, t_imported: float, until_filled: bool
) -> type:
    """`app_class`, reporting the first frame of `screen_class` and then exiting.

    With `until_filled` it goes on to report the first frame in which a table or the
    attendee list on that screen shows rows and none is loading (lists read after the
    first frame), then exits.
    """
    from textual._compositor import CompositorUpdate
    from textual.widgets import DataTable

    class FirstFrameProbe(app_class):  # type: ignore[misc, valid-type]
        _bench_first_reported = False
        _bench_reported = False

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            if renderable is None or self._batch_count or self._bench_reported:
                return
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(self.console)  # what a terminal would be sent
            if screen_class is not None and not isinstance(screen, screen_class):
                return
            t_frame = time.perf_counter()
            tables = [t for t in screen.query(DataTable) if t.region.area]  # on screen
            lists = [w for w in screen.query(ATTENDEE_LIST) if w.region.area]
            rows = sum(table.row_count for table in tables)
            rows += sum(len(listing.attendees) for listing in lists)
            tables += lists
            if not self._bench_first_reported:
                self._bench_first_reported = True
                _say(
                    f"{MARKER} rows={rows} t_main={T_MAIN:.6f} t_imported={t_imported:.6f} "
                    f"t_frame={t_frame:.6f} cpu={time.process_time():.6f}"
                )
                if not until_filled:
                    self._bench_reported = True
                    self.exit()
                    return
            if rows and not any(table.loading for table in tables):
                self._bench_reported = True
                _say(f"{FILLED_MARKER} rows={rows} t_frame={t_frame:.6f}")
                self.exit()

    FirstFrameProbe.__name__ = app_class.__name__
    # Relative CSS_PATHs resolve beside the file that defines the app, as without the probe.
    base = getattr(app_class, "_BASE_PATH", None) or inspect.getfile(app_class)
    FirstFrameProbe._BASE_PATH = base
    return FirstFrameProbe


def _load(spec: str) -> type:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _watchdog() -> None:
    def give_up() -> None:
        _say(f"{ERROR_MARKER} no first frame after {GIVE_UP_S:.0f} s")
        os._exit(3)

    timer = threading.Timer(GIVE_UP_S, give_up)
    timer.daemon = True
    timer.start()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m workshop_app.bench.first_frame")
    parser.add_argument("variant", choices=("bare", "app"))
    parser.add_argument("--data-dir", help="sessions folder the app's catalog uses")
    parser.add_argument("--event", help="event database to open")
    parser.add_argument("--app", default=DEFAULT_APP, help="module:Class of the app")
    parser.add_argument("--screen", default=DEFAULT_SCREEN, help="module:Class of the screen")
    parser.add_argument(
        "--until-filled",
        action="store_true",
        help="after the first frame, also report the first frame whose table shows rows",
    )
    parser.add_argument("--width", type=int, default=DEFAULT_SIZE[0])
    parser.add_argument("--height", type=int, default=DEFAULT_SIZE[1])
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
