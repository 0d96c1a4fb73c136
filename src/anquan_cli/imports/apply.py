"""Writing an import's records all or nothing, under the ledger's lock, as one git commit.

The new files' names and bytes go first into the ledger's undo journal (store/journal.py);
then each file is created in place (a name already taken is a failure) and one sync makes
them all durable before the journal is removed. A failure on the way — a full disk, a name
taken meanwhile — removes whatever this import had created; a crash is undone from the
journal by the next command; git refusing the commit takes the files back out. Either way
the ledger is as it was.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from pathlib import Path

from anquan_cli import portable
from anquan_cli.errors import AnquanError
from anquan_cli.model.records import Record
from anquan_cli.store import git
from anquan_cli.store.atomic import fsync_dir, new_file_mode, sync_all
from anquan_cli.store.bulk import bulk
from anquan_cli.store.journal import remove_journal, write_journal
from anquan_cli.store.loader import PARALLEL_FROM, bulk_workers
from anquan_cli.store.paths import record_names
from anquan_cli.store.writer import render_new

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | portable.BINARY


def create(path: str, data: bytes, mode: int) -> None:
    """Create the file whole; a name already taken (even by a symlink) is a failure."""
    try:
        fd = os.open(path, _NEW_FILE, mode)
    except FileExistsError:
        raise AnquanError("导入期间文件已被占用，已撤销本次导入", path) from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


_RENDERING: Sequence[Record] = ()  # the records render_all's forked workers read


def _render_range(bounds: tuple[int, int]) -> list[bytes]:
    return [render_new(record) for record in _RENDERING[bounds[0] : bounds[1]]]


def render_all(records: Sequence[Record]) -> list[bytes]:
    """Every record's file, in order; a large import's on every core.

    Forked workers see the records as they are (nothing is pickled on the way in) and send
    back only the bytes.
    """
    global _RENDERING
    workers = bulk_workers() if len(records) >= PARALLEL_FROM else 1
    with bulk():
        if workers == 1:
            return [render_new(record) for record in records]
        import multiprocessing

        step = -(-len(records) // (workers * 4))
        ranges = [(start, start + step) for start in range(0, len(records), step)]
        _RENDERING = records
        try:
            with multiprocessing.get_context("fork").Pool(workers, initializer=gc.disable) as pool:
                return [data for part in pool.imap(_render_range, ranges) for data in part]
        finally:
            _RENDERING = ()


def write_records(root: Path, records: Sequence[Record]) -> list[str]:
    """Write every record's file, or none of them; give their names relative to the ledger.
    The caller holds the ledger's lock.

    Paths are plain strings here: for an import of thousands of files, a Path each costs
    more than the work it names (each folder is checked once, by record_names)."""
    names = record_names(root, [r.id for r in records])
    contents = render_all(records)
    targets = _full_paths(root, names)
    folders = [root / folder for folder in sorted({name.rpartition("/")[0] for name in names})]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    write_journal(root, list(zip(names, contents, strict=True)))
    mode = new_file_mode()
    created: list[str] = []
    try:
        for target, data in zip(targets, contents, strict=True):
            create(target, data, mode)
            created.append(target)
        sync_all(targets)  # one sync, not an fsync per file: a third of a large import
        for folder in folders:
            fsync_dir(folder)
    except BaseException:
        if _remove(created):
            remove_journal(root)  # else the next command retries from the journal
        raise
    remove_journal(root)
    return names


def undo(root: Path, names: Sequence[str]) -> None:
    """Take an import's files (named relative to the ledger) back out, after a failed commit."""
    _remove(_full_paths(root, names))


def _full_paths(root: Path, names: Sequence[str]) -> list[str]:
    """The files' full paths, as strings."""
    base = str(root)
    return [f"{base}/{name}" for name in names]


def _remove(paths: Sequence[str]) -> bool:
    """Remove these files; True when none is left."""
    gone = True
    for path in paths:
        try:
            os.unlink(path)
        except FileNotFoundError:
            continue
        except OSError:
            gone = False
    return gone


def commit_import(root: Path, names: Sequence[str], message: str, office: str) -> None:
    """Commit exactly the imported files as one commit; on failure unstage them and raise."""
    if not names or not git.is_repository(root):
        return
    try:
        git.commit_names(root, names, message, office)
    except AnquanError:
        git.unstage_names(root, names)
        raise
