"""Start-up time: process start to the first rendered frame of the event screen.

Each run spawns `python -m workshop_app.bench.first_frame ...` and takes the wall time
until the child reports its first frame, so interpreter start-up and imports count, as a
user would feel them. The variants take turns, run after run, so a noisy machine slows
them alike; each is run once first, untimed, to warm the disk cache (with --quick, only
the bare app is).
"""

from __future__ import annotations

import os
import selectors
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from workshop_app.bench.first_frame import ERROR_MARKER, FILLED_MARKER, MARKER
from workshop_app.bench.fixtures import demo_event, make_event
from workshop_app.bench.rows import Row
from workshop_app.bench.sections import BenchContext
from workshop_app.core.demo import DEMO_ATTENDEE_COUNT

SECTION = "First frame"
CHILD = "workshop_app.bench.first_frame"
BARE = "bare Textual app (Header + empty DataTable + Footer)"
SIZES = (2_000, 10_000)
TARGET_RATIOS = {2_000: 1.3, 10_000: 1.6}  # median / bare median
FILLED_ROW = "  … until its attendee table shows rows"


class BenchChildError(RuntimeError):
    """A child process did not report a first frame."""


@dataclass(frozen=True)
class Variant:
    """One thing to start: `args` follow `python -m workshop_app.bench.first_frame`."""

    label: str
    args: tuple[str, ...]
    size: int | None = None  # attendees in the event
    target_ratio: float | None = None

    @property
    def until_filled(self) -> bool:
        return "--until-filled" in self.args


@dataclass(frozen=True)
class Sample:
    """One start, in perf_counter seconds (a clock the child shares)."""

    spawned: float
    child_main: float  # the child's first line of bench code ran
    child_imported: float  # its app module and dependencies were imported
    child_frame: float  # the target screen's first frame was rendered
    seen: float  # the parent read the report
    rows: int  # DataTable rows on the screen in that frame
    cpu: float  # CPU seconds the child had used by then: less swayed by a busy machine
    filled_seen: float | None = None  # the report of the first frame with a filled table
    filled_rows: int = 0

    @property
    def elapsed(self) -> float:
        return self.seen - self.spawned

    @property
    def filled_elapsed(self) -> float:
        if self.filled_seen is None:
            raise ValueError("this run did not wait for a filled table")
        return self.filled_seen - self.spawned


def run(ctx: BenchContext) -> list[Row]:
    repeats = 3 if ctx.quick else 7
    variants = [bare_variant(), *app_variants(ctx.work_dir, SIZES)]
    warmup = variants[:1] if ctx.quick else None
    return first_frame_rows(variants, measure_first_frames(variants, repeats, warmup=warmup))


def bare_variant() -> Variant:
    return Variant(BARE, ("bare",))


def app_variants(
    work_dir: Path, sizes: Sequence[int], extra_args: Sequence[str] = ()
) -> list[Variant]:
    """The demo event and generated events of `sizes` attendees, each in its own folder."""
    folder = work_dir / "sessions-demo"
    variants = [
        Variant(
            "workshop-app: demo event",
            (
                "app",
                "--until-filled",
                "--data-dir",
                str(folder),
                "--event",
                str(demo_event(folder)),
                *extra_args,
            ),
            size=DEMO_ATTENDEE_COUNT,
        )
    ]
    for size in sizes:
        folder = work_dir / f"sessions-{size}"
        path = make_event(folder, size)
        variants.append(
            Variant(
                f"workshop-app: {size:,}-attendee event",
                (
                    "app",
                    "--until-filled",
                    "--data-dir",
                    str(folder),
                    "--event",
                    str(path),
                    *extra_args,
                ),
                size=size,
                target_ratio=TARGET_RATIOS.get(size),
            )
        )
    return variants


def measure_first_frames(
    variants: Sequence[Variant],
    repeats: int,
    *,
    warmup: Sequence[Variant] | None = None,
    env: Mapping[str, str] | None = None,
) -> dict[str, list[Sample]]:
    """`repeats` timed starts of every variant, interleaved, rotating who goes first.

    `warmup` are started once first, untimed (None: every variant), so the disk cache
    and compiled bytecode are as a user who has started the app before finds them.
    """
    for variant in variants if warmup is None else warmup:
        start_once(variant, env)
    samples: dict[str, list[Sample]] = {v.label: [] for v in variants}
    for repeat in range(repeats):
        shift = repeat % len(variants)
        for variant in [*variants[shift:], *variants[:shift]]:
            samples[variant.label].append(start_once(variant, env))
    return samples


def start_once(
    variant: Variant, env: Mapping[str, str] | None = None, timeout_s: float = 90.0
) -> Sample:
    """Spawn the child, wait for its reports, then for it to exit (untimed)."""
    with tempfile.TemporaryFile("w+") as errors:
        spawned = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", CHILD, *variant.args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            bufsize=0,
            env=dict(env) if env is not None else None,
        )
        try:
            deadline = spawned + timeout_s
            reports = _Reports(child)
            first = reports.next(deadline)
            filled = None
            if variant.until_filled and first[0].startswith(MARKER):
                filled = reports.next(deadline)
            child.wait(timeout=timeout_s)
        except BaseException:
            child.kill()
            child.wait()
            raise
        finally:
            assert child.stdout is not None
            child.stdout.close()
        errors.seek(0)
        stderr = errors.read()
    problem = _problem(first[0], MARKER)
    if not problem and filled is not None:
        problem = _problem(filled[0], FILLED_MARKER)
    if problem:
        raise BenchChildError(
            f"{variant.label}: {problem} (exit {child.returncode})\n" + stderr[-3000:]
        )
    fields = _fields(first[0])
    return Sample(
        spawned=spawned,
        child_main=float(fields["t_main"]),
        child_imported=float(fields["t_imported"]),
        child_frame=float(fields["t_frame"]),
        seen=first[1],
        rows=int(fields["rows"]),
        cpu=float(fields["cpu"]),
        filled_seen=filled[1] if filled else None,
        filled_rows=int(_fields(filled[0])["rows"]) if filled else 0,
    )


def _problem(line: str, marker: str) -> str:
    return "" if line.startswith(marker + " ") else (line.strip() or "no report")


def _fields(line: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in line.split()[1:])


class _Reports:
    """The child's report lines, read unbuffered so each is timed when it arrives."""

    def __init__(self, child: subprocess.Popen[bytes]) -> None:
        assert child.stdout is not None
        self._child = child
        self._fd = child.stdout.fileno()
        self._pending = b""

    def next(self, deadline: float) -> tuple[str, float]:
        """The next report line (or "" once the child closed its output), and when."""
        while True:
            while b"\n" in self._pending:
                raw, self._pending = self._pending.split(b"\n", 1)
                line = raw.decode(errors="replace")
                if line.startswith((MARKER, FILLED_MARKER, ERROR_MARKER)):
                    return line, time.perf_counter()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise BenchChildError(f"no report within the time limit: {self._child.args!r}")
            with selectors.DefaultSelector() as selector:
                selector.register(self._fd, selectors.EVENT_READ)
                if not selector.select(remaining):
                    continue
            chunk = os.read(self._fd, 65536)
            if not chunk:
                return self._pending.decode(errors="replace"), time.perf_counter()
            self._pending += chunk


def first_frame_rows(variants: Sequence[Variant], samples: Mapping[str, list[Sample]]) -> list[Row]:
    """Per variant: median wall time to the first frame, and its ratio to the bare app's.

    A variant that waited for its table to fill gets a second row for that.
    """
    bare = next((v for v in variants if v.args[:1] == ("bare",)), None)
    bare_median = _median_ms([s.elapsed for s in samples[bare.label]]) if bare else None

    def row(variant: Variant, name: str, times: list[float], note: str, judged: bool) -> Row:
        median = _median_ms(times)
        ratio = median / bare_median if bare_median and variant is not bare else None
        target, met = "", None
        if judged and variant.target_ratio is not None:
            target = f"≤ {variant.target_ratio:g}x bare"
            met = ratio is not None and ratio <= variant.target_ratio
        return Row(
            section=SECTION,
            name=name,
            size=variant.size,
            median_ms=median,
            max_ms=max(times) * 1000,
            samples=len(times),
            ratio=ratio,
            baseline="bare app" if ratio is not None else "",
            target=target,
            met=met,
            note=note,
        )

    rows = []
    for variant in variants:
        runs = samples[variant.label]
        rows.append(row(variant, variant.label, [s.elapsed for s in runs], _breakdown(runs), True))
        if variant.until_filled:
            filled = sorted({s.filled_rows for s in runs})
            rows.append(
                row(
                    variant,
                    FILLED_ROW,
                    [s.filled_elapsed for s in runs],
                    f"{'/'.join(f'{n:,}' for n in filled)} rows shown "
                    "(the list is read in a worker after the first frame)",
                    False,
                )
            )
    return rows


def _breakdown(runs: Sequence[Sample]) -> str:
    python = _median_ms([s.child_main - s.spawned for s in runs])
    imports = _median_ms([s.child_imported - s.child_main for s in runs])
    app = _median_ms([s.child_frame - s.child_imported for s in runs])
    cpu = _median_ms([s.cpu for s in runs])
    shown = sorted({s.rows for s in runs})
    rows = "/".join(f"{n:,}" for n in shown)
    return (
        f"python start {python:.0f} + imports {imports:.0f} + app to frame {app:.0f} ms; "
        f"CPU {cpu:.0f} ms; {rows} table rows on screen in that frame"
    )


def _median_ms(seconds: Sequence[float]) -> float:
    return statistics.median(seconds) * 1000
