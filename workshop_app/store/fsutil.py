"""Durable file operations: what "saved" means is decided here."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def flush_to_disk(fd: int) -> None:
    """Make a file's written bytes durable.

    macOS `fsync` only reaches the drive's cache; F_FULLFSYNC reaches the platter.
    """
    if sys.platform == "darwin":
        import fcntl

        fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
    elif hasattr(os, "fdatasync"):
        os.fdatasync(fd)
    else:
        os.fsync(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (POSIX only; Windows has no dir fds)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        flush_to_disk(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def private_folder(folder: Path) -> Path:
    """Create `folder` readable only by this user: it holds personal data."""
    missing = [folder, *(p for p in folder.parents if not p.exists())]
    for path in reversed(missing):
        path.mkdir(exist_ok=True, mode=0o700)
    mode = folder.stat()
    # A folder that came with a checkout (sessions/.gitkeep) is not private yet.
    if mode.st_mode & 0o077 and (not hasattr(os, "getuid") or mode.st_uid == os.getuid()):
        folder.chmod(0o700)
    return folder
