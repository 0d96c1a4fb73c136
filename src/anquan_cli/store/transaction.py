"""The one way record files are written: all or nothing, git's commit included.

A write — one new file, an edit, or an import's thousands of new files — is a list of
Changes. Their names and bytes (and an edit's old bytes) go first into the ledger's undo
journal (store/journal.py); then the files are written (a new name already taken is a
failure), made durable, and committed as one commit, and only then is the journal removed.
A failure on the way — a full disk, a name taken meanwhile, git refusing the commit, Ctrl-C —
takes back what was written: new files removed, edited files given their old bytes, all taken
back out of git's index. A crash (power cut, kill -9), at any moment including the git step,
is finished or undone from the journal by the next command. Either way running the command
again makes one record, not two. The caller holds the ledger's write lock.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from anquan_cli import portable
from anquan_cli.errors import AnquanError
from anquan_cli.store import git, journal
from anquan_cli.store.atomic import create_atomic, fsync_dir, new_file_mode, sync_all, write_atomic
from anquan_cli.store.journal import Change

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | portable.BINARY


@dataclass(frozen=True)
class Commit:
    """The commit a write ends with: its message, in the office's name."""

    message: str
    office: str
    only_changed: bool = False
    """Commit only the files that then differ from git's (a file converted back to what was
    last committed has nothing to commit)."""


class NameTaken(AnquanError):
    """A new file's name was taken between choosing it and creating it."""


def write_changes(
    root: Path, changes: Sequence[Change], commit: Commit | None, *, bulk: bool = False
) -> None:
    """Write the changes and commit them (when `commit` is given), all or nothing.

    `bulk` (an import): readers are told while it runs, and new files are created in place
    with one sync for all; otherwise each new file is written beside and linked in whole."""
    if not changes:
        return
    head = git.head(root) if commit is not None else None
    for folder in sorted({os.path.dirname(c.name) for c in changes}):
        (root / folder).mkdir(parents=True, exist_ok=True)
    message = commit.message if commit is not None else ""
    journal.write_journal(root, changes, head=head, message=message, bulk=bulk)
    done: list[Change] = []
    try:
        _write(root, changes, bulk, done)
        if commit is not None:
            names = [c.name for c in changes]
            if commit.only_changed:
                names = git.changed_names(root, names)
            git.commit_names(root, names, commit.message, commit.office)
    except BaseException:
        _take_back(root, done, [c.name for c in changes], head, bulk)
        raise
    journal.remove_journal(root, bulk)


def _write(root: Path, changes: Sequence[Change], bulk: bool, done: list[Change]) -> None:
    """Write each change, noting it in `done` first, so that a failure (or Ctrl-C) even just
    after the write takes it back; the take-back touches only a file holding what this write
    meant it to. A new file's name found taken is someone else's file: it leaves `done`."""
    base = str(root)
    mode = new_file_mode()
    new_files: list[Change] = []
    for change in changes:
        target = f"{base}/{change.name}"
        if change.old is None and bulk:
            new_files.append(change)
            continue
        done.append(change)
        if change.old is not None:
            write_atomic(Path(target), change.new)
        elif not create_atomic(Path(target), change.new):
            done.remove(change)
            raise NameTaken("文件名已被占用", change.name)
    _create_all(base, new_files, mode, done)
    if new_files:
        created = [f"{base}/{change.name}" for change in new_files]
        sync_all(created)  # one sync, not an fsync per file: a third of a large import
        for folder in sorted({os.path.dirname(path) for path in created}):
            fsync_dir(Path(folder))


CREATE_THREADS = 4
"""Threads that create a bulk write's new files: creating a file is the kernel's work, done
without Python's lock, so two to four of them create an import's files in about 60 % of the
time one takes (bench/RESULTS.md section 7)."""
THREADED_FROM = 256
"""New files below which one thread creates them all (a thread costs more than it saves)."""


def _create_all(base: str, changes: Sequence[Change], mode: int, done: list[Change]) -> None:
    """Create a bulk write's new files, on several threads when there are many, noting each
    in `done` as it is begun. The first failure (a full disk, a name taken) stops every thread
    before its next file, and is raised once all have stopped: the caller then takes back
    the files `done` holds. Ctrl-C stops them the same way."""
    threads = min(CREATE_THREADS, os.cpu_count() or 1, len(changes) // (THREADED_FROM // 4) or 1)
    if len(changes) < THREADED_FROM or threads < 2:
        _create_share(base, changes, mode, done, threading.Event())
        return
    stop = threading.Event()
    failures: list[BaseException] = []
    shares = [changes[i::threads] for i in range(threads)]

    def work(share: Sequence[Change]) -> None:
        try:
            _create_share(base, share, mode, done, stop)
        except BaseException as error:
            failures.append(error)
            stop.set()

    helpers = [threading.Thread(target=work, args=(share,), daemon=True) for share in shares[1:]]
    for helper in helpers:
        helper.start()
    half = len(shares[0]) // 2
    try:
        _create_share(base, shares[0][:half], mode, done, stop)
        _start_writeback()
        _create_share(base, shares[0][half:], mode, done, stop)
    except BaseException as error:
        failures.insert(0, error)
        stop.set()
    _wait_for(helpers, stop, failures)
    if failures:
        raise failures[0]


def _start_writeback() -> None:
    """Half the files made: have the kernel start writing them to disk now, beside the rest
    being made, so the sync that makes them all durable has about half as much left to wait
    for. Durability rests on that final sync alone (where there is no such call, as on
    Windows, nothing happens here)."""
    threading.Thread(target=portable.sync_filesystem, name="anquan-writeback", daemon=True).start()


def _wait_for(
    helpers: Sequence[threading.Thread], stop: threading.Event, failures: list[BaseException]
) -> None:
    """Join every helper, even through Ctrl-C: it stops them, and is raised once they have
    (no file may appear after the caller has taken the write back)."""
    while any(helper.is_alive() for helper in helpers):
        try:
            for helper in helpers:
                helper.join()
        except BaseException as error:
            stop.set()
            failures.insert(0, error)


def _create_share(
    base: str, changes: Sequence[Change], mode: int, done: list[Change], stop: threading.Event
) -> None:
    for change in changes:
        if stop.is_set():
            return
        done.append(change)
        try:
            create(f"{base}/{change.name}", change.new, mode)
        except NameTaken:
            done.remove(change)
            raise


def create(path: str, data: bytes, mode: int) -> None:
    """Create the file whole; a name already taken (even by a symlink) is a failure."""
    try:
        fd = os.open(path, _NEW_FILE, mode)
    except FileExistsError:
        raise NameTaken("导入期间文件已被占用，已撤销本次导入", path) from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        os.close(fd)
        os.unlink(path)  # a file cut short (a full disk) is not left behind
        raise
    os.close(fd)


def _take_back(
    root: Path, done: Sequence[Change], names: Sequence[str], head: str | None, bulk: bool
) -> None:
    """After a failure: undo the changes written, and take every name the write meant to
    commit back out of git's index; the journal goes only once that is done, else the next
    command tries again from it."""
    try:
        journal.take_back(root, journal.Journal(list(done), head, ""))
        if head is not None:
            git.unstage_names(root, names, check=True)
    except (OSError, AnquanError):
        return
    journal.remove_journal(root, bulk)
