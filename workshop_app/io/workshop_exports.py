"""Write the workshop exports: door signs, door lists (XLSX and HTML) and the CSV.

They hold personal data, so each file is readable only by the user who made it, in a
folder only they can open, and an earlier export is never overwritten: a new file is
linked into place only under a name nobody has taken.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from workshop_app.core.allocation import Allocation
from workshop_app.core.workshop_plan import PlanInputs
from workshop_app.io.allocation_csv import render_csv
from workshop_app.io.room_lists import render_html, render_xlsx, room_rounds
from workshop_app.io.signs import render_signs
from workshop_app.store.fsutil import flush_to_disk, fsync_dir, private_folder


def export_workshops(
    inputs: PlanInputs, allocation: Allocation, folder: Path, stem: str, event_name: str
) -> list[Path]:
    """Write the four workshop files into `folder`; returns them, signs first.

    Args:
        inputs: what the allocation was made from (names, round times).
        allocation: the allocation to print.
        folder: the exports folder; created (mode 700) when missing.
        stem: the start of every file name, usually the event's file stem.
        event_name: shown in the HTML page titles.
    """
    places = room_rounds(inputs, allocation)
    stamp = f"{datetime.now().astimezone():%Y%m%d-%H%M%S}"
    files = (
        ("signs", ".html", render_signs(places, event_name).encode("utf-8")),
        ("door-lists", ".xlsx", render_xlsx(places)),
        ("door-lists", ".html", render_html(places, event_name).encode("utf-8")),
        ("allocation", ".csv", render_csv(inputs, allocation).encode("utf-8-sig")),
    )
    private_folder(folder)
    os.chmod(folder, 0o700)  # an existing exports folder may have been made readable to all
    return [
        write_new_file(folder, f"{stem}-{kind}-{stamp}", suffix, data)
        for kind, suffix, data in files
    ]


def write_new_file(folder: Path, base: str, suffix: str, data: bytes) -> Path:
    """Write `data` to a new file (mode 600) named `base[-n]suffix`; never replaces one.

    The bytes go to a temporary file first, so a crash never leaves half an export
    under the real name; `os.link` then fails rather than overwrite a taken name.
    """
    tmp = folder / f".{base}{suffix}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        flush_to_disk(fd)
    finally:
        os.close(fd)
    try:
        counter = 1
        while True:
            target = folder / f"{base}{'' if counter == 1 else f'-{counter}'}{suffix}"
            try:
                os.link(tmp, target)
            except FileExistsError:
                counter += 1
                continue
            except OSError:  # a filesystem without hard links (a FAT memory stick)
                if not _write_exclusive(target, data):
                    counter += 1
                    continue
            fsync_dir(folder)
            return target
    finally:
        tmp.unlink(missing_ok=True)


def _write_exclusive(target: Path, data: bytes) -> bool:
    """Create `target` with `data`; False when the name is taken."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        flush_to_disk(fd)
    finally:
        os.close(fd)
    return True
