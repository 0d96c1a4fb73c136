"""One writer at a time per clone: an advisory lock file inside the ledger."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from anquan_cli.errors import AnquanError
from anquan_cli.store.journal import has_import_journal, has_journal, recover

LOCK_NAME = ".anquan/lock"


@contextmanager
def write_lock(root: Path, wait_seconds: float = 10.0) -> Iterator[None]:
    """Hold the ledger's write lock; wait a little, then fail with a clear message."""
    path = root / LOCK_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise AnquanError("台账正被另一个 anquan 命令写入，请稍后再试", path) from None
                time.sleep(0.05)
        recover(root)  # an import cut off half way is undone before anything else is written
        yield
    finally:
        os.close(fd)


def recover_if_idle(root: Path) -> int | None:
    """Finish or undo a write cut off half way (store/journal.py), unless it is running now.

    How many files were taken back (0 when there was nothing to undo, or a single write is
    running: its file appears whole or not at all), or None while an import is running (or
    its journal is there and the lock cannot be taken, on a read-only copy).
    """
    if not has_journal(root):
        return 0
    importing = None if has_import_journal(root) else 0
    try:
        fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return importing
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return importing
    try:
        return recover(root)
    finally:
        os.close(fd)
