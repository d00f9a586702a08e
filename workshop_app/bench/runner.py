"""`workshop-app bench`: run every registered section in one go and print one table."""

from __future__ import annotations

import math
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from workshop_app.bench.rows import Row
from workshop_app.bench.sections import SECTIONS, BenchContext, Section
from workshop_app.store.catalog import default_folder

LEGEND = (
    "p50 = median of all runs; p99 = nearest-rank 99th percentile (with under 100 runs, "
    "the slowest); ratio = median ÷ its baseline's median from this same run; "
    "✓/✗ = target met/missed; times in ms."
)


def run_bench(quick: bool, only: list[str] | None = None) -> int:
    """Measure, print the table; 0 when every section ran (whatever the timings)."""
    known = {section.key for section in SECTIONS}
    unknown = sorted(set(only or ()) - known)
    if unknown:
        print(
            f"workshop-app bench: no section {', '.join(unknown)}; "
            f"sections: {', '.join(sorted(known))}",
            file=sys.stderr,
        )
        return 2
    console = Console() if sys.stdout.isatty() else Console(width=200)
    started = time.perf_counter()
    sessions = default_folder()
    work_dir, where = scratch_folder(sessions)
    filesystem = _filesystem(work_dir)
    failures = 0
    rows: list[Row] = []
    took: list[str] = []
    try:
        for section in SECTIONS:
            if only and section.key not in only:
                continue
            print(f"bench: {section.title}...", file=sys.stderr, flush=True)
            section_started = time.perf_counter()
            section_rows, ok = run_section(section, BenchContext(quick, work_dir), console)
            took.append(f"{section.key} {time.perf_counter() - section_started:.0f} s")
            rows.extend(section_rows)
            failures += not ok
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    console.print(environment_line(quick, work_dir, where, filesystem))
    console.print(build_table(rows))
    console.print(LEGEND, style="dim")
    total = time.perf_counter() - started
    console.print(f"Bench took {total:.0f} s ({', '.join(took)}).", style="dim")
    return 1 if failures else 0


def run_section(section: Section, ctx: BenchContext, console: Console) -> tuple[list[Row], bool]:
    folder = ctx.work_dir / section.key
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return section.run(BenchContext(ctx.quick, folder)), True
    except Exception:
        console.print(f"[red]Bench section '{section.title}' failed:[/]")
        console.print(traceback.format_exc(), markup=False, highlight=False)
        return [], False


def scratch_folder(sessions: Path) -> tuple[Path, str]:
    """A fresh folder on the filesystem the sessions folder is on, and which one it is.

    The system temp folder when it is on that filesystem (not a RAM disk), else beside
    the sessions folder.
    """
    anchor = _existing(sessions.resolve())
    system_tmp = Path(tempfile.gettempdir())
    if os.stat(system_tmp).st_dev == os.stat(anchor).st_dev:
        return Path(tempfile.mkdtemp(prefix="workshop-bench-")), "system temp folder"
    parent = anchor if anchor != sessions.resolve() else anchor.parent
    folder = Path(tempfile.mkdtemp(prefix=".workshop-bench-", dir=parent))
    return folder, f"beside the sessions folder ({system_tmp} is another filesystem)"


def environment_line(
    quick: bool, work_dir: Path, where: str, filesystem: tuple[str, str, str]
) -> Text:
    def package(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"

    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    mount, fstype, device = filesystem
    lines = [
        f"workshop-app bench{' --quick' if quick else ''} on {platform.node()}: "
        f"{platform.system()} {platform.release()} {platform.machine()}, "
        f"{_cpu_model()} x {os.cpu_count()}, load average {load} at the end",
        f"{platform.python_implementation()} {platform.python_version()} ({sys.executable}); "
        f"textual {package('textual')}, rich {package('rich')}, tinydb {package('tinydb')}, "
        f"SQLite {sqlite3.sqlite_version}, workshop-app {package('workshop-app')}",
        f"Scratch files: {work_dir} ({where}; {fstype} {device} on {mount}, the filesystem of "
        f"the sessions folder {default_folder().resolve()}), deleted afterwards.",
    ]
    return Text("\n".join(lines))


def build_table(rows: Sequence[Row]) -> Table:
    table = Table(title="workshop-app bench", title_justify="left", show_lines=False)
    table.add_column("Measurement")
    table.add_column("N", justify="right")
    table.add_column("p50", justify="right")
    table.add_column("p99", justify="right")
    table.add_column("max", justify="right")
    table.add_column("runs", justify="right")
    table.add_column("ratio", justify="right")
    table.add_column("target")
    table.add_column("", justify="center")
    table.add_column("notes", overflow="fold")
    section = None
    explained: set[tuple[str, str]] = set()  # a note is shown on the first row of its name
    for row in rows:
        if row.section != section:
            if section is not None:
                table.add_section()
            section = row.section
            table.add_row(Text(section, style="bold"))
        note_key = (row.name, row.note)
        table.add_row(
            row.name,
            f"{row.size:,}" if row.size is not None else "",
            _ms(row.median_ms),
            _ms(row.p99_ms),
            _ms(row.max_ms),
            str(row.samples) if row.samples else "",
            f"{row.ratio:.2f}x {row.baseline}" if row.ratio is not None else "",
            row.target,
            _verdict(row.met),
            Text("" if note_key in explained else row.note, style="dim"),
        )
        explained.add(note_key)
    return table


def _ms(value: float | None) -> str:
    if value is None:
        return ""
    if math.isnan(value):
        return "-"
    if value < 10:
        return f"{value:.2f}"
    if value < 100:
        return f"{value:.1f}"
    return f"{value:,.0f}"


def _verdict(met: bool | None) -> Text:
    if met is None:
        return Text("")
    return Text("✓", style="green") if met else Text("✗", style="bold red")


def _existing(path: Path) -> Path:
    while not path.exists():
        path = path.parent
    return path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _filesystem(path: Path) -> tuple[str, str, str]:
    """Mount point, type and device of `path` (Linux), best effort."""
    best = ("?", "?", "?")
    try:
        resolved = str(path.resolve())
        for line in Path("/proc/mounts").read_text().splitlines():
            device, mount, fstype, *_ = line.split()
            inside = resolved == mount or resolved.startswith(mount.rstrip("/") + "/")
            if inside and (best[0] == "?" or len(mount) >= len(best[0])):
                best = (mount, fstype, device)
    except (OSError, ValueError):
        pass
    return best
