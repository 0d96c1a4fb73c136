"""Atomic file writes: a temp file in the same folder, fsync, then rename (or link)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from anquan_cli import portable


def _mode_for(path: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return new_file_mode()


def new_file_mode() -> int:
    """The mode a new file gets: the usual 0666 less the umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def temp_beside(path: Path, data: bytes, sync: bool = True, mode: int | None = None) -> Path:
    """Write data whole to a new temp file in path's folder, for a later rename.

    The file is fsynced unless `sync` is False, for a caller writing many files that makes
    them all durable at once (`sync_all`) before renaming any. `mode` defaults to that of
    the file at path, or a new file's.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        portable.set_mode(fd, _mode_for(path) if mode is None else mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def sync_all(paths: Sequence[str | Path]) -> None:
    """Make these freshly written files durable: on Linux one sync, not an fsync each.

    Linux's sync(2) returns only once the data is written; elsewhere sync may return
    early, so each file is fsynced instead.
    """
    if sys.platform.startswith("linux") and portable.sync_filesystem():
        return
    for path in paths:
        fd = os.open(path, os.O_RDONLY | portable.BINARY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a folder's entries (files renamed or linked into it) durable.

    Windows opens no folder as a file; NTFS keeps its own journal of renames."""
    if portable.WINDOWS:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace the file at once: readers see the old bytes or the new, never half."""
    temp = temp_beside(path, data)
    try:
        portable.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)


def create_atomic(path: Path, data: bytes) -> bool:
    """Create a new file whole, or return False if the name is taken (never overwrites)."""
    if not portable.place_new(temp_beside(path, data), path):
        return False
    fsync_dir(path.parent)
    return True
