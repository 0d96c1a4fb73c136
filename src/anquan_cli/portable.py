"""What differs between Windows and POSIX systems: file locks, file modes, replacing, syncing.

Nothing POSIX-only is imported at module level anywhere in anquan: fcntl is imported here,
inside the POSIX branch, and msvcrt inside the Windows one. `WINDOWS` chooses the branch;
ANQUAN_PLATFORM=windows chooses the Windows branch on any system, which is how the
portability job (tests/portability/) runs the Windows code paths on Linux.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import sys
import time
from typing import Any

WINDOWS = sys.platform == "win32" or os.environ.get("ANQUAN_PLATFORM") == "windows"

BINARY = getattr(os, "O_BINARY", 0)
"""os.open's flag for bytes as they are: without it Windows writes every \\n as \\r\\n."""
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""os.open's flag refusing a symlink, where there is one (not on Windows)."""

_REPLACE_TRIES = 20
"""How often a replace refused on Windows is tried (0.05 s, 0.1 s, … apart: about 2 s in all)."""


def try_lock(fd: int) -> bool:
    """Take the exclusive lock on an open lock file without waiting: False if another holds it.

    Any other failure (a file system without locks) raises OSError, as before."""
    if WINDOWS:
        msvcrt = _msvcrt()
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def unlock(fd: int) -> None:
    """Give the lock back (before the file is closed: Windows says only that a lock left at
    close is released "eventually")."""
    if WINDOWS:
        msvcrt = _msvcrt()
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):  # closing the file releases it all the same
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _msvcrt() -> Any:
    """Windows' C runtime module (typed stubs only exist when checking for win32)."""
    return importlib.import_module("msvcrt")


def set_mode(fd: int, mode: int) -> None:
    """Give a new file (a temp file, made 0600) its mode; Windows files have no such mode."""
    if not WINDOWS and hasattr(os, "fchmod"):
        os.fchmod(fd, mode)


def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """os.replace, which on Windows is retried for a moment while the target is held open.

    Windows refuses to replace a file that another program (a reader, WPS, a virus scanner)
    has open; such a hold is brief, so the rename is tried again for about two seconds."""
    if not WINDOWS:
        os.replace(source, target)
        return
    delay = 0.05
    for attempt in range(_REPLACE_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == _REPLACE_TRIES - 1:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def place_new(temp: str | os.PathLike[str], target: str | os.PathLike[str]) -> bool:
    """Give a finished temp file the name target, unless that name is taken: then False.

    Never overwrites, even when two processes race for one name; the temp name is gone
    afterwards either way. POSIX links the temp file to the new name (link refuses a taken
    name); Windows renames it (its rename refuses a taken name, on every file system)."""
    try:
        if WINDOWS:
            os.rename(temp, target)
        else:
            os.link(temp, target)
    except FileExistsError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    return True


def sync_filesystem() -> bool:
    """Flush every file system's written data (Linux and macOS); False where there is no
    such call (Windows), and the caller fsyncs each file instead."""
    sync = getattr(os, "sync", None)
    if WINDOWS or sync is None:
        return False
    sync()
    return True


def can_fork() -> bool:
    """Whether bulk work may fork worker processes (Linux only: elsewhere they spawn, slowly)."""
    import multiprocessing

    return (
        not WINDOWS
        and sys.platform == "linux"
        and "fork" in multiprocessing.get_all_start_methods()
    )
